package notify

import (
	"errors"
	"fmt"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// Message is one e-mail to one address. It has no free-text field on
// purpose: an e-mail never carries a client's details, only what a
// Template says with its Fields, a link into Neuvo and a number. Whatever
// the reader needs beyond that, they read in Neuvo after logging in.
type Message struct {
	To          string // one address, e.g. a user's or a consenting client's
	Lang        string // fi, sv or en
	Template    Template
	Fields      Fields
	Attachments []Attachment // e.g. an invitation.ics
}

// Fields are everything a template may say.
type Fields struct {
	// Number is the record's number as the UI shows it, e.g. "1042" or
	// "KP-2026-17": letters, digits and dashes, at most 32.
	Number string
	// Link is a path inside Neuvo such as "/consultations/42", without a
	// query string; e-mails get it as an absolute URL on NEUVO_BASE_URL.
	Link string
	// At is the time the message is about (a meeting), shown in Finnish
	// time; zero when there is none.
	At time.Time
}

// Attachment is a file sent along, e.g. an .ics calendar entry. It must
// not carry client details either.
type Attachment struct {
	Name        string `db:"name"`         // e.g. "invitation.ics"
	ContentType string `db:"content_type"` // e.g. "text/calendar; method=REQUEST"
	Content     []byte `db:"content"`
}

const (
	maxAttachments    = 5
	maxAttachmentSize = 1 << 20
)

var (
	linkPattern   = regexp.MustCompile(`^/[A-Za-z0-9/_-]*$`)
	numberPattern = regexp.MustCompile(`^[A-Za-z0-9-]{0,32}$`)
	filePattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
)

// ErrInvalid is wrapped by every refusal of a message or notice; the
// caller has a bug, not the user.
var ErrInvalid = errors.New("invalid notification")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

func (f Fields) validate() error {
	if !linkPattern.MatchString(f.Link) {
		return invalid("link %q is not a path inside Neuvo", f.Link)
	}
	if !numberPattern.MatchString(f.Number) {
		return invalid("number %q is not letters, digits and dashes", f.Number)
	}
	return nil
}

// address is the bare address of m.To, or an error.
func (m Message) validate() (address string, err error) {
	addr, err := mail.ParseAddress(m.To)
	if err != nil || len(addr.Address) > 320 {
		return "", invalid("recipient is not an e-mail address")
	}
	if !isLanguage(m.Lang) {
		return "", invalid("language %q", m.Lang)
	}
	if !m.Template.known() {
		return "", invalid("template %q is not in Templates()", m.Template)
	}
	if err := m.Fields.validate(); err != nil {
		return "", err
	}
	if len(m.Attachments) > maxAttachments {
		return "", invalid("%d attachments, at most %d", len(m.Attachments), maxAttachments)
	}
	for _, a := range m.Attachments {
		if err := a.validate(); err != nil {
			return "", err
		}
	}
	return addr.Address, nil
}

func (a Attachment) validate() error {
	if !filePattern.MatchString(a.Name) {
		return invalid("attachment name %q", a.Name)
	}
	if media, _, err := mime.ParseMediaType(a.ContentType); err != nil || !strings.Contains(media, "/") || len(a.ContentType) > 100 {
		return invalid("attachment content type %q", a.ContentType)
	}
	if len(a.Content) > maxAttachmentSize {
		return invalid("attachment %s is over 1 MiB", a.Name)
	}
	return nil
}

func isLanguage(code string) bool { return code == "fi" || code == "sv" || code == "en" }

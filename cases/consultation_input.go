package cases

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
)

// BookingInput is a booking, from the hub's form or a partner worker's.
type BookingInput struct {
	IdempotencyKey string
	SlotID         int64     // a published slot; 0 books an ad-hoc time (hub advisers only)
	StartsAt       time.Time // ad hoc
	DurationMin    int       // ad hoc
	PartnerOrgID   int64     // the client's municipality; a partner books for itself
	ClientID       int64     // hub only: a client of the hub
	InviteClient   bool      // hub only: send the client the invitation (needs their e-mail)
	Meeting
	PartnerContactName  string // hub only; a partner worker is the contact themselves
	PartnerContactEmail string
	Note                string
	// ConfirmFindings keeps the identity guard's warnings in the note, the
	// interpreter reference and the link (names, contact details); an
	// identity code is never kept.
	ConfirmFindings bool
}

// Meeting is how the meeting takes place.
type Meeting struct {
	ServiceLanguage     string
	InterpreterKind     string
	InterpreterLanguage string
	InterpreterRef      string
	Topics              []string
	MeetingLink         string // "" is "link to follow"
}

// Lengths of a booking's texts, as the schema bounds them. A meeting link
// is at most what a QR code on paper can carry; Teams links are about 300.
const (
	MaxMeetingLink      = 1000
	MaxInterpreterRef   = 100
	MaxConsultationNote = 2000
)

// Validate checks the booking's own fields; Book checks the slot, the
// municipality and the client against the database.
func (in *BookingInput) Validate(tax *Taxonomy, now time.Time) error {
	var v ValidationError
	in.PartnerContactName, in.PartnerContactEmail = strings.TrimSpace(in.PartnerContactName), strings.TrimSpace(in.PartnerContactEmail)
	in.Note = strings.TrimSpace(in.Note)
	if in.IdempotencyKey != "" && !uuidPattern.MatchString(in.IdempotencyKey) {
		v.Add("idempotency_key", "error.idempotency_key")
	}
	v.Merge(in.validateTime(now))
	in.Meeting.validate(&v, tax)
	v.Text("partner_contact_name", in.PartnerContactName, MaxNameLen)
	if v.Text("partner_contact_email", in.PartnerContactEmail, MaxEmailLen) && in.PartnerContactEmail != "" &&
		!strings.Contains(in.PartnerContactEmail, "@") {
		v.Add("partner_contact_email", "error.email")
	}
	v.Text("note", in.Note, MaxConsultationNote)
	if in.InviteClient && in.ClientID == 0 {
		v.Add("invite_client", "error.invite_needs_client")
	}
	return v.Err()
}

func (m *Meeting) validate(v *ValidationError, tax *Taxonomy) {
	m.InterpreterRef, m.MeetingLink = strings.TrimSpace(m.InterpreterRef), normalLink(m.MeetingLink)
	if !v.List("topics", "error.too_many_topics", m.Topics, MaxTopics) {
		m.Topics = nil
	}
	m.Topics = dedupe(m.Topics)
	if m.InterpreterKind == "" {
		m.InterpreterKind = "none"
	}
	if m.InterpreterKind == "none" {
		m.InterpreterLanguage, m.InterpreterRef = "", ""
	}
	if m.ServiceLanguage == "" {
		v.Add("service_language", "error.required")
	} else if !tax.Valid("language", m.ServiceLanguage, nil) {
		v.Add("service_language", "error.unknown_code")
	}
	if !slices.Contains(InterpreterKinds, m.InterpreterKind) {
		v.Add("interpreter_kind", "error.unknown_code")
	} else if m.InterpreterKind != "none" && m.InterpreterLanguage == "" {
		v.Add("interpreter_language", "error.interpreter_language")
	}
	if m.InterpreterLanguage != "" && !tax.Valid("language", m.InterpreterLanguage, nil) {
		v.Add("interpreter_language", "error.unknown_code")
	}
	v.Text("interpreter_ref", m.InterpreterRef, MaxInterpreterRef)
	if len(m.Topics) == 0 {
		v.Add("topics", "error.topic_required")
	}
	for _, code := range m.Topics {
		if !tax.Valid("topic", code, nil) {
			v.Add("topics", "error.unknown_code")
			break
		}
	}
	if key := MeetingLinkProblem(m.MeetingLink); key != "" {
		v.Add("meeting_link", key)
	}
}

// MeetingLinkProblem checks a meeting link: empty ("link to follow") or an
// absolute https URL with a host and no user name or password in it, of
// any video service. It returns the translation key of the problem, or "".
func MeetingLinkProblem(link string) string {
	if link == "" {
		return ""
	}
	if !Storable(link) || len(link) > MaxMeetingLink {
		return "error.too_long"
	}
	if strings.IndexFunc(link, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "error.meeting_link"
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Hostname() == "" || u.User != nil || u.Opaque != "" {
		return "error.meeting_link"
	}
	return ""
}

// validateTime checks an ad-hoc time; a slot brings its own.
func (in *BookingInput) validateTime(now time.Time) error {
	if in.SlotID != 0 {
		return nil
	}
	var v ValidationError
	switch {
	case in.StartsAt.IsZero():
		v.Add("starts_at", "error.required")
	case !in.StartsAt.After(now):
		v.Add("starts_at", "error.slot_past")
	case tooFarAhead(in.StartsAt, now):
		v.Add("starts_at", "error.too_far_ahead")
	}
	if in.DurationMin < MinSlotMin || in.DurationMin > MaxSlotMin {
		v.Add("duration_min", "error.slot_length")
	}
	return v.Err()
}

// normalLink trims a typed link and writes its scheme in lower case, as the
// database's check expects; the rest stays as typed.
func normalLink(link string) string {
	link = strings.TrimSpace(link)
	if strings.HasPrefix(strings.ToLower(link), "https://") {
		link = "https://" + link[len("https://"):]
	}
	return link
}

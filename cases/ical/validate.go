package ical

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode"
)

func (e Event) validate() error {
	bad := func(field, why string) error { return fmt.Errorf("%w: %s %s", ErrInvalid, field, why) }
	switch {
	case e.UID == "" || !printableASCII(e.UID):
		return bad("UID", "must be printable ASCII without spaces")
	case e.Sequence < 0:
		return bad("Sequence", "must not be negative")
	case e.Stamp.IsZero():
		return bad("Stamp", "is missing")
	case e.Start.IsZero():
		return bad("Start", "is missing")
	case !e.End.After(e.Start):
		return bad("End", "must be after Start")
	case e.MeetingLink != "" && !absoluteURL(e.MeetingLink):
		return bad("MeetingLink", "must be an absolute URL")
	}
	if e.Organizer != nil && !plainAddress(e.Organizer.Email) {
		return bad("Organizer.Email", "is not an e-mail address")
	}
	for i, a := range e.Attendees {
		if !plainAddress(a.Email) {
			return bad(fmt.Sprintf("Attendees[%d].Email", i), "is not an e-mail address")
		}
	}
	return nil
}

// printableASCII keeps a UID safe to write unescaped and to compare
// byte for byte, which is how calendar clients match updates.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// absoluteURL admits what can stand unescaped as a URI value: a scheme, a
// host and no whitespace or control characters.
func absoluteURL(s string) bool {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// plainAddress admits a bare address (no display name), so it can follow
// "mailto:" as it is.
func plainAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && printableASCII(s)
}

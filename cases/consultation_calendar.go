package cases

import (
	"fmt"
	"net/mail"

	"neuvo/cases/ical"
)

// CalendarText is what a calendar entry says, in its reader's language;
// it never names the client.
type CalendarText struct {
	Summary, Description string
}

// CalendarUID is the consultation's calendar identity, stable for its
// whole life, so calendars replace their copy on every change.
func (c Consultation) CalendarUID(host string) string {
	return fmt.Sprintf("consultation-%d@%s", c.ID, host)
}

// Calendar writes the consultation's .ics file (RFC 5545): an invitation,
// or a cancellation once it is cancelled. SEQUENCE is the consultation's,
// which grows on every reschedule, link change and cancellation; DTSTAMP
// is its last change, so the same version is always the same file. The
// meeting link is in it only when this reader may see it (Details).
func (c Consultation) Calendar(host string, text CalendarText) ([]byte, error) {
	method := ical.Request
	if c.Status == StatusCancelled {
		method = ical.Cancel
	}
	e := ical.Event{UID: c.CalendarUID(host), Sequence: c.Sequence, Stamp: c.UpdatedAt, Start: c.StartsAt, End: c.EndsAt,
		Summary: text.Summary, Description: text.Description, MeetingLink: c.MeetingLink}
	if addr, err := mail.ParseAddress(c.AdviserEmail); err == nil && addr.Name == "" {
		e.Organizer = &ical.Person{Name: c.Adviser, Email: addr.Address}
	}
	return ical.Build(method, e)
}

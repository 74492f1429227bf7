// Package ical writes the RFC 5545 calendar file (.ics) of one remote
// consultation: an invitation (METHOD:REQUEST) or its cancellation
// (METHOD:CANCEL, STATUS:CANCELLED), with times in Finnish time.
//
// API:
//
//	data, err := ical.Build(ical.Request, ical.Event{
//		UID:         "consultation-42@neuvo.example.fi", // stable for the consultation's life
//		Sequence:    0,                                  // +1 on every reschedule and on cancel
//		Stamp:       now,                                // DTSTAMP, written in UTC
//		Start:       start, End: end,                    // instants; written as Europe/Helsinki
//		Summary:     "Etäneuvonta", Description: "…",
//		MeetingLink: "https://…",                        // URL, and LOCATION unless Location is set
//		Organizer:   &ical.Person{Name: "…", Email: "…"},
//		Attendees:   []ical.Person{{Email: "…"}},
//	})
//
// Build returns ErrInvalid (wrapped, naming the field) for an empty or
// unsafe UID, a negative sequence, a zero stamp, an end not after the
// start, a meeting link that is not an absolute URL, or an e-mail address
// that does not parse.
//
// What is written: CRLF line ends; lines folded at 75 octets, never inside
// a UTF-8 sequence; TEXT values escaped (backslash, semicolon, comma,
// newline; other control characters dropped); DTSTART/DTEND with
// TZID=Europe/Helsinki and a VTIMEZONE of the EU rules (EET +02:00, EEST
// +03:00 from the last Sunday of March to the last Sunday of October, both
// at 01:00 UTC). Attendees get RSVP=FALSE: Neuvo does not read replies.
//
// Limits:
//   - One VEVENT, no recurrence: every consultation is its own event.
//   - The VTIMEZONE states the rules in force since 1996; an event before
//     then would be shown an hour off in summer by readers that trust it.
//   - A time in the autumn hour that the clock shows twice (03:00–04:00
//     local on the last Sunday of October) is written in UTC, because
//     readers disagree on which pass a TZID time there means.
//   - RFC 5546 wants an ORGANIZER in REQUEST and CANCEL; mail clients offer
//     accept/decline only when there is one. It is optional here so that a
//     downloaded file can be made without naming staff; set it for mail.
//   - The caller keeps UID and SEQUENCE: a reader replaces its copy only
//     when the UID matches and the SEQUENCE is higher (or equal with a newer
//     DTSTAMP), so a reschedule and a cancellation must each raise it.
package ical

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Method is the iTIP method of the file (RFC 5546).
type Method string

const (
	Request Method = "REQUEST"
	Cancel  Method = "CANCEL"
)

// ErrInvalid wraps every refusal; the message names the field.
var ErrInvalid = errors.New("ical: invalid event")

// Person is an organizer or attendee; Email is required, Name optional.
type Person struct{ Name, Email string }

// Event is one consultation as the calendar file shows it.
type Event struct {
	UID         string
	Sequence    int
	Stamp       time.Time
	Start, End  time.Time
	Summary     string
	Description string
	Location    string // defaults to MeetingLink
	MeetingLink string
	Organizer   *Person
	Attendees   []Person
}

// prodID names the writer, as RFC 5545 §3.7.3 requires.
const prodID = "-//Neuvo//Remote consultations//EN"

// Build writes the calendar file of e for method m.
func Build(m Method, e Event) ([]byte, error) {
	if m != Request && m != Cancel {
		return nil, fmt.Errorf("%w: method %q", ErrInvalid, m)
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	var w writer
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + prodID)
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:" + string(m))
	writeHelsinkiTimezone(&w)
	writeEvent(&w, m, e)
	w.line("END:VCALENDAR")
	return w.bytes(), nil
}

func writeEvent(w *writer, m Method, e Event) {
	w.line("BEGIN:VEVENT")
	w.line("UID:" + e.UID)
	w.line(fmt.Sprintf("SEQUENCE:%d", e.Sequence))
	w.line("DTSTAMP:" + utcStamp(e.Stamp))
	w.line("DTSTART" + helsinkiDateTime(e.Start))
	w.line("DTEND" + helsinkiDateTime(e.End))
	w.line("SUMMARY:" + escapeText(e.Summary))
	if e.Description != "" {
		w.line("DESCRIPTION:" + escapeText(e.Description))
	}
	if loc := cmpOr(e.Location, e.MeetingLink); loc != "" {
		w.line("LOCATION:" + escapeText(loc))
	}
	if e.MeetingLink != "" {
		w.line("URL:" + e.MeetingLink)
	}
	if e.Organizer != nil {
		w.line("ORGANIZER" + commonName(e.Organizer.Name) + ":mailto:" + e.Organizer.Email)
	}
	for _, a := range e.Attendees {
		w.line("ATTENDEE" + commonName(a.Name) + ";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + a.Email)
	}
	if m == Cancel {
		w.line("STATUS:CANCELLED")
	} else {
		w.line("STATUS:CONFIRMED")
	}
	w.line("TRANSP:OPAQUE")
	w.line("END:VEVENT")
}

// commonName is the CN parameter, always quoted so that commas, colons and
// semicolons in a name need no escaping; a DQUOTE or a control character
// cannot appear in a parameter value (RFC 5545 §3.1) and is dropped.
func commonName(name string) string {
	clean := strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
	if strings.TrimSpace(clean) == "" {
		return ""
	}
	return `;CN="` + clean + `"`
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

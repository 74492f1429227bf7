package ical

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

var stamp = time.Date(2025, 3, 1, 9, 15, 0, 0, time.UTC)

func event(start time.Time) Event {
	return Event{
		UID:         "consultation-42@neuvo.example.fi",
		Sequence:    3,
		Stamp:       stamp,
		Start:       start,
		End:         start.Add(45 * time.Minute),
		Summary:     "Etäneuvonta: oleskelulupa",
		Description: "Tulkki: arabia (puhelin)",
		MeetingLink: "https://video.example.fi/join?room=42&pwd=x%2By",
		Organizer:   &Person{Name: "Neuvonta, International House", Email: "neuvonta@example.fi"},
		Attendees:   []Person{{Name: `Katja "KR" Räsänen`, Email: "katja.rasanen@liperi.example.fi"}, {Email: "asiakas@example.com"}},
	}
}

func build(t *testing.T, m Method, e Event) []byte {
	t.Helper()
	data, err := Build(m, e)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return data
}

// parse reads the file with go-ical, a calendar library of its own, and
// returns the calendar and its one event.
func parse(t *testing.T, data []byte) (*goical.Calendar, goical.Event) {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the file: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	return cal, events[0]
}

func text(t *testing.T, props goical.Props, name string) string {
	t.Helper()
	p := props.Get(name)
	if p == nil {
		t.Fatalf("no %s", name)
	}
	s, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestRequestCarriesTheConsultation(t *testing.T) {
	start := time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC) // 10:30 EEST
	e := event(start)
	cal, ev := parse(t, build(t, Request, e))

	checks := map[string]string{
		"METHOD": text(t, cal.Props, "METHOD"), "VERSION": text(t, cal.Props, "VERSION"),
		"UID": text(t, ev.Props, "UID"), "SEQUENCE": ev.Props.Get("SEQUENCE").Value,
		"STATUS": text(t, ev.Props, "STATUS"), "SUMMARY": text(t, ev.Props, "SUMMARY"),
		"LOCATION": text(t, ev.Props, "LOCATION"), "URL": ev.Props.Get("URL").Value,
		"DTSTAMP": ev.Props.Get("DTSTAMP").Value,
	}
	want := map[string]string{
		"METHOD": "REQUEST", "VERSION": "2.0", "UID": e.UID, "SEQUENCE": "3", "STATUS": "CONFIRMED",
		"SUMMARY": e.Summary, "LOCATION": e.MeetingLink, "URL": e.MeetingLink, "DTSTAMP": "20250301T091500Z",
	}
	for k, w := range want {
		if checks[k] != w {
			t.Errorf("%s = %q, want %q", k, checks[k], w)
		}
	}
	if got, _ := ev.DateTimeStart(nil); !got.Equal(start) {
		t.Errorf("DTSTART reads as %v, want %v", got, start)
	}
	if got, _ := ev.DateTimeEnd(nil); !got.Equal(e.End) {
		t.Errorf("DTEND reads as %v, want %v", got, e.End)
	}
	org := ev.Props.Get("ORGANIZER")
	if org.Value != "mailto:neuvonta@example.fi" || org.Params.Get("CN") != "Neuvonta, International House" {
		t.Errorf("ORGANIZER = %q CN=%q", org.Value, org.Params.Get("CN"))
	}
	att := ev.Props.Values("ATTENDEE")
	if len(att) != 2 || att[0].Value != "mailto:katja.rasanen@liperi.example.fi" || att[0].Params.Get("CN") != "Katja KR Räsänen" ||
		att[1].Params.Get("CN") != "" || att[1].Params.Get("RSVP") != "FALSE" {
		t.Errorf("ATTENDEE = %+v", att)
	}
}

func TestCancelKeepsTheUIDAndCancels(t *testing.T) {
	e := event(time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC))
	e.Sequence = 4
	cal, ev := parse(t, build(t, Cancel, e))
	if m := text(t, cal.Props, "METHOD"); m != "CANCEL" {
		t.Errorf("METHOD = %q", m)
	}
	if s, err := ev.Status(); err != nil || s != goical.EventCancelled {
		t.Errorf("STATUS = %q (%v)", s, err)
	}
	if uid := text(t, ev.Props, "UID"); uid != e.UID {
		t.Errorf("UID = %q", uid)
	}
	if n, err := ev.Props.Get("SEQUENCE").Int(); err != nil || n != 4 {
		t.Errorf("SEQUENCE = %d (%v)", n, err)
	}
}

func TestLocationOverridesTheLinkAndOptionalsMayBeLeftOut(t *testing.T) {
	e := event(time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC))
	e.Location = "Liperin kunnantalo, huone 2"
	e.Organizer, e.Attendees, e.Description = nil, nil, ""
	_, ev := parse(t, build(t, Request, e))
	if got := text(t, ev.Props, "LOCATION"); got != e.Location {
		t.Errorf("LOCATION = %q", got)
	}
	for _, name := range []string{"ORGANIZER", "ATTENDEE", "DESCRIPTION"} {
		if ev.Props.Get(name) != nil {
			t.Errorf("%s written although not given", name)
		}
	}
	e.MeetingLink, e.Location = "", ""
	_, ev = parse(t, build(t, Request, e))
	if ev.Props.Get("URL") != nil || ev.Props.Get("LOCATION") != nil {
		t.Error("URL or LOCATION written without a link or a location")
	}
}

func TestRefusals(t *testing.T) {
	start := time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC)
	cases := map[string]func(e *Event){
		"empty UID":        func(e *Event) { e.UID = "" },
		"UID with space":   func(e *Event) { e.UID = "a b@x" },
		"UID non-ASCII":    func(e *Event) { e.UID = "neuvonta-ä@x" },
		"negative seq":     func(e *Event) { e.Sequence = -1 },
		"no stamp":         func(e *Event) { e.Stamp = time.Time{} },
		"no start":         func(e *Event) { e.Start = time.Time{} },
		"end before start": func(e *Event) { e.End = e.Start.Add(-time.Minute) },
		"end at start":     func(e *Event) { e.End = e.Start },
		"relative link":    func(e *Event) { e.MeetingLink = "/join/42" },
		"link with space":  func(e *Event) { e.MeetingLink = "https://x.fi/a b" },
		"link newline":     func(e *Event) { e.MeetingLink = "https://x.fi/\r\nATTENDEE:mailto:x@y" },
		"organizer mail":   func(e *Event) { e.Organizer.Email = "not an address" },
		"display name":     func(e *Event) { e.Attendees[0].Email = "Katja <k@x.fi>" },
		"attendee inject":  func(e *Event) { e.Attendees[1].Email = "a@x.fi\r\nX:y" },
	}
	for name, mutate := range cases {
		e := event(start)
		mutate(&e)
		if _, err := Build(Request, e); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
	if _, err := Build("PUBLISH", event(start)); !errors.Is(err, ErrInvalid) {
		t.Errorf("method PUBLISH: %v", err)
	}
}

func TestLinesEndInCRLF(t *testing.T) {
	data := build(t, Request, event(time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC)))
	if !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
		t.Error("the file does not end with END:VCALENDAR CRLF")
	}
	if n, m := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n != m {
		t.Errorf("%d LF but %d CRLF", n, m)
	}
	if strings.Count(string(data), "\r") != bytes.Count(data, []byte("\r\n")) {
		t.Error("a bare CR")
	}
}

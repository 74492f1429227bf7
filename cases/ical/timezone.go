package ical

import (
	"time"
	_ "time/tzdata" // the Helsinki rules must not depend on the host's zone files
)

const tzid = "Europe/Helsinki"

var helsinki = mustLoad(tzid)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // embedded by time/tzdata, so only a broken build gets here
	}
	return loc
}

// writeHelsinkiTimezone writes the EU summer-time rules as Finland keeps
// them. Each DTSTART is the local time on the clock before the change
// (RFC 5545 §3.6.5): 03:00 EET in March, 04:00 EEST in October, both
// 01:00 UTC. 1970 is the customary first onset; both dates are the last
// Sundays of their months that year.
func writeHelsinkiTimezone(w *writer) {
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + tzid)
	w.line("BEGIN:DAYLIGHT")
	w.line("TZOFFSETFROM:+0200")
	w.line("TZOFFSETTO:+0300")
	w.line("TZNAME:EEST")
	w.line("DTSTART:19700329T030000")
	w.line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	w.line("END:DAYLIGHT")
	w.line("BEGIN:STANDARD")
	w.line("TZOFFSETFROM:+0300")
	w.line("TZOFFSETTO:+0200")
	w.line("TZNAME:EET")
	w.line("DTSTART:19701025T040000")
	w.line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	w.line("END:STANDARD")
	w.line("END:VTIMEZONE")
}

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
)

func utcStamp(t time.Time) string { return t.UTC().Format(utcLayout) }

// helsinkiDateTime is a DTSTART or DTEND value with its parameters, from
// ";TZID=" on. In the autumn hour that the clock shows twice, readers
// disagree: RFC 5545 §3.3.5 says the first pass, Go's time package (and
// go-ical with it) picks the second. Such an instant is written in UTC,
// which every reader takes the same way.
func helsinkiDateTime(t time.Time) string {
	if ambiguous(t) {
		return ":" + utcStamp(t)
	}
	return ";TZID=" + tzid + ":" + t.In(helsinki).Format(localLayout)
}

// ambiguous reports whether the Helsinki wall clock shows the same time
// an hour before or after t, as it does when it falls back by an hour.
func ambiguous(t time.Time) bool {
	wall := t.In(helsinki).Format(localLayout)
	return t.Add(-time.Hour).In(helsinki).Format(localLayout) == wall ||
		t.Add(time.Hour).In(helsinki).Format(localLayout) == wall
}

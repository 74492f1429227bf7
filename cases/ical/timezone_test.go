package ical

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

// The instants are written in UTC with the Finnish wall clock beside them,
// so the expectations do not come from the zone data under test.
var dstCases = []struct {
	name string
	utc  time.Time
	wall string
}{
	{"winter", time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC), "20250115T100000"},
	{"March, morning after the switch", time.Date(2025, 3, 31, 7, 0, 0, 0, time.UTC), "20250331T100000"},
	{"March, switch day", time.Date(2025, 3, 30, 6, 0, 0, 0, time.UTC), "20250330T090000"},
	{"March, Friday before the switch", time.Date(2025, 3, 28, 8, 0, 0, 0, time.UTC), "20250328T100000"},
	{"October, before the switch", time.Date(2025, 10, 24, 7, 0, 0, 0, time.UTC), "20251024T100000"},
	{"October, after the switch", time.Date(2025, 10, 27, 8, 0, 0, 0, time.UTC), "20251027T100000"},
	{"2026 March, after the switch", time.Date(2026, 3, 30, 10, 15, 0, 0, time.UTC), "20260330T131500"},
}

func TestStartIsTheSameInstantAcrossDSTChanges(t *testing.T) {
	for _, tc := range dstCases {
		t.Run(tc.name, func(t *testing.T) {
			cal, ev := parse(t, build(t, Request, event(tc.utc)))
			p := ev.Props.Get("DTSTART")
			if p.Params.Get("TZID") != "Europe/Helsinki" || p.Value != tc.wall {
				t.Fatalf("DTSTART;TZID=%s:%s, want Europe/Helsinki:%s", p.Params.Get("TZID"), p.Value, tc.wall)
			}
			if got, err := ev.DateTimeStart(nil); err != nil || !got.Equal(tc.utc) {
				t.Errorf("go-ical reads DTSTART as %v (%v), want %v", got, err, tc.utc)
			}
			if got := resolveByVTimezone(t, cal, p.Value); !got.Equal(tc.utc) {
				t.Errorf("by the file's own VTIMEZONE DTSTART is %v, want %v", got, tc.utc)
			}
		})
	}
}

// A reader that knows nothing of Go's zone data has only the VTIMEZONE:
// its transitions must be the real ones, every year a consultation can
// plausibly be booked or looked back on.
func TestVTimezoneHasTheTransitionsOfTheZoneData(t *testing.T) {
	cal, _ := parse(t, build(t, Request, event(dstCases[0].utc)))
	fromFile := map[time.Time]string{}
	for _, sub := range vtimezone(t, cal).Children {
		from, to := offset(t, sub, "TZOFFSETFROM"), offset(t, sub, "TZOFFSETTO")
		set, err := sub.RecurrenceSet(time.UTC) // wall times, read as if UTC
		if err != nil || set == nil {
			t.Fatalf("%s: recurrence %v", sub.Name, err)
		}
		for _, onset := range set.Between(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2041, 1, 1, 0, 0, 0, 0, time.UTC), true) {
			fromFile[onset.Add(-from)] = fmt.Sprintf("%s→%s", from, to)
		}
	}
	fromZoneData := map[time.Time]string{}
	at := time.Date(2000, 1, 1, 0, 0, 0, 0, helsinki)
	for {
		_, end := at.ZoneBounds()
		if end.Year() > 2040 || !end.After(at) {
			break
		}
		_, before := end.Add(-time.Second).Zone()
		_, after := end.Zone()
		// Past its table Go's zone data marks every new year as a bound.
		if before != after {
			fromZoneData[end.UTC()] = fmt.Sprintf("%s→%s", time.Duration(before)*time.Second, time.Duration(after)*time.Second)
		}
		at = end
	}
	if len(fromZoneData) != 82 {
		t.Fatalf("zone data has %d transitions in 2000–2040, want 82", len(fromZoneData))
	}
	for instant, change := range fromZoneData {
		if fromFile[instant] != change {
			t.Errorf("%v: zone data %s, VTIMEZONE %q", instant, change, fromFile[instant])
		}
	}
	if len(fromFile) != len(fromZoneData) {
		t.Errorf("VTIMEZONE has %d transitions, zone data %d", len(fromFile), len(fromZoneData))
	}
}

// 03:30 on 26 October 2025 happens twice. RFC 5545 reads a TZID time
// there as the first pass, Go (so go-ical) as the second: both passes are
// written in UTC, and the hours around them keep their TZID.
func TestTheRepeatedAutumnHour(t *testing.T) {
	first := time.Date(2025, 10, 26, 0, 30, 0, 0, time.UTC)  // 03:30 EEST
	second := time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC) // 03:30 EET
	for _, tc := range []struct {
		start     time.Time
		tzid, val string
	}{
		{first, "", "20251026T003000Z"},
		{second, "", "20251026T013000Z"},
		{first.Add(-time.Hour), "Europe/Helsinki", "20251026T023000"},
		{second.Add(time.Hour), "Europe/Helsinki", "20251026T043000"},
	} {
		_, ev := parse(t, build(t, Request, event(tc.start)))
		p := ev.Props.Get("DTSTART")
		if p.Params.Get("TZID") != tc.tzid || p.Value != tc.val {
			t.Errorf("%v: DTSTART;TZID=%q:%s, want %q:%s", tc.start, p.Params.Get("TZID"), p.Value, tc.tzid, tc.val)
		}
		if got, _ := ev.DateTimeStart(nil); !got.Equal(tc.start) {
			t.Errorf("%v reads back as %v", tc.start, got)
		}
	}
}

func vtimezone(t *testing.T, cal *goical.Calendar) *goical.Component {
	t.Helper()
	for _, c := range cal.Children {
		if c.Name == "VTIMEZONE" && c.Props.Get("TZID").Value == "Europe/Helsinki" {
			return c
		}
	}
	t.Fatal("no VTIMEZONE for Europe/Helsinki")
	return nil
}

// resolveByVTimezone turns a local wall time into an instant using only
// the VTIMEZONE: the offset is that of the latest onset at or before it.
func resolveByVTimezone(t *testing.T, cal *goical.Calendar, wall string) time.Time {
	t.Helper()
	w, err := time.Parse("20060102T150405", wall)
	if err != nil {
		t.Fatal(err)
	}
	var latest time.Time
	var off time.Duration
	for _, sub := range vtimezone(t, cal).Children {
		set, err := sub.RecurrenceSet(time.UTC)
		if err != nil || set == nil {
			t.Fatalf("%s: recurrence %v", sub.Name, err)
		}
		if onset := set.Before(w, true); !onset.IsZero() && onset.After(latest) {
			latest, off = onset, offset(t, sub, "TZOFFSETTO")
		}
	}
	if latest.IsZero() {
		t.Fatalf("no onset before %s", wall)
	}
	return w.Add(-off)
}

func offset(t *testing.T, c *goical.Component, name string) time.Duration {
	t.Helper()
	v := c.Props.Get(name).Value // ±HHMM
	if len(v) != 5 {
		t.Fatalf("%s %q", name, v)
	}
	h, err1 := strconv.Atoi(v[1:3])
	m, err2 := strconv.Atoi(v[3:5])
	if err1 != nil || err2 != nil {
		t.Fatalf("%s %q", name, v)
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if v[0] == '-' {
		d = -d
	}
	return d
}

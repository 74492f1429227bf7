package jobs

import (
	"testing"
	"time"
)

func TestDailyAtIsFinnishLocalTimeAcrossDaylightSaving(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, finland)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	d := dailyAt{hour: 14, minute: 0}
	for _, c := range []struct{ after, want string }{
		{"2026-12-01 13:59", "2026-12-01 14:00"},
		{"2026-12-01 14:00", "2026-12-02 14:00"},
		{"2026-12-31 23:30", "2027-01-01 14:00"},
		{"2026-03-28 15:00", "2026-03-29 14:00"}, // clocks go forward that night
		{"2026-10-24 15:00", "2026-10-25 14:00"}, // and back
	} {
		if got := d.Next(at(c.after).UTC()); !got.Equal(at(c.want)) {
			t.Errorf("after %s: %s, want %s", c.after, got.In(finland).Format("2006-01-02 15:04 MST"), c.want)
		}
	}
}

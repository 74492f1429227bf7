package workcal

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// at is a Helsinki wall-clock instant.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, helsinki)
}

const hour = time.Hour

func TestBetween(t *testing.T) {
	cal := Default()
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"within a day", at(2025, 6, 16, 9, 0), at(2025, 6, 16, 11, 30), 2*hour + 30*time.Minute},
		{"Friday afternoon to Monday morning", at(2025, 6, 13, 15, 0), at(2025, 6, 16, 9, 0), 2 * hour},
		{"filed at night", at(2025, 6, 17, 2, 0), at(2025, 6, 17, 10, 0), 2 * hour},
		{"filed in the evening", at(2025, 6, 16, 19, 0), at(2025, 6, 17, 10, 0), 2 * hour},
		{"filed on Saturday", at(2025, 6, 14, 11, 0), at(2025, 6, 16, 10, 0), 2 * hour},
		{"over Easter", at(2025, 4, 17, 15, 0), at(2025, 4, 22, 9, 0), 2 * hour},
		{"over Midsummer", at(2025, 6, 19, 15, 0), at(2025, 6, 23, 9, 0), 2 * hour},
		{"over Christmas", at(2025, 12, 23, 15, 0), at(2025, 12, 29, 9, 0), 2 * hour},
		{"filed on May Day", at(2025, 5, 1, 10, 0), at(2025, 5, 2, 12, 0), 4 * hour},
		{"summer time begins at the weekend", at(2025, 3, 28, 8, 0), at(2025, 3, 31, 16, 0), 16 * hour},
		{"summer time ends at the weekend", at(2025, 10, 24, 12, 0), at(2025, 10, 27, 12, 0), 8 * hour},
		{"a full week", at(2025, 6, 9, 0, 0), at(2025, 6, 16, 0, 0), 40 * hour},
		{"Midsummer week", at(2025, 6, 16, 0, 0), at(2025, 6, 23, 0, 0), 32 * hour},
		{"backwards", at(2025, 6, 16, 11, 0), at(2025, 6, 16, 9, 0), 0},
	} {
		if got := cal.Between(tc.from, tc.to); got != tc.want {
			t.Errorf("%s: Between = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Office hours are wall-clock hours: on the Monday after the spring change
// the office opens at 05:00 UTC, on the Friday before it at 06:00 UTC.
func TestOfficeHoursFollowTheWallClock(t *testing.T) {
	cal := Default()
	friday := time.Date(2025, 3, 28, 6, 0, 0, 0, time.UTC)
	monday := time.Date(2025, 3, 31, 5, 0, 0, 0, time.UTC)
	if got := cal.Add(friday.Add(-hour), time.Minute); !got.Equal(friday.Add(time.Minute)) {
		t.Errorf("Friday opens at %v, want 06:00 UTC", got.UTC())
	}
	if got := cal.Add(monday.Add(-hour), time.Minute); !got.Equal(monday.Add(time.Minute)) {
		t.Errorf("Monday opens at %v, want 05:00 UTC", got.UTC())
	}
}

func TestAdd(t *testing.T) {
	cal := Default()
	for _, tc := range []struct {
		name string
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"Monday morning", at(2025, 6, 16, 10, 0), 4 * hour, at(2025, 6, 16, 14, 0)},
		{"runs into the next day", at(2025, 6, 16, 14, 0), 4 * hour, at(2025, 6, 17, 10, 0)},
		{"uses the day up exactly", at(2025, 6, 16, 12, 0), 4 * hour, at(2025, 6, 16, 16, 0)},
		{"filed at night", at(2025, 6, 17, 2, 0), 4 * hour, at(2025, 6, 17, 12, 0)},
		{"filed after closing", at(2025, 6, 16, 16, 0), 4 * hour, at(2025, 6, 17, 12, 0)},
		{"filed on Saturday", at(2025, 6, 14, 11, 0), 4 * hour, at(2025, 6, 16, 12, 0)},
		{"filed on May Day", at(2025, 5, 1, 10, 0), 4 * hour, at(2025, 5, 2, 12, 0)},
		{"before Easter", at(2025, 4, 17, 14, 0), 4 * hour, at(2025, 4, 22, 10, 0)},
		{"over the spring change", at(2025, 3, 28, 14, 0), 4 * hour, at(2025, 3, 31, 10, 0)},
		{"over the autumn change", at(2025, 10, 24, 14, 0), 4 * hour, at(2025, 10, 27, 10, 0)},
		{"nothing to add", at(2025, 6, 14, 11, 0), 0, at(2025, 6, 14, 11, 0)},
	} {
		if got := cal.Add(tc.from, tc.d); !got.Equal(tc.want) {
			t.Errorf("%s: Add = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAddDays(t *testing.T) {
	cal := Default()
	for _, tc := range []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"this week from Monday", at(2025, 6, 16, 10, 0), 3, at(2025, 6, 19, 10, 0)},
		{"this week from Saturday", at(2025, 6, 14, 10, 0), 3, at(2025, 6, 18, 16, 0)},
		{"this week over Midsummer", at(2025, 6, 18, 10, 0), 3, at(2025, 6, 24, 10, 0)},
		{"no hurry over Christmas and New Year", at(2025, 12, 15, 10, 0), 10, at(2026, 1, 2, 10, 0)},
		{"no hurry over Easter", at(2025, 4, 14, 9, 0), 10, at(2025, 4, 30, 9, 0)},
	} {
		if got := cal.AddDays(tc.from, tc.n); !got.Equal(tc.want) {
			t.Errorf("%s: AddDays = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Between undoes Add for any start and length, over several years of
// holidays and clock changes.
func TestBetweenUndoesAdd(t *testing.T) {
	cal, err := New(Clock{8, 30}, Clock{16, 15})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	base := at(2024, 1, 1, 0, 0)
	for i := 0; i < 2000; i++ {
		from := base.Add(time.Duration(rng.Int64N(int64(3 * 365 * 24 * hour))))
		d := time.Duration(rng.Int64N(int64(120*hour))) / time.Minute * time.Minute
		due := cal.Add(from, d)
		if got := cal.Between(from, due); got != d {
			t.Fatalf("from %v: Between(from, Add(from, %v)) = %v", from, d, got)
		}
		if d > 0 {
			if o, c, ok := cal.officeHours(DateOf(due)); !ok || due.Before(o) || due.After(c) {
				t.Fatalf("from %v + %v: due %v is outside office hours", from, d, due)
			}
		}
	}
}

func TestNewRefusesBadHours(t *testing.T) {
	for _, h := range [][2]Clock{{{16, 0}, {8, 0}}, {{8, 0}, {8, 0}}, {{8, 60}, {16, 0}}, {{8, 0}, {24, 1}}, {{-1, 0}, {8, 0}}} {
		if _, err := New(h[0], h[1]); !errors.Is(err, ErrHours) {
			t.Errorf("New(%v, %v): %v", h[0], h[1], err)
		}
	}
	if cal, err := New(Clock{0, 0}, Clock{24, 0}); err != nil || cal.DayLength() != 24*hour {
		t.Errorf("a 24-hour day: %v", err)
	}
}

func TestParseClock(t *testing.T) {
	good := map[string]Clock{"8:00": {8, 0}, "08:30": {8, 30}, "16:15": {16, 15}, "24:00": {24, 0}, "0:00": {0, 0}}
	for s, want := range good {
		if got, err := ParseClock(s); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "8", "8:0", "08:000", "+8:00", "8:60", "25:00", "24:30", "8.00", "08:0a", " 8:00"} {
		if _, err := ParseClock(s); !errors.Is(err, ErrHours) {
			t.Errorf("ParseClock(%q) accepted", s)
		}
	}
}

package workcal

import (
	"errors"
	"testing"
	"time"
)

func TestDefaultTargets(t *testing.T) {
	cal := Default()
	filed := at(2025, 6, 16, 10, 0) // a Monday
	want := map[string]time.Time{
		Today:    at(2025, 6, 16, 14, 0),
		ThisWeek: at(2025, 6, 19, 10, 0),
		NoHurry:  at(2025, 7, 1, 10, 0), // Midsummer Eve (20 June) is off
	}
	targets := DefaultTargets()
	if len(targets) != len(want) {
		t.Fatalf("%d default targets", len(targets))
	}
	for urgency, due := range want {
		got, ok := cal.Due(filed, targets[urgency], nil)
		if !ok || !got.Equal(due) {
			t.Errorf("%s: due %v (%v), want %v", urgency, got, ok, due)
		}
	}
	if targets[Today] != (Target{4, Hours}) || targets[ThisWeek] != (Target{3, Days}) || targets[NoHurry] != (Target{10, Days}) {
		t.Errorf("defaults are %v", targets)
	}
}

// The hub asks the requester on Friday at 12:00 and hears back on Tuesday
// at 09:00: Friday afternoon and Monday do not count.
func TestPauseOverAWeekend(t *testing.T) {
	cal := Default()
	filed := at(2025, 6, 12, 10, 0) // Thursday
	pause := Interval{at(2025, 6, 13, 12, 0), at(2025, 6, 17, 9, 0)}
	if got := cal.Between(filed, at(2025, 6, 17, 12, 0), pause); got != 6*hour+4*hour+3*hour {
		t.Errorf("Between with the pause = %v, want 13h", got)
	}
	if got := cal.Between(filed, at(2025, 6, 17, 12, 0)); got != 6*hour+8*hour+8*hour+4*hour {
		t.Errorf("Between without a pause = %v, want 26h", got)
	}
	// 3 working days = 24 h: 10 h before the pause, 7 h on Tuesday, 7 h on Wednesday.
	due, ok := cal.Due(filed, Target{3, Days}, []Interval{pause})
	if want := at(2025, 6, 18, 15, 0); !ok || !due.Equal(want) {
		t.Errorf("due %v (%v), want %v", due, ok, want)
	}
}

func TestPausesMayOverlapAndComeInAnyOrder(t *testing.T) {
	cal := Default()
	filed := at(2025, 6, 16, 8, 0) // Monday
	pauses := []Interval{
		{at(2025, 6, 16, 14, 0), at(2025, 6, 16, 15, 0)},
		{at(2025, 6, 16, 9, 0), at(2025, 6, 16, 11, 0)},
		{at(2025, 6, 16, 10, 0), at(2025, 6, 16, 12, 0)},  // overlaps the one before
		{at(2025, 6, 16, 15, 0), at(2025, 6, 16, 15, 30)}, // touches the first
		{at(2025, 6, 16, 13, 0), at(2025, 6, 16, 12, 0)},  // backwards: ignored
		{at(2025, 6, 14, 0, 0), at(2025, 6, 16, 8, 30)},   // from the weekend into Monday
	}
	// Working: 8:30–9:00, 12:00–14:00, 15:30–16:00 = 3 h.
	if got := cal.Between(filed, at(2025, 6, 16, 16, 0), pauses...); got != 3*hour {
		t.Errorf("Between = %v, want 3h", got)
	}
	due, ok := cal.Due(filed, Target{4, Hours}, pauses)
	if want := at(2025, 6, 17, 9, 0); !ok || !due.Equal(want) {
		t.Errorf("due %v, want %v", due, want)
	}
}

func TestAPauseThatGoesOnStopsTheClock(t *testing.T) {
	cal := Default()
	filed := at(2025, 6, 16, 10, 0)
	waiting := []Interval{{Start: at(2025, 6, 16, 12, 0)}}
	if _, ok := cal.Due(filed, Target{4, Hours}, waiting); ok {
		t.Error("a due time while the clock has stopped before the target")
	}
	if got := cal.Between(filed, at(2025, 6, 20, 12, 0), waiting...); got != 2*hour {
		t.Errorf("Between with an open pause = %v, want 2h", got)
	}
	left, running := cal.Left(filed, at(2025, 6, 18, 9, 0), Target{4, Hours}, waiting)
	if left != 2*hour || running {
		t.Errorf("Left = %v running=%v, want 2h stopped", left, running)
	}
	// A pause that starts after the target was reached leaves the due time.
	late := []Interval{{Start: at(2025, 6, 17, 12, 0)}}
	due, ok := cal.Due(filed, Target{4, Hours}, late)
	if want := at(2025, 6, 16, 14, 0); !ok || !due.Equal(want) {
		t.Errorf("due %v (%v), want %v", due, ok, want)
	}
}

func TestLeftTurnsNegativeWhenOverdue(t *testing.T) {
	cal := Default()
	filed := at(2025, 6, 16, 10, 0)
	for _, tc := range []struct {
		now  time.Time
		want time.Duration
	}{
		{at(2025, 6, 16, 10, 0), 4 * hour},
		{at(2025, 6, 16, 13, 30), 30 * time.Minute},
		{at(2025, 6, 16, 22, 0), -2 * hour},
		{at(2025, 6, 17, 9, 0), -3 * hour},
	} {
		if left, running := cal.Left(filed, tc.now, Target{4, Hours}, nil); left != tc.want || !running {
			t.Errorf("at %v: Left = %v running=%v, want %v", tc.now, left, running, tc.want)
		}
	}
}

func TestTargetValidation(t *testing.T) {
	for _, ok := range []Target{{1, Hours}, {4, Hours}, {3, Days}, {MaxTargetDays, Days}} {
		if err := ok.Validate(); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for _, bad := range []Target{{0, Hours}, {-1, Days}, {MaxTargetDays + 1, Days}, {3, "weeks"}, {}} {
		if err := bad.Validate(); !errors.Is(err, ErrTarget) {
			t.Errorf("%v accepted", bad)
		}
	}
}

package workcal

import (
	"slices"
	"time"
)

// Interval is a pause of the clock, [Start, End); a zero End means it
// goes on.
type Interval struct{ Start, End time.Time }

// forever stands in for the end of a pause that goes on.
var forever = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// Between is the working time in [from, to), less the pauses.
func (c *Calendar) Between(from, to time.Time, pauses ...Interval) time.Duration {
	var sum time.Duration
	c.workingPieces(from, to, pauses, func(a, b time.Time) bool {
		sum += b.Sub(a)
		return true
	})
	return sum
}

// Add is the instant at which d of working time has passed since from.
func (c *Calendar) Add(from time.Time, d time.Duration) time.Time {
	t, _ := c.addPaused(from, d, nil)
	return t
}

// AddDays is Add of n working days (see the package comment).
func (c *Calendar) AddDays(from time.Time, n int) time.Time {
	return c.Add(from, time.Duration(n)*c.DayLength())
}

// addPaused walks working time forward from from, skipping pauses. With
// a pause that goes on and starts before d is used up, there is no such
// instant (yet): ok is false.
func (c *Calendar) addPaused(from time.Time, d time.Duration, pauses []Interval) (t time.Time, ok bool) {
	if d <= 0 {
		return from, true
	}
	until := forever
	if open, found := openPause(pauses); found {
		until = open.Start
	}
	left := d
	c.workingPieces(from, until, pauses, func(a, b time.Time) bool {
		if piece := b.Sub(a); piece < left {
			left -= piece
			return true
		}
		t, ok = a.Add(left), true
		return false
	})
	return t, ok
}

// workingPieces calls yield with each stretch of working time within
// [from, until) that no pause covers, in order, until yield says stop.
func (c *Calendar) workingPieces(from, until time.Time, pauses []Interval, yield func(a, b time.Time) bool) {
	ps := merged(pauses)
	for d := DateOf(from); c.at(d, Clock{}).Before(until); d = d.AddDays(1) {
		open, close, ok := c.officeHours(d)
		if !ok {
			continue
		}
		for _, p := range uncovered(later(open, from), earlier(close, until), ps) {
			if !yield(p.Start, p.End) {
				return
			}
		}
	}
}

// uncovered is [a, b) less the sorted, disjoint intervals ps.
func uncovered(a, b time.Time, ps []Interval) []Interval {
	var out []Interval
	for _, p := range ps {
		if !a.Before(b) || !p.Start.Before(b) {
			break
		}
		if !p.End.After(a) {
			continue
		}
		if p.Start.After(a) {
			out = append(out, Interval{a, p.Start})
		}
		a = p.End
	}
	if a.Before(b) {
		out = append(out, Interval{a, b})
	}
	return out
}

// merged sorts pauses and joins those that overlap or touch; an open
// pause runs to forever, and an empty or backward one is dropped.
func merged(pauses []Interval) []Interval {
	var ps []Interval
	for _, p := range pauses {
		if p.End.IsZero() {
			p.End = forever
		}
		if p.End.After(p.Start) {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(x, y Interval) int { return x.Start.Compare(y.Start) })
	var out []Interval
	for _, p := range ps {
		if n := len(out); n > 0 && !p.Start.After(out[n-1].End) {
			out[n-1].End = later(out[n-1].End, p.End)
			continue
		}
		out = append(out, p)
	}
	return out
}

// openPause is the earliest-starting pause that goes on, if any.
func openPause(pauses []Interval) (Interval, bool) {
	var open Interval
	found := false
	for _, p := range pauses {
		if p.End.IsZero() && (!found || p.Start.Before(open.Start)) {
			open, found = p, true
		}
	}
	return open, found
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

package workcal

import (
	"errors"
	"time"
)

// Unit is what a response target is counted in.
type Unit string

const (
	Hours Unit = "hours"
	Days  Unit = "days"
)

// Target is a response target such as 4 working hours or 3 working days.
type Target struct {
	N    int
	Unit Unit
}

// The urgencies of a support request, as issue 9 names them.
const (
	Today    = "today"
	ThisWeek = "this_week"
	NoHurry  = "no_hurry"
)

// MaxTargetDays bounds a configured target: a longer one is a typing
// error, not a promise to a colleague.
const MaxTargetDays = 250

// ErrTarget is returned for a target that is not 1..MaxTargetDays days
// (or as many hours of a default day) long.
var ErrTarget = errors.New("workcal: a response target is a positive number of working hours or days")

// DefaultTargets are the targets a hub starts with, by urgency.
func DefaultTargets() map[string]Target {
	return map[string]Target{
		Today:    {4, Hours},
		ThisWeek: {3, Days},
		NoHurry:  {10, Days},
	}
}

// Validate checks a target an administrator typed.
func (t Target) Validate() error {
	switch {
	case t.Unit == Days && t.N >= 1 && t.N <= MaxTargetDays:
		return nil
	case t.Unit == Hours && t.N >= 1 && t.N <= MaxTargetDays*8:
		return nil
	}
	return ErrTarget
}

// Length is the working time a target allows.
func (c *Calendar) Length(t Target) time.Duration {
	if t.Unit == Days {
		return time.Duration(t.N) * c.DayLength()
	}
	return time.Duration(t.N) * time.Hour
}

// Due is when a request filed at filed reaches its target, the pauses
// not counted. ok is false while a pause that goes on has stopped the
// clock before the target was reached: there is no due time yet.
func (c *Calendar) Due(filed time.Time, t Target, pauses []Interval) (due time.Time, ok bool) {
	return c.addPaused(filed, c.Length(t), pauses)
}

// Left is the working time left at now before the target is reached,
// negative once it has passed. running is false while a pause goes on
// at now, so that the queue can show the clock as stopped.
func (c *Calendar) Left(filed, now time.Time, t Target, pauses []Interval) (left time.Duration, running bool) {
	running = true
	for _, p := range pauses {
		if !now.Before(p.Start) && (p.End.IsZero() || now.Before(p.End)) {
			running = false
		}
	}
	return c.Length(t) - c.Between(filed, now, pauses...), running
}

// Package workcal counts working time in Finland: weekdays within office
// hours, less Finnish public holidays, in Europe/Helsinki time. Support
// requests' response targets and first-response and resolution times are
// measured with it.
//
// API:
//
//	cal := workcal.Default()                          // 08:00–16:00
//	cal, err := workcal.New(workcal.Clock{8, 30}, workcal.Clock{16, 15})
//	open, err := workcal.ParseClock("08:30")
//	d := cal.Between(from, to, pauses...)              // working time in [from, to)
//	t := cal.Add(from, 4*time.Hour)                    // after 4 working hours
//	t := cal.AddDays(from, 3)                          // after 3 working days
//	due, ok := cal.Due(filed, target, pauses)          // response target's due time
//	left, ok := cal.Left(filed, now, target, pauses)   // negative when overdue
//	targets := workcal.DefaultTargets()                // today 4 h, this week 3 d, no hurry 10 d
//	hs := workcal.Holidays(2025)                       // with keys such as "good_friday"
//	cal.IsWorkingDay(workcal.DateOf(t))
//
// Rules:
//   - A working day is Monday to Friday and not in Holidays. Holidays are
//     computed for any year: New Year's Day, Epiphany, Good Friday, Easter
//     Sunday and Monday (Gregorian computus), May Day, Ascension Day, Whit
//     Sunday, Midsummer Eve and Day, All Saints' Day, Independence Day,
//     Christmas Eve, Christmas Day and Boxing Day. Midsummer Eve and
//     Christmas Eve are not public holidays in law but offices are closed.
//   - Office hours are wall-clock times in Helsinki, so a day is the same
//     length in summer and winter time.
//   - A working day is one office day's length of working time: with
//     08:00–16:00, 3 working days are 24 working hours. A request filed on
//     Monday at 10:00 with a 3-day target is due on Thursday at 10:00; one
//     filed at the weekend is due on Wednesday at 16:00. Targets in days
//     and in hours thus sit on one scale, and "time left" is one number.
//   - Time outside office hours does not count: a request filed at night,
//     at the weekend or on a holiday starts counting at the next opening.
//     A due time that uses up a day exactly is that day's closing time,
//     not the next morning.
//   - Pauses (the hub waiting for the requester) stop the clock. They may
//     overlap and come in any order; one with a zero End is still going
//     on, and while it does Due and Left report ok=false.
//
// Limits: one office-hours rule for every working day (no short days such
// as the eve of a holiday, no per-expert hours); no local holidays; the
// whole of a holiday is off, whatever its hours. A Calendar is immutable
// and safe for concurrent use.
package workcal

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // working days must not depend on the host's zone files
)

// Clock is a wall-clock time of day in Helsinki.
type Clock struct{ Hour, Minute int }

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

func (c Clock) minutes() int { return c.Hour*60 + c.Minute }

// ErrHours is returned for office hours that are not a time of day or
// that do not open before they close.
var ErrHours = errors.New("workcal: office hours must be HH:MM with opening before closing")

// ParseClock reads "8:00" or "08:00" (and "24:00" as a closing time).
func ParseClock(s string) (Clock, error) {
	h, m, found := strings.Cut(s, ":")
	c := Clock{Hour: digits(h), Minute: digits(m)}
	if !found || len(h) < 1 || len(h) > 2 || len(m) != 2 || c.Hour < 0 || c.Minute < 0 || !c.valid() {
		return Clock{}, fmt.Errorf("%w: %q", ErrHours, s)
	}
	return c, nil
}

// digits is the value of a string of ASCII digits, or -1.
func digits(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func (c Clock) valid() bool {
	return c.Hour >= 0 && c.Minute >= 0 && c.Minute < 60 && (c.Hour < 24 || c.Hour == 24 && c.Minute == 0)
}

// Calendar is a working calendar with one rule of office hours.
type Calendar struct {
	open, close Clock
}

// helsinki is read once from the embedded zone data; it never changes.
var helsinki = mustLoad("Europe/Helsinki")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // embedded by time/tzdata, so only a broken build gets here
	}
	return loc
}

// New makes a calendar whose offices are open from open until close.
func New(open, close Clock) (*Calendar, error) {
	if !open.valid() || !close.valid() || open.minutes() >= close.minutes() {
		return nil, fmt.Errorf("%w: %s–%s", ErrHours, open, close)
	}
	return &Calendar{open: open, close: close}, nil
}

// Default is the hub's usual day, 08:00–16:00.
func Default() *Calendar {
	c, err := New(Clock{8, 0}, Clock{16, 0})
	if err != nil {
		panic(err) // constant, valid hours: cannot fail
	}
	return c
}

// DayLength is the working time of one working day.
func (c *Calendar) DayLength() time.Duration {
	return time.Duration(c.close.minutes()-c.open.minutes()) * time.Minute
}

// IsWorkingDay reports whether d is a weekday that is not a holiday.
func (c *Calendar) IsWorkingDay(d Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := HolidayOn(d)
	return !holiday
}

// officeHours is d's opening and closing instant, ok false on a day off.
func (c *Calendar) officeHours(d Date) (open, close time.Time, ok bool) {
	if !c.IsWorkingDay(d) {
		return time.Time{}, time.Time{}, false
	}
	return c.at(d, c.open), c.at(d, c.close), true
}

func (c *Calendar) at(d Date, k Clock) time.Time {
	return time.Date(d.Year, d.Month, d.Day, k.Hour, k.Minute, 0, 0, helsinki)
}

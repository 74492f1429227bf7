package workcal

import (
	"fmt"
	"time"
)

// Date is a calendar day in Helsinki.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the Helsinki date of t.
func DateOf(t time.Time) Date {
	y, m, d := t.In(helsinki).Date()
	return Date{y, m, d}
}

func (d Date) civil() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

func (d Date) Weekday() time.Weekday { return d.civil().Weekday() }

// AddDays is the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	y, m, day := d.civil().AddDate(0, 0, n).Date()
	return Date{y, m, day}
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Holiday is a day off; Key names it for translations ("holiday.<key>").
type Holiday struct {
	Date Date
	Key  string
}

// Holidays are the Finnish public holidays of year, and the eves that
// offices keep closed, in date order.
func Holidays(year int) []Holiday {
	easter := Easter(year)
	fixed := func(m time.Month, d int) Date { return Date{year, m, d} }
	return []Holiday{
		{fixed(time.January, 1), "new_year"},
		{fixed(time.January, 6), "epiphany"},
		{easter.AddDays(-2), "good_friday"},
		{easter, "easter_sunday"},
		{easter.AddDays(1), "easter_monday"},
		{fixed(time.May, 1), "may_day"},
		{easter.AddDays(39), "ascension_day"},
		{easter.AddDays(49), "whit_sunday"},
		{saturdayFrom(fixed(time.June, 20)).AddDays(-1), "midsummer_eve"},
		{saturdayFrom(fixed(time.June, 20)), "midsummer_day"},
		{saturdayFrom(fixed(time.October, 31)), "all_saints_day"},
		{fixed(time.December, 6), "independence_day"},
		{fixed(time.December, 24), "christmas_eve"},
		{fixed(time.December, 25), "christmas_day"},
		{fixed(time.December, 26), "boxing_day"},
	}
}

// HolidayOn is the holiday on d, if any.
func HolidayOn(d Date) (Holiday, bool) {
	for _, h := range Holidays(d.Year) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// saturdayFrom is the first Saturday on or after d: Midsummer Day is the
// Saturday of 20–26 June, All Saints' Day that of 31 October – 6 November.
func saturdayFrom(d Date) Date {
	return d.AddDays((int(time.Saturday) - int(d.Weekday()) + 7) % 7)
}

// Easter is Easter Sunday of the Gregorian calendar, by the anonymous
// Gregorian computus (Meeus, Astronomical Algorithms, ch. 8).
func Easter(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{year, time.Month(month), day}
}

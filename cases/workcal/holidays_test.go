package workcal

import (
	"fmt"
	"testing"
	"time"
)

// easterTable is Easter Sunday 2000–2040 as published (the same dates as
// python-dateutil's easter() and the Finnish almanac), not computed here.
var easterTable = map[int]string{
	2000: "04-23", 2001: "04-15", 2002: "03-31", 2003: "04-20", 2004: "04-11", 2005: "03-27",
	2006: "04-16", 2007: "04-08", 2008: "03-23", 2009: "04-12", 2010: "04-04", 2011: "04-24",
	2012: "04-08", 2013: "03-31", 2014: "04-20", 2015: "04-05", 2016: "03-27", 2017: "04-16",
	2018: "04-01", 2019: "04-21", 2020: "04-12", 2021: "04-04", 2022: "04-17", 2023: "04-09",
	2024: "03-31", 2025: "04-20", 2026: "04-05", 2027: "03-28", 2028: "04-16", 2029: "04-01",
	2030: "04-21", 2031: "04-13", 2032: "03-28", 2033: "04-17", 2034: "04-09", 2035: "03-25",
	2036: "04-13", 2037: "04-05", 2038: "04-25", 2039: "04-10", 2040: "04-01",
	// The extremes: 22 March and 25 April.
	1818: "03-22", 2285: "03-22", 1886: "04-25", 1943: "04-25",
}

func TestEasterMatchesThePublishedTable(t *testing.T) {
	for year, want := range easterTable {
		if got := Easter(year).String(); got != fmt.Sprintf("%d-%s", year, want) {
			t.Errorf("Easter(%d) = %s, want %d-%s", year, got, year, want)
		}
	}
}

func TestMovableHolidaysKeepTheirRules(t *testing.T) {
	for year := 1900; year <= 2200; year++ {
		e := Easter(year)
		if e.Weekday() != time.Sunday || e.civil().Before(Date{year, 3, 22}.civil()) || e.civil().After(Date{year, 4, 25}.civil()) {
			t.Fatalf("Easter %s is not a Sunday in 22 March – 25 April", e)
		}
		byKey := map[string]Date{}
		for _, h := range Holidays(year) {
			byKey[h.Key] = h.Date
		}
		checkSaturdayIn(t, byKey["midsummer_day"], Date{year, 6, 20}, Date{year, 6, 26})
		checkSaturdayIn(t, byKey["all_saints_day"], Date{year, 10, 31}, Date{year, 11, 6})
		if eve := byKey["midsummer_eve"]; eve.AddDays(1) != byKey["midsummer_day"] || eve.Weekday() != time.Friday {
			t.Fatalf("%d: Midsummer Eve %s is not the Friday before Midsummer Day", year, eve)
		}
		if a := byKey["ascension_day"]; a.Weekday() != time.Thursday {
			t.Fatalf("%d: Ascension Day %s is not a Thursday", year, a)
		}
	}
}

func checkSaturdayIn(t *testing.T, d, first, last Date) {
	t.Helper()
	if d.Weekday() != time.Saturday || d.civil().Before(first.civil()) || d.civil().After(last.civil()) {
		t.Fatalf("%s is not a Saturday in %s … %s", d, first, last)
	}
}

// Holiday lists from the Finnish almanac.
var holidayYears = map[int][]string{
	2024: {"01-01", "01-06", "03-29", "03-31", "04-01", "05-01", "05-09", "05-19", "06-21", "06-22", "11-02", "12-06", "12-24", "12-25", "12-26"},
	2025: {"01-01", "01-06", "04-18", "04-20", "04-21", "05-01", "05-29", "06-08", "06-20", "06-21", "11-01", "12-06", "12-24", "12-25", "12-26"},
	2026: {"01-01", "01-06", "04-03", "04-05", "04-06", "05-01", "05-14", "05-24", "06-19", "06-20", "10-31", "12-06", "12-24", "12-25", "12-26"},
	// Midsummer Day and All Saints' Day at the last days of their ranges.
	2027: {"01-01", "01-06", "03-26", "03-28", "03-29", "05-01", "05-06", "05-16", "06-25", "06-26", "11-06", "12-06", "12-24", "12-25", "12-26"},
}

func TestHolidaysOfSomeYears(t *testing.T) {
	keys := []string{"new_year", "epiphany", "good_friday", "easter_sunday", "easter_monday", "may_day", "ascension_day",
		"whit_sunday", "midsummer_eve", "midsummer_day", "all_saints_day", "independence_day", "christmas_eve", "christmas_day", "boxing_day"}
	for year, dates := range holidayYears {
		hs := Holidays(year)
		if len(hs) != len(dates) {
			t.Fatalf("%d: %d holidays, want %d", year, len(hs), len(dates))
		}
		for i, h := range hs {
			if want := fmt.Sprintf("%d-%s", year, dates[i]); h.Date.String() != want || h.Key != keys[i] {
				t.Errorf("%d: holiday %d is %s %s, want %s %s", year, i, h.Key, h.Date, keys[i], want)
			}
		}
	}
}

func TestWorkingDays(t *testing.T) {
	cal := Default()
	for _, tc := range []struct {
		d    Date
		want bool
	}{
		{Date{2025, 4, 17}, true},   // Maundy Thursday works
		{Date{2025, 4, 18}, false},  // Good Friday
		{Date{2025, 4, 21}, false},  // Easter Monday
		{Date{2025, 4, 30}, true},   // May Day Eve is a working day
		{Date{2025, 5, 1}, false},   // May Day, a Thursday
		{Date{2025, 5, 29}, false},  // Ascension Day
		{Date{2025, 6, 20}, false},  // Midsummer Eve, a Friday
		{Date{2025, 12, 24}, false}, // Christmas Eve, a Wednesday
		{Date{2025, 12, 5}, true},   // Friday before Independence Day
		{Date{2026, 1, 6}, false},   // Epiphany, a Tuesday
		{Date{2025, 6, 14}, false},  // an ordinary Saturday
		{Date{2025, 6, 16}, true},   // an ordinary Monday
	} {
		if got := cal.IsWorkingDay(tc.d); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.d, got, tc.want)
		}
	}
}

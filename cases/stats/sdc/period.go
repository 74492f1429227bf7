package sdc

import "fmt"

// Grain is the length of a period of the time hierarchy.
type Grain uint8

const (
	MonthGrain Grain = iota + 1
	QuarterGrain
	YearGrain
)

// Period is one month (N 1..12), quarter (N 1..4) or the year (N 0) of
// the calendar year a grid covers.
type Period struct {
	Grain Grain
	N     int
}

// Month is month n (1..12) of the year.
func Month(n int) Period { return Period{Grain: MonthGrain, N: n} }

// Quarter is quarter n (1..4) of the year.
func Quarter(n int) Period { return Period{Grain: QuarterGrain, N: n} }

// Year is the whole year.
func Year() Period { return Period{Grain: YearGrain} }

// YearPeriods lists the 17 periods of a year: the months, the quarters,
// then the year.
func YearPeriods() []Period {
	out := make([]Period, 0, periodsPerYear)
	for m := 1; m <= 12; m++ {
		out = append(out, Month(m))
	}
	for q := 1; q <= 4; q++ {
		out = append(out, Quarter(q))
	}
	return append(out, Year())
}

const periodsPerYear = 17

// index is the period's position in YearPeriods, -1 when invalid.
func (p Period) index() int {
	switch {
	case p.Grain == MonthGrain && p.N >= 1 && p.N <= 12:
		return p.N - 1
	case p.Grain == QuarterGrain && p.N >= 1 && p.N <= 4:
		return 11 + p.N
	case p.Grain == YearGrain && p.N == 0:
		return 16
	}
	return -1
}

func (p Period) String() string {
	switch p.Grain {
	case MonthGrain:
		return fmt.Sprintf("M%02d", p.N)
	case QuarterGrain:
		return fmt.Sprintf("Q%d", p.N)
	case YearGrain:
		return "Y"
	}
	return "period?"
}

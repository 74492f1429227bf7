package stats

import "time"

// yearPeriod is one period of one year's patterns.
type yearPeriod struct {
	Year int
	Code string
}

// decompose writes a range of whole months as the fewest periods of the
// grid: whole years, then whole quarters, then months. A figure for the
// range is the sum of theirs, published only when every one of them is.
func decompose(from, to Month) []yearPeriod {
	var out []yearPeriod
	for i := from.Index(); i <= to.Index(); {
		y, m := i/12, i%12+1
		switch {
		case m == 1 && i+11 <= to.Index():
			out = append(out, yearPeriod{y, "Y"})
			i += 12
		case m%3 == 1 && i+2 <= to.Index():
			out = append(out, yearPeriod{y, "Q" + string(rune('0'+(m+2)/3))})
			i += 3
		default:
			out = append(out, yearPeriod{y, "M" + twoDigits(m)})
			i++
		}
	}
	return out
}

// Index numbers months consecutively, so that month arithmetic is integer
// arithmetic; MonthAt is its inverse.
func (m Month) Index() int { return m.Year*12 + int(m.Month) - 1 }

// MonthAt is the month of an Index.
func MonthAt(i int) Month { return Month{Year: i / 12, Month: time.Month(i%12 + 1)} }

// months lists the months of a range.
func months(from, to Month) []Month {
	var out []Month
	for i := from.Index(); i <= to.Index(); i++ {
		out = append(out, MonthAt(i))
	}
	return out
}

// wholeQuarters reports whether the periods are quarters and years only.
func wholeQuarters(parts []yearPeriod) bool {
	for _, p := range parts {
		if p.Code[0] == 'M' {
			return false
		}
	}
	return true
}

func yearsOf(parts []yearPeriod) []int {
	var out []int
	for _, p := range parts {
		if len(out) == 0 || out[len(out)-1] != p.Year {
			out = append(out, p.Year)
		}
	}
	return out
}

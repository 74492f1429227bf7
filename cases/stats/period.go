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
	for i := monthIndex(from); i <= monthIndex(to); {
		y, m := i/12, i%12+1
		switch {
		case m == 1 && i+11 <= monthIndex(to):
			out = append(out, yearPeriod{y, "Y"})
			i += 12
		case m%3 == 1 && i+2 <= monthIndex(to):
			out = append(out, yearPeriod{y, "Q" + string(rune('0'+(m+2)/3))})
			i += 3
		default:
			out = append(out, yearPeriod{y, "M" + twoDigits(m)})
			i++
		}
	}
	return out
}

// months lists the months of a range.
func months(from, to Month) []Month {
	var out []Month
	for i := monthIndex(from); i <= monthIndex(to); i++ {
		out = append(out, Month{Year: i / 12, Month: time.Month(i%12 + 1)})
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

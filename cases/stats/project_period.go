package stats

import (
	"strconv"
	"strings"
	"time"
)

// A project's period is whole months, stored as the first day of its
// first and of its last month.

// parseProjectMonth reads "2025-09" (the value of an <input type="month">).
func parseProjectMonth(s string) (Month, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || s[4] != '-' {
		return Month{}, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || y < 2000 || y > 2100 || m < 1 || m > 12 {
		return Month{}, false
	}
	return Month{Year: y, Month: time.Month(m)}, true
}

// projectMonthIndex counts months from year 0, so that two months subtract.
func projectMonthIndex(m Month) int { return m.Year*12 + int(m.Month) - 1 }

// ProjectMonths is the number of months from From to To, both included.
func ProjectMonths(from, to Month) int { return projectMonthIndex(to) - projectMonthIndex(from) + 1 }

func projectMonthOf(t time.Time) Month { return Month{Year: t.Year(), Month: t.Month()} }

func projectMonthStart(m Month) time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// maxProjectMonths bounds a period to ten years (the schema's check).
const maxProjectMonths = 120

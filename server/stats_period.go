package server

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
	"neuvo/frontend"
)

// Periods are whole months of the grid, never days: a preset (a year
// "2026", a quarter "2026-Q2", a month "2026-03") or a range of months
// from=YYYY-MM&to=YYYY-MM with period=range (or no period at all).

const periodRange = "range"

var (
	monthPattern   = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)
	quarterPattern = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)
	yearPattern    = regexp.MustCompile(`^(\d{4})$`)
)

// periodPreset is one choice of the period select.
type periodPreset struct {
	Value    string
	Label    string
	From, To stats.Month
}

// parseMonth reads YYYY-MM.
func parseMonth(s string) (stats.Month, bool) {
	m := monthPattern.FindStringSubmatch(s)
	if m == nil {
		return stats.Month{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	return stats.Month{Year: y, Month: time.Month(mo)}, true
}

// presetMonths reads a preset value into its first and last month.
func presetMonths(value string) (from, to stats.Month, ok bool) {
	if m, ok := parseMonth(value); ok {
		return m, m, true
	}
	if q := quarterPattern.FindStringSubmatch(value); q != nil {
		y, _ := strconv.Atoi(q[1])
		n, _ := strconv.Atoi(q[2])
		first := time.Month(3*n - 2)
		return stats.Month{Year: y, Month: first}, stats.Month{Year: y, Month: first + 2}, true
	}
	if y := yearPattern.FindStringSubmatch(value); y != nil {
		year, _ := strconv.Atoi(y[1])
		return stats.Month{Year: year, Month: time.January}, stats.Month{Year: year, Month: time.December}, true
	}
	return stats.Month{}, stats.Month{}, false
}

// statsPresets are the periods the select offers, and that a link may
// name with period=: the month grid's presets; a project's period (from
// the targets' projects) is added here as one more preset with its own
// value, e.g. "project:3", and its first and last month.
func (s *Server) statsPresets(c *gin.Context, l frontend.Lang) ([]periodPreset, error) {
	projects, err := projectPresets(c.Request.Context(), requestTx(c), l)
	return append(projects, periodPresets(l, s.now())...), err
}

// periodPresets are this year, last year, each quarter of this year and
// each month of this year up to now, newest first within each.
func periodPresets(l frontend.Lang, now time.Time) []periodPreset {
	this := now.In(cases.Finland)
	y := this.Year()
	out := []periodPreset{yearPreset(l, y), yearPreset(l, y-1)}
	for q := 1; q <= 4; q++ {
		v := fmt.Sprintf("%d-Q%d", y, q)
		from, to, _ := presetMonths(v)
		out = append(out, periodPreset{Value: v, Label: l.T("stats.period.quarter", q, y), From: from, To: to})
	}
	for m := time.January; m <= this.Month(); m++ {
		month := stats.Month{Year: y, Month: m}
		out = append(out, periodPreset{Value: month.String(), Label: monthText(l, month), From: month, To: month})
	}
	return out
}

func yearPreset(l frontend.Lang, y int) periodPreset {
	v := strconv.Itoa(y)
	from, to, _ := presetMonths(v)
	return periodPreset{Value: v, Label: l.T("stats.period.year", y), From: from, To: to}
}

// monthText is a month as the page shows it: "maaliskuu 2026".
func monthText(l frontend.Lang, m stats.Month) string {
	return l.T(fmt.Sprintf("stats.month.%d", int(m.Month))) + " " + strconv.Itoa(m.Year)
}

// periodText is a range of months as headings show it.
func periodText(l frontend.Lang, from, to stats.Month) string {
	if from == to {
		return monthText(l, from)
	}
	return monthText(l, from) + " – " + monthText(l, to)
}

// readPeriod turns the typed period into months. A preset of the list
// (which may hold periods not written as months, such as a project's)
// or one written as months wins over the from/to fields unless the range
// is chosen; every field's error is recorded under its own name.
func readPeriod(v *cases.ValidationError, presets []periodPreset, period, fromText, toText string) (from, to stats.Month) {
	if period != "" && period != periodRange {
		for _, p := range presets {
			if p.Value == period {
				return p.From, p.To
			}
		}
		from, to, ok := presetMonths(period)
		if !ok {
			v.Add("period", "stats.error.period")
		}
		return from, to
	}
	from, okFrom := parseMonth(fromText)
	if !okFrom {
		v.Add("from", "stats.error.month")
	}
	to, okTo := parseMonth(toText)
	if !okTo {
		v.Add("to", "stats.error.month")
	}
	if okFrom && okTo && to.Index() < from.Index() {
		v.Add("to", "stats.error.period_order")
	}
	return from, to
}

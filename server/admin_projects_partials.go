package server

import (
	"strconv"
	"strings"

	"neuvo/cases/stats"
	"neuvo/frontend"
)

// The stats_targets and stats_costs partials render a report's progress
// against targets and its cost shares. A report page includes them as
// {{template "stats_targets" .Data.Targets}} with a value built here.

// statsFigures formats cells for the partials: the marker for a
// suppressed cell, "–" for a figure that does not exist.
type statsFigures struct{ L frontend.Lang }

// Num is a cell as shown.
func (f statsFigures) Num(c stats.Cell) string { return c.Text(f.L.Code) }

// Pct is a share with its percent sign; the marker alone when suppressed.
func (f statsFigures) Pct(c stats.Cell, absent bool) string {
	switch {
	case absent:
		return "–"
	case !c.Shown:
		return stats.Marker
	}
	return c.Text(f.L.Code) + " %"
}

// statsTargets is the stats_targets partial's value.
type statsTargets struct {
	statsFigures
	Rows        []stats.ProgressRow
	ElapsedText string
	Months      int
}

// newStatsTargets labels each row with its measure and, for a member's
// target, the municipality (names by organisation id).
func newStatsTargets(l frontend.Lang, rows []stats.ProgressRow, names map[int64]string) statsTargets {
	v := statsTargets{statsFigures: statsFigures{L: l}}
	for _, r := range rows {
		r.Label = l.T("project.measure." + r.Measure)
		if r.OrgID != 0 {
			r.Label += " – " + names[r.OrgID]
		}
		v.Rows = append(v.Rows, r)
	}
	if len(rows) > 0 {
		v.Months = rows[0].Months
		v.ElapsedText = strconv.FormatFloat(rows[0].Elapsed, 'f', 1, 64)
		if l.Code != "en" {
			v.ElapsedText = strings.Replace(v.ElapsedText, ".", ",", 1)
		}
	}
	return v
}

// statsCosts is the stats_costs partial's value: one year's split.
type statsCosts struct {
	statsFigures
	Year          int
	PartnersShare string
	HasEuros      bool
	Rows          []stats.CostRow
}

func newStatsCosts(l frontend.Lang, year int, in stats.CostInput) statsCosts {
	return statsCosts{statsFigures: statsFigures{L: l}, Year: year, HasEuros: in.HasBudget,
		PartnersShare: projectDecimalText(in.PartnersShare, l.Code), Rows: stats.CostShares(in)}
}

// Package stats serves Neuvo's statistics (issue 10): month-grain rollups
// of contacts, consultations and support requests, protected patterns
// computed from them in the background by cases/stats/sdc, and reports
// read from the stored patterns only. Nothing here reads free text, and
// no figure leaves the package except as a Cell of a protected pattern or
// a figure derived from published cells.
package stats

import (
	"strconv"
	"strings"
	"time"

	"neuvo/cases/stats/sdc"
)

// Marker is the one symbol of every suppressed figure.
const Marker = sdc.Marker

// CellKind says how a cell's value reads.
type CellKind uint8

const (
	Count     CellKind = iota // a whole number of units
	Percent                   // a share, 0..100
	Magnitude                 // a sum such as persons reached or minutes
	Ratio                     // an average or a per-FTE figure, one decimal
)

// Cell is one published figure, or a suppressed one (Shown false).
type Cell struct {
	Value float64
	Shown bool
	Kind  CellKind
}

// Text is the cell as shown: the number in the language's notation (a
// decimal comma in fi and sv), or Marker.
func (c Cell) Text(lang string) string {
	if !c.Shown {
		return Marker
	}
	var s string
	switch c.Kind {
	case Count, Magnitude:
		s = strconv.FormatInt(int64(c.Value+0.5), 10)
	case Percent, Ratio:
		s = strconv.FormatFloat(c.Value, 'f', 1, 64)
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Label is a row or column heading: a taxonomy code (or a period such as
// "2026-03") and its text in the report's language.
type Label struct {
	Code  string
	Text  string
	Total bool // the row or column of totals
}

// Chart is how a table is best drawn.
type Chart uint8

const (
	NoChart Chart = iota
	Bars          // a breakdown: one bar per row, the first column's values
	Line          // months: one point per row, the first column's values
)

// Table is one protected table of a report: Cells[row][col].
type Table struct {
	ID      string // stable across languages, e.g. "channel", "age_band*gender", "months"
	Section string // contacts, clients, consultations, support
	Title   string
	RowHead string // heading of the label column
	Rows    []Label
	Cols    []Label
	Cells   [][]Cell
	Chart   Chart
}

// Month is a calendar month of the month grid.
type Month struct {
	Year  int
	Month time.Month
}

// String is the ISO form, "2026-03".
func (m Month) String() string {
	return strconv.Itoa(m.Year) + "-" + twoDigits(int(m.Month))
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ScopeKind is whose figures a report holds.
type ScopeKind string

const (
	ScopeOrg       ScopeKind = "org"       // one organisation's own records
	ScopeNetwork   ScopeKind = "network"   // every organisation of a hub's network
	ScopeResidents ScopeKind = "residents" // a partner municipality's residents, across the network
)

// Scope names the figures: a kind and the organisation it is about (the
// hub for a network).
type Scope struct {
	Kind  ScopeKind
	OrgID int64
}

// Filter narrows contact tables to one value of a filter dimension
// (advice_point, channel, kind); the zero Filter is "all".
type Filter struct {
	Dim, Code string
}

// Request is what a manager asks for: a scope, a range of whole months
// and a filter.
type Request struct {
	Scope    Scope
	From, To Month // inclusive; From <= To
	Filter   Filter
	Lang     string
}

// Report is what a request returns: only tables whose pattern has passed
// the audit; the others are listed in Withheld.
type Report struct {
	Request
	ScopeName string
	K         int
	AsOf      time.Time // when the oldest pattern behind the report was computed
	Tables    []Table
	Withheld  []string // titles of tables not shown: pattern pending or unproven
	Released  []Release
}

// Release is a stored, reproducible report.
type Release struct {
	ID        int64
	Title     string
	By        string
	At        time.Time
	Corrected bool // figures of its period changed after it was released
}

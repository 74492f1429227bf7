package cases

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/stats/sdc"
)

// The response-time view (issue 9, item 7): requests and their response
// times per month and urgency, the share answered within target, requests
// by municipality, sector and topic, and expert time. Every count of the
// year is one linked family protected by cases/stats/sdc, so no table can
// be differenced against another; medians, percentiles and sums are shown
// only where their count is published and rests on at least k requests.

// DefaultStatsK is the threshold until organisations configure their own
// (issue 10).
const DefaultStatsK = 5

// SupportFigures are one row of the response-time tables.
type SupportFigures struct {
	Requests         string     // the count, or sdc.Marker
	Decided          string     // answered, or past the target unanswered
	InTarget         sdc.Figure // share of the decided answered within target
	FirstMedian      sdc.Figure // working hours
	FirstP90         sdc.Figure
	ResolutionMedian sdc.Figure
	ResolutionP90    sdc.Figure
	ExpertHours      sdc.Figure
}

// CountRow is a breakdown row: its label's code and the counts per quarter
// and for the year (the year last).
type CountRow struct {
	Code, Label string
	Counts      []string
}

// SupportReport is the protected view of one year.
type SupportReport struct {
	Year      int
	K         int
	Safe      bool                      // false: nothing may be shown
	ByUrgency map[string]SupportFigures // by urgency code and "total", for the year
	ByMonth   []SupportFigures          // months 1–12, then the year
	ByOrg     []CountRow
	BySector  []CountRow
	ByTopic   []CountRow
}

// SupportStats builds, protects and audits the view of a year for the
// current organisation: a hub sees its network's requests, another
// organisation the ones it filed.
func SupportStats(ctx context.Context, q sqlx.QueryerContext, tax *Taxonomy, lang string, year, k int, now time.Time) (SupportReport, error) {
	facts, orgs, err := loadSupportFacts(ctx, q, year)
	if err != nil {
		return SupportReport{}, err
	}
	b, err := newStatsBuilder(tax, lang, facts, orgs, now)
	if err != nil {
		return SupportReport{}, err
	}
	res, err := sdc.Protect(b.grid.Family, sdc.Options{K: k})
	if err != nil {
		return SupportReport{}, err
	}
	report := SupportReport{Year: year, K: k, Safe: res.Safe}
	if res.Safe {
		b.fill(&report, res.Pattern)
	}
	return report, nil
}

// statsBuilder holds the family and what the derived figures need.
type statsBuilder struct {
	grid    *sdc.Grid
	decided map[[2]int]sdc.CellID // (period, urgency row or Total) → within target + late
	rows    []breakdown
	first   map[[2]int][]float64 // working hours per (period, row)
	resolve map[[2]int][]float64
	minutes map[[2]int]float64
}

// breakdown is a one-way table linked to the family's period totals.
type breakdown struct {
	codes, labels []string
	cells         [][]sdc.CellID // [category][period]
}

func newStatsBuilder(tax *Taxonomy, lang string, facts []supportFact, orgs []StatsOrg, now time.Time) (*statsBuilder, error) {
	counts := map[sdc.Leaf]int{}
	b := &statsBuilder{decided: map[[2]int]sdc.CellID{}, first: map[[2]int][]float64{}, resolve: map[[2]int][]float64{},
		minutes: map[[2]int]float64{}}
	for _, f := range facts {
		u := slices.Index(Urgencies, f.Urgency)
		counts[sdc.Leaf{Month: f.month(), Row: u, Col: f.outcome(now)}]++
		b.collect(f, u)
	}
	g, err := sdc.TwoWay(len(Urgencies), outcomes, counts)
	if err != nil {
		return nil, err
	}
	b.grid = g
	if err := b.addDecided(); err != nil {
		return nil, err
	}
	for _, table := range statsTables(tax, lang, orgs) {
		if err := b.addBreakdown(table, facts); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// collect files a request's times under its month, quarter and year, for
// its urgency and for all.
func (b *statsBuilder) collect(f supportFact, urgency int) {
	month := f.month()
	for _, p := range []int{month - 1, 11 + (month+2)/3, 16} {
		for _, row := range []int{urgency, sdc.Total} {
			key := [2]int{p, row}
			if f.First != nil {
				b.first[key] = append(b.first[key], float64(*f.First)/3600)
			}
			if f.Resolution != nil {
				b.resolve[key] = append(b.resolve[key], float64(*f.Resolution)/3600)
			}
			b.minutes[key] += float64(f.Minutes)
		}
	}
}

// addDecided adds "decided = within target + late" for every period and
// row, the base of the within-target share.
func (b *statsBuilder) addDecided() error {
	f := b.grid.Family
	for p, period := range sdc.YearPeriods() {
		for row := sdc.Total; row < len(Urgencies); row++ {
			in, _ := b.grid.Cell(sdc.Key{Period: period, Row: row, Col: outcomeInTarget})
			late, _ := b.grid.Cell(sdc.Key{Period: period, Row: row, Col: outcomeLate})
			id := f.AddCell(f.Value(in) + f.Value(late))
			if err := f.AddRelation(sdc.Relation{Total: id, Parts: []sdc.CellID{in, late}}); err != nil {
				return err
			}
			b.decided[[2]int{p, row}] = id
		}
	}
	return nil
}

func (b *statsBuilder) total(p int) sdc.CellID {
	id, _ := b.grid.Cell(sdc.Key{Period: sdc.YearPeriods()[p], Row: sdc.Total, Col: sdc.Total})
	return id
}

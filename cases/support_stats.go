package cases

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/stats/sdc"
)

// The response-time view (issue 9, item 7): requests and their response
// times per month and per urgency, the share answered within target,
// requests by municipality, sector and topic per quarter, and expert time.
// Every count the view shows, and every count derivable from them, is a
// cell of one linked family protected by cases/stats/sdc, so no table can
// be differenced against another; counts the view never shows (a month by
// municipality, a month by urgency) are left out, since the engine takes
// every cell of a family as known to the reader. Medians, percentiles and
// sums are shown only where their count is published and rests on at
// least k requests.

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
	res, err := sdc.Protect(b.f, sdc.Options{K: k})
	if err != nil {
		return SupportReport{}, err
	}
	report := SupportReport{Year: year, K: k, Safe: res.Safe}
	if res.Safe {
		b.fill(&report, res.Pattern)
	}
	return report, nil
}

// Periods of the family: months 0–11, quarters 12–15, the year 16.
const (
	periods    = 17
	yearPeriod = 16
)

// outcomeCells are the counts of one row of the main tables: all
// requests, within target, late, undecided, and decided (within + late).
type outcomeCells struct{ all, in, late, open, decided sdc.CellID }

// statsBuilder holds the family and what the derived figures need.
type statsBuilder struct {
	f        *sdc.Family
	byPeriod [periods]outcomeCells // every urgency
	byUrg    []outcomeCells        // per urgency, for the year
	rows     []breakdown
	first    map[[2]int][]float64 // working hours per (period, urgency or sdc.Total)
	resolve  map[[2]int][]float64
	minutes  map[[2]int]float64
	err      error // the first failure of relate
}

// breakdown is a one-way table by quarter and year.
type breakdown struct {
	codes, labels []string
	cells         [][]sdc.CellID // [category][quarter 0–3, year 4]
}

func newStatsBuilder(tax *Taxonomy, lang string, facts []supportFact, orgs []StatsOrg, now time.Time) (*statsBuilder, error) {
	b := &statsBuilder{f: sdc.NewFamily(), first: map[[2]int][]float64{}, resolve: map[[2]int][]float64{},
		minutes: map[[2]int]float64{}}
	var monthly [12][outcomes]int
	yearly := make([][outcomes]int, len(Urgencies))
	for _, f := range facts {
		u, o := slices.Index(Urgencies, f.Urgency), f.outcome(now)
		monthly[f.month()-1][o]++
		yearly[u][o]++
		b.collect(f, u)
	}
	if err := b.addMain(monthly, yearly); err != nil {
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
	for _, p := range periodsOf(f.month()) {
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

// periodsOf are the periods a month counts in: itself, its quarter, the year.
func periodsOf(month int) []int { return []int{month - 1, 11 + (month+2)/3, yearPeriod} }

// addMain adds the rows of the two main tables: every month, quarter and
// the year for all urgencies, and the year per urgency, each with its
// outcome cells, and the relations between them.
func (b *statsBuilder) addMain(monthly [12][outcomes]int, yearly [][outcomes]int) error {
	for m := range 12 {
		b.byPeriod[m] = b.outcomeRow(monthly[m])
	}
	for q := range 4 {
		b.byPeriod[12+q] = b.sumRow(b.byPeriod[3*q : 3*q+3])
	}
	b.byPeriod[yearPeriod] = b.sumRow(b.byPeriod[12:16])
	for _, counts := range yearly {
		b.byUrg = append(b.byUrg, b.outcomeRow(counts))
	}
	if b.err != nil {
		return b.err
	}
	return b.linkRows(b.byPeriod[yearPeriod], b.byUrg, true)
}

// outcomeRow adds one row's cells from its counts, with all = in + late +
// open (the row shown) and decided = in + late.
func (b *statsBuilder) outcomeRow(c [outcomes]int) outcomeCells {
	r := outcomeCells{in: b.f.AddCell(c[outcomeInTarget]), late: b.f.AddCell(c[outcomeLate]), open: b.f.AddCell(c[outcomeOpen])}
	r.decided = b.f.AddCell(c[outcomeInTarget] + c[outcomeLate])
	r.all = b.f.AddCell(c[outcomeInTarget] + c[outcomeLate] + c[outcomeOpen])
	b.relate(sdc.Relation{Total: r.all, Parts: []sdc.CellID{r.in, r.late, r.open}, Line: true})
	b.relate(sdc.Relation{Total: r.decided, Parts: []sdc.CellID{r.in, r.late}})
	return r
}

// sumRow adds a row that is the sum of others (a quarter of its months,
// the year of its quarters), cell by cell.
func (b *statsBuilder) sumRow(parts []outcomeCells) outcomeCells {
	counts := [outcomes]int{}
	for _, p := range parts {
		counts[outcomeInTarget] += b.f.Value(p.in)
		counts[outcomeLate] += b.f.Value(p.late)
		counts[outcomeOpen] += b.f.Value(p.open)
	}
	r := b.outcomeRow(counts)
	if err := b.linkRows(r, parts, false); err != nil && b.err == nil {
		b.err = err
	}
	return r
}

// relate adds a relation, keeping the first error for addMain to return:
// the rows are built together, and any error is a programming error.
func (b *statsBuilder) relate(r sdc.Relation) {
	if b.err == nil && r.Parts != nil {
		b.err = b.f.AddRelation(r)
	}
}

// linkRows adds total = Σ parts for each kind of cell; line marks the
// column of requests as a column of a table shown.
func (b *statsBuilder) linkRows(total outcomeCells, parts []outcomeCells, line bool) error {
	pick := []func(outcomeCells) sdc.CellID{
		func(r outcomeCells) sdc.CellID { return r.all }, func(r outcomeCells) sdc.CellID { return r.in },
		func(r outcomeCells) sdc.CellID { return r.late }, func(r outcomeCells) sdc.CellID { return r.open },
		func(r outcomeCells) sdc.CellID { return r.decided }}
	for i, cell := range pick {
		ids := make([]sdc.CellID, len(parts))
		for j, p := range parts {
			ids[j] = cell(p)
		}
		if err := b.f.AddRelation(sdc.Relation{Total: cell(total), Parts: ids, Line: line && i == 0}); err != nil {
			return err
		}
	}
	return nil
}

package cases

import (
	"slices"
	"strconv"

	"neuvo/cases/stats/sdc"
)

// statsTable is a breakdown of requests by one dimension. A linked table
// partitions the requests, so each period's categories sum to the period's
// total; topics do not (a request has several), so their table has only
// its time relations.
type statsTable struct {
	codes, labels []string
	of            func(supportFact) []int // the categories a request counts in
	linked        bool
}

func statsTables(tax *Taxonomy, lang string, orgs []StatsOrg) []statsTable {
	orgTable := statsTable{linked: true}
	for _, o := range orgs {
		orgTable.codes, orgTable.labels = append(orgTable.codes, strconv.FormatInt(o.ID, 10)), append(orgTable.labels, o.Name)
	}
	orgTable.of = func(f supportFact) []int {
		return []int{slices.Index(orgTable.codes, strconv.FormatInt(f.OrgID, 10))}
	}
	sectors := statsTable{linked: true}
	for _, it := range tax.All("sector") {
		sectors.codes, sectors.labels = append(sectors.codes, it.Code), append(sectors.labels, it.Label(lang))
	}
	sectors.of = func(f supportFact) []int { return []int{slices.Index(sectors.codes, f.Sector)} }
	topics := statsTable{}
	for _, it := range tax.All("topic") {
		if it.Parent == "" {
			topics.codes, topics.labels = append(topics.codes, it.Code), append(topics.labels, it.Label(lang))
		}
	}
	topics.of = func(f supportFact) []int {
		var out []int
		for _, t := range topTopics(tax, f.Topics) {
			out = append(out, slices.Index(topics.codes, t))
		}
		return out
	}
	return []statsTable{orgTable, sectors, topics}
}

// addBreakdown adds a table's cells for every period, with quarter = its
// months and year = its quarters, and for a linked table the period total
// = its categories. Each category's row of quarters and year is a line of
// the table shown, so a category with fewer than k requests is hidden
// whole.
func (b *statsBuilder) addBreakdown(t statsTable, facts []supportFact) error {
	monthly := make([][12]int, len(t.codes))
	for _, f := range facts {
		for _, c := range t.of(f) {
			if c < 0 { // a code the taxonomy has since lost: counted in no row, so the table says it does not add up
				return sdc.ErrInvalid
			}
			monthly[c][f.month()-1]++
		}
	}
	f := b.grid.Family
	out := breakdown{codes: t.codes, labels: t.labels, cells: make([][]sdc.CellID, len(t.codes))}
	for c := range t.codes {
		cells := make([]sdc.CellID, 17)
		for m := range 12 {
			cells[m] = f.AddCell(monthly[c][m])
		}
		for q := range 4 {
			cells[12+q] = f.AddCell(monthly[c][3*q] + monthly[c][3*q+1] + monthly[c][3*q+2])
			if err := f.AddRelation(sdc.Relation{Total: cells[12+q], Parts: cells[3*q : 3*q+3]}); err != nil {
				return err
			}
		}
		cells[16] = f.AddCell(f.Value(cells[12]) + f.Value(cells[13]) + f.Value(cells[14]) + f.Value(cells[15]))
		if err := f.AddRelation(sdc.Relation{Total: cells[16], Parts: cells[12:16], Line: true}); err != nil {
			return err
		}
		out.cells[c] = cells
	}
	if t.linked && len(t.codes) > 0 {
		for p := range 17 {
			parts := make([]sdc.CellID, len(t.codes))
			for c := range t.codes {
				parts[c] = out.cells[c][p]
			}
			if err := f.AddRelation(sdc.Relation{Total: b.total(p), Parts: parts, Line: p >= 12}); err != nil {
				return err
			}
		}
	}
	b.rows = append(b.rows, out)
	return nil
}

// fill reads the published figures into the report.
func (b *statsBuilder) fill(r *SupportReport, p *sdc.Pattern) {
	r.ByUrgency = map[string]SupportFigures{"total": b.figures(p, 16, sdc.Total)}
	for u, code := range Urgencies {
		r.ByUrgency[code] = b.figures(p, 16, u)
	}
	for m := range 12 {
		r.ByMonth = append(r.ByMonth, b.figures(p, m, sdc.Total))
	}
	r.ByMonth = append(r.ByMonth, b.figures(p, 16, sdc.Total))
	tables := []*[]CountRow{&r.ByOrg, &r.BySector, &r.ByTopic}
	for i, t := range b.rows {
		for c := range t.codes {
			row := CountRow{Code: t.codes[c], Label: t.labels[c]}
			for _, period := range t.cells[c][12:] {
				row.Counts = append(row.Counts, p.Text(period))
			}
			*tables[i] = append(*tables[i], row)
		}
	}
}

func (b *statsBuilder) figures(p *sdc.Pattern, period, row int) SupportFigures {
	units, _ := b.grid.Cell(sdc.Key{Period: sdc.YearPeriods()[period], Row: row, Col: sdc.Total})
	in, _ := b.grid.Cell(sdc.Key{Period: sdc.YearPeriods()[period], Row: row, Col: outcomeInTarget})
	key := [2]int{period, row}
	return SupportFigures{
		Requests: p.Text(units), Decided: p.Text(b.decided[key]),
		InTarget:         p.Share(in, b.decided[key]),
		FirstMedian:      p.Quantile(b.first[key], 0.5, units),
		FirstP90:         p.Quantile(b.first[key], 0.9, units),
		ResolutionMedian: p.Quantile(b.resolve[key], 0.5, units),
		ResolutionP90:    p.Quantile(b.resolve[key], 0.9, units),
		ExpertHours:      p.Magnitude(b.minutes[key]/60, units),
	}
}

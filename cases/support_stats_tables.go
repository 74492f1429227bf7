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

// addBreakdown adds a table's cells by quarter and for the year, with
// year = its quarters and, for a linked table, each period's requests =
// its categories. A category's row is a line of the table shown, so a
// category with fewer than k requests is hidden whole.
func (b *statsBuilder) addBreakdown(t statsTable, facts []supportFact) error {
	quarterly := make([][4]int, len(t.codes))
	for _, f := range facts {
		for _, c := range t.of(f) {
			if c < 0 { // a code the table does not know: counted in no row, the table would not add up
				return sdc.ErrInvalid
			}
			quarterly[c][(f.month()-1)/3]++
		}
	}
	out := breakdown{codes: t.codes, labels: t.labels, cells: make([][]sdc.CellID, len(t.codes))}
	for c := range t.codes {
		cells := make([]sdc.CellID, 5)
		year := 0
		for q := range 4 {
			cells[q] = b.f.AddCell(quarterly[c][q])
			year += quarterly[c][q]
		}
		cells[4] = b.f.AddCell(year)
		if err := b.f.AddRelation(sdc.Relation{Total: cells[4], Parts: cells[:4], Line: true}); err != nil {
			return err
		}
		out.cells[c] = cells
	}
	if t.linked && len(t.codes) > 0 {
		for i, period := range []int{12, 13, 14, 15, yearPeriod} {
			parts := make([]sdc.CellID, len(t.codes))
			for c := range t.codes {
				parts[c] = out.cells[c][i]
			}
			if err := b.f.AddRelation(sdc.Relation{Total: b.byPeriod[period].all, Parts: parts, Line: true}); err != nil {
				return err
			}
		}
	}
	b.rows = append(b.rows, out)
	return nil
}

// fill reads the published figures into the report.
func (b *statsBuilder) fill(r *SupportReport, p *sdc.Pattern) {
	r.ByUrgency = map[string]SupportFigures{"total": b.figures(p, b.byPeriod[yearPeriod], [2]int{yearPeriod, sdc.Total})}
	for u, code := range Urgencies {
		r.ByUrgency[code] = b.figures(p, b.byUrg[u], [2]int{yearPeriod, u})
	}
	for m := range 12 {
		r.ByMonth = append(r.ByMonth, b.figures(p, b.byPeriod[m], [2]int{m, sdc.Total}))
	}
	r.ByMonth = append(r.ByMonth, r.ByUrgency["total"])
	tables := []*[]CountRow{&r.ByOrg, &r.BySector, &r.ByTopic}
	for i, t := range b.rows {
		for c := range t.codes {
			row := CountRow{Code: t.codes[c], Label: t.labels[c]}
			for _, cell := range t.cells[c] {
				row.Counts = append(row.Counts, p.Text(cell))
			}
			*tables[i] = append(*tables[i], row)
		}
	}
}

func (b *statsBuilder) figures(p *sdc.Pattern, row outcomeCells, key [2]int) SupportFigures {
	return SupportFigures{
		Requests: p.Text(row.all), Decided: p.Text(row.decided),
		InTarget:         p.Share(row.in, row.decided),
		FirstMedian:      p.Quantile(b.first[key], 0.5, row.all),
		FirstP90:         p.Quantile(b.first[key], 0.9, row.all),
		ResolutionMedian: p.Quantile(b.resolve[key], 0.5, row.all),
		ResolutionP90:    p.Quantile(b.resolve[key], 0.9, row.all),
		ExpertHours:      p.Magnitude(b.minutes[key]/60, row.all),
	}
}

package stats

import (
	"slices"
	"strconv"
	"strings"

	"neuvo/cases/stats/sdc"
)

// Every cell of every family of a scope and year has a canonical key: its
// period and its conditions, sorted ("Q2|age_band=30_54&channel=phone").
// The same count has the same key in whichever family holds it, so a
// family protected later pins what an earlier one decided, and a report
// reads cells by key without knowing which family holds them.

// periodCode is "M03", "Q2" or "Y".
func periodCode(p sdc.Period) string {
	switch p.Grain {
	case sdc.MonthGrain:
		return "M" + twoDigits(p.N)
	case sdc.QuarterGrain:
		return "Q" + strconv.Itoa(p.N)
	}
	return "Y"
}

func cellKey(period string, conds ...string) string {
	c := slices.Clone(conds)
	c = slices.DeleteFunc(c, func(s string) bool { return s == "" })
	slices.Sort(c)
	return period + "|" + strings.Join(c, "&")
}

func cond(dim, code string) string {
	if dim == "" {
		return ""
	}
	return dim + "=" + code
}

// amounts are a cell's count and the magnitudes summed over its units.
type amounts struct{ N, Persons, Minutes int }

func (a *amounts) add(b amounts) { a.N += b.N; a.Persons += b.Persons; a.Minutes += b.Minutes }

// famBuilder collects one family's cells by key, and its relations.
type famBuilder struct {
	id   string
	f    *sdc.Family
	ids  map[string]sdc.CellID
	keys []string
	vals []amounts
	err  error
	// coarser builds the same family at a coarser grain, tried when this
	// one cannot be proven safe (nil: none).
	coarser func() *famBuilder
}

func newFamBuilder(id string) *famBuilder {
	return &famBuilder{id: id, f: sdc.NewFamily(), ids: map[string]sdc.CellID{}}
}

// cell returns the key's cell, adding it with its amounts the first time.
func (b *famBuilder) cell(key string, a amounts) sdc.CellID {
	if id, ok := b.ids[key]; ok {
		return id
	}
	id := b.f.AddCell(a.N)
	b.ids[key] = id
	b.keys = append(b.keys, key)
	b.vals = append(b.vals, a)
	return id
}

// sum adds "total = parts" between cells already added.
func (b *famBuilder) sum(total string, parts []string, line bool) {
	if b.err != nil || len(parts) == 0 {
		return
	}
	r := sdc.Relation{Total: b.ids[total], Line: line}
	for _, p := range parts {
		r.Parts = append(r.Parts, b.ids[p])
	}
	b.err = b.f.AddRelation(r)
}

// timeSums relates a series' quarters to its months and its year to its
// quarters, for cells keyed by conds.
func (b *famBuilder) timeSums(conds ...string) {
	var quarters []string
	for q := 1; q <= 4; q++ {
		var months []string
		for m := 3*q - 2; m <= 3*q; m++ {
			months = append(months, cellKey(periodCode(sdc.Month(m)), conds...))
		}
		b.sum(cellKey(periodCode(sdc.Quarter(q)), conds...), months, false)
		quarters = append(quarters, cellKey(periodCode(sdc.Quarter(q)), conds...))
	}
	b.sum(cellKey("Y", conds...), quarters, false)
}

// series adds a cell for every period of the year from monthly amounts,
// quarters and the year summed.
func (b *famBuilder) series(monthly [13]amounts, conds ...string) {
	var year amounts
	for q := 1; q <= 4; q++ {
		var quarter amounts
		for m := 3*q - 2; m <= 3*q; m++ {
			b.cell(cellKey(periodCode(sdc.Month(m)), conds...), monthly[m])
			quarter.add(monthly[m])
		}
		b.cell(cellKey(periodCode(sdc.Quarter(q)), conds...), quarter)
		year.add(quarter)
	}
	b.cell(cellKey("Y", conds...), year)
}

// periodCodes are the 17 periods of a year.
func periodCodes() []string {
	var out []string
	for _, p := range sdc.YearPeriods() {
		out = append(out, periodCode(p))
	}
	return out
}

// quarterSeries adds the quarters and the year of a series, related.
func (b *famBuilder) quarterSeries(monthly [13]amounts, conds ...string) {
	var year amounts
	var quarters []string
	for q := 1; q <= 4; q++ {
		var quarter amounts
		for m := 3*q - 2; m <= 3*q; m++ {
			quarter.add(monthly[m])
		}
		key := cellKey(periodCode(sdc.Quarter(q)), conds...)
		b.cell(key, quarter)
		quarters = append(quarters, key)
		year.add(quarter)
	}
	b.cell(cellKey("Y", conds...), year)
	b.sum(cellKey("Y", conds...), quarters, false)
}

// quarterCodes are the periods of quarter-grain families.
func quarterCodes() []string { return []string{"Q1", "Q2", "Q3", "Q4", "Y"} }

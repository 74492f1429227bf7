package stats

import (
	"slices"
	"strings"

	"neuvo/cases"
)

// tableBuilder assembles a report's tables from the stored cells: a
// figure for the range is the sum of its periods' published cells, and is
// suppressed when any of them is.
type tableBuilder struct {
	req      Request
	pat      *patterns
	tax      *cases.Taxonomy
	names    names
	parts    []yearPeriod
	withheld []string
}

// value is the range's amounts for the conditions, and whether every
// period's cell is published (magnitudes: and shown).
func (b *tableBuilder) value(parts []yearPeriod, conds ...string) (a amounts, shown, magnitudes bool) {
	shown, magnitudes = true, true
	for _, p := range parts {
		if b.pat.empty[p.Year] {
			continue // nothing to count that year
		}
		c, ok := b.pat.years[p.Year][cellKey(p.Code, conds...)]
		if !ok || c == nil {
			return amounts{}, false, false
		}
		a.N += c[0]
		if len(c) == 3 {
			a.Persons += c[1]
			a.Minutes += c[2]
		} else if c[0] > 0 {
			magnitudes = false
		}
	}
	return a, shown, magnitudes
}

func (b *tableBuilder) count(parts []yearPeriod, conds ...string) Cell {
	a, shown, _ := b.value(parts, conds...)
	return Cell{Value: float64(a.N), Shown: shown, Kind: Count}
}

func (b *tableBuilder) persons(parts []yearPeriod, conds ...string) Cell {
	a, shown, mag := b.value(parts, conds...)
	return Cell{Value: float64(a.Persons), Shown: shown && mag, Kind: Magnitude}
}

// share is part / whole in percent, from published cells only.
func share(part, whole Cell) Cell {
	c := Cell{Kind: Percent, Shown: part.Shown && whole.Shown && whole.Value > 0}
	if c.Shown {
		c.Value = 100 * part.Value / whole.Value
	}
	return c
}

func (b *tableBuilder) lang() string { return b.req.Lang }

func (b *tableBuilder) tables() []Table {
	years := yearsOf(b.parts)
	var out []Table
	add := func(family, title string, t func() Table) {
		if !b.pat.safe(family, years) {
			b.withheld = append(b.withheld, title)
			return
		}
		out = append(out, t())
	}
	if b.req.Filter != (Filter{}) {
		// A filter narrows the month table: its counts are the cells of
		// the filter dimension's own table. No other breakdown is
		// protected per filter value (docs/statistics.md).
		add("contacts:"+b.req.Filter.Dim, word(b.lang(), "months"), b.filteredMonthsTable)
		for _, d := range contactDimList {
			b.withheld = append(b.withheld, word(b.lang(), "dim."+d.ID)+" ("+word(b.lang(), "no_filter")+")")
		}
		return out
	}
	add("clients", word(b.lang(), "months"), b.monthsTable)
	for _, d := range contactDimList {
		add("contacts:"+d.ID, word(b.lang(), "dim."+d.ID), func() Table { return b.dimTable(d) })
	}
	for _, c := range crossList {
		title := word(b.lang(), "dim."+c.Rows) + " × " + strings.ToLower(word(b.lang(), "dim."+c.Cols))
		if wholeQuarters(b.parts) {
			add("cross:"+c.id(), title, func() Table { return b.crossTable(c, title) })
		}
	}
	add("consultations", word(b.lang(), "consultations"), b.consultationTable)
	return out
}

// codes lists a dimension's categories held in the patterns, in the
// taxonomy's (or Neuvo's own) order.
func (b *tableBuilder) codes(d dim) []string {
	seen := map[string]bool{}
	prefix := d.ID + "="
	for _, cells := range b.pat.years {
		for key := range cells {
			period, conds, _ := strings.Cut(key, "|")
			if period == "Y" && strings.HasPrefix(conds, prefix) && !strings.Contains(conds, "&") {
				seen[strings.TrimPrefix(conds, prefix)] = true
			}
		}
	}
	order := func(code string) int {
		if own, ok := ownCategories[d.ID]; ok {
			if i := slices.Index(own, code); i >= 0 {
				return i
			}
			if strings.HasPrefix(code, "p") {
				return 0 // partners after the hub, by id below
			}
		}
		if it, ok := b.tax.Item(d.Taxonomy, code); ok && d.Taxonomy != "" {
			return it.Sort
		}
		return 1 << 20
	}
	out := sortedKeys(seen)
	slices.SortStableFunc(out, func(x, y string) int { return order(x) - order(y) })
	return out
}

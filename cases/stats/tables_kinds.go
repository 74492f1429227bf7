package stats

import (
	"strconv"
	"strings"
)

func (b *tableBuilder) monthsTable() Table {
	t := Table{ID: "months", Section: "contacts", Title: word(b.lang(), "months"), RowHead: word(b.lang(), "month"), Chart: Line}
	for _, c := range []string{"contacts", "unique_clients", "new_clients", "persons"} {
		t.Cols = append(t.Cols, Label{Code: c, Text: word(b.lang(), c)})
	}
	row := func(parts []yearPeriod, unique Cell) []Cell {
		return []Cell{b.count(parts), unique, b.count(parts, "measure=new_clients"), b.persons(parts)}
	}
	for _, m := range months(b.req.From, b.req.To) {
		part := []yearPeriod{{m.Year, "M" + twoDigits(int(m.Month))}}
		t.Rows = append(t.Rows, Label{Code: m.String(), Text: twoDigits(int(m.Month)) + "/" + strconv.Itoa(m.Year)})
		t.Cells = append(t.Cells, row(part, b.count(part, "measure=unique_clients")))
	}
	// Unique clients do not add up over periods: the range's figure exists
	// only when the range is one period of the grid.
	unique := Cell{Kind: Count}
	if len(b.parts) == 1 {
		unique = b.count(b.parts, "measure=unique_clients")
	}
	t.Rows = append(t.Rows, Label{Code: "total", Text: word(b.lang(), "total"), Total: true})
	t.Cells = append(t.Cells, row(b.parts, unique))
	return t
}

// filteredMonthsTable is the month table of one filter value: contacts
// and persons reached.
func (b *tableBuilder) filteredMonthsTable() Table {
	f := cond(b.req.Filter.Dim, b.req.Filter.Code)
	t := Table{ID: "months", Section: "contacts", Title: word(b.lang(), "months"), RowHead: word(b.lang(), "month"), Chart: Line}
	for _, c := range []string{"contacts", "persons"} {
		t.Cols = append(t.Cols, Label{Code: c, Text: word(b.lang(), c)})
	}
	for _, m := range months(b.req.From, b.req.To) {
		part := []yearPeriod{{m.Year, "M" + twoDigits(int(m.Month))}}
		t.Rows = append(t.Rows, Label{Code: m.String(), Text: twoDigits(int(m.Month)) + "/" + strconv.Itoa(m.Year)})
		t.Cells = append(t.Cells, []Cell{b.count(part, f), b.persons(part, f)})
	}
	t.Rows = append(t.Rows, Label{Code: "total", Text: word(b.lang(), "total"), Total: true})
	t.Cells = append(t.Cells, []Cell{b.count(b.parts, f), b.persons(b.parts, f)})
	return t
}

func (b *tableBuilder) dimTable(d dim) Table {
	t := Table{ID: d.ID, Section: "contacts", Title: word(b.lang(), "dim."+d.ID), RowHead: word(b.lang(), "dim."+d.ID), Chart: Bars}
	for _, c := range []string{"contacts", "share", "persons"} {
		t.Cols = append(t.Cols, Label{Code: c, Text: word(b.lang(), c)})
	}
	total := b.count(b.parts)
	for _, code := range b.codes(d) {
		n := b.count(b.parts, cond(d.ID, code))
		t.Rows = append(t.Rows, Label{Code: code, Text: b.names.label(b.tax, d, code)})
		t.Cells = append(t.Cells, []Cell{n, share(n, total), b.persons(b.parts, cond(d.ID, code))})
	}
	t.Rows = append(t.Rows, Label{Code: "total", Text: word(b.lang(), "total"), Total: true})
	t.Cells = append(t.Cells, []Cell{total, share(total, total), b.persons(b.parts)})
	return t
}

func (b *tableBuilder) crossTable(c cross, title string) Table {
	rd, _ := dimByID(c.Rows)
	cd, _ := dimByID(c.Cols)
	t := Table{ID: c.id(), Section: "contacts", Title: title, RowHead: word(b.lang(), "dim."+c.Rows)}
	cols := b.codes(cd)
	for _, code := range cols {
		t.Cols = append(t.Cols, Label{Code: code, Text: b.names.label(b.tax, cd, code)})
	}
	t.Cols = append(t.Cols, Label{Code: "total", Text: word(b.lang(), "total"), Total: true})
	line := func(rowCond string) []Cell {
		var cells []Cell
		for _, code := range cols {
			cells = append(cells, b.count(b.parts, rowCond, cond(c.Cols, code)))
		}
		return append(cells, b.count(b.parts, rowCond))
	}
	for _, code := range b.codes(rd) {
		t.Rows = append(t.Rows, Label{Code: code, Text: b.names.label(b.tax, rd, code)})
		t.Cells = append(t.Cells, line(cond(c.Rows, code)))
	}
	t.Rows = append(t.Rows, Label{Code: "total", Text: word(b.lang(), "total"), Total: true})
	t.Cells = append(t.Cells, line(""))
	return t
}

func (b *tableBuilder) consultationTable() Table {
	t := Table{ID: "consultations", Section: "consultations", Title: word(b.lang(), "consultations"), RowHead: word(b.lang(), "partner")}
	for _, s := range consultationStatuses {
		t.Cols = append(t.Cols, Label{Code: s, Text: word(b.lang(), s)})
	}
	t.Cols = append(t.Cols, Label{Code: "total", Text: word(b.lang(), "consult_total"), Total: true})
	line := func(partner string) []Cell {
		var cells []Cell
		for _, s := range consultationStatuses {
			cells = append(cells, b.count(b.parts, consultConds(partner, s)...))
		}
		return append(cells, b.count(b.parts, consultConds(partner, "")...))
	}
	for _, p := range b.partners() {
		t.Rows = append(t.Rows, Label{Code: p, Text: b.names.partners[p]})
		t.Cells = append(t.Cells, line(p))
	}
	t.Rows = append(t.Rows, Label{Code: "total", Text: word(b.lang(), "total"), Total: true})
	t.Cells = append(t.Cells, line(""))
	return t
}

// partners are the partner organisations the consultation cells name.
func (b *tableBuilder) partners() []string {
	const prefix = "Y|measure=consultations&partner="
	seen := map[string]bool{}
	for _, cells := range b.pat.years {
		for key := range cells {
			if rest, ok := strings.CutPrefix(key, prefix); ok {
				id, _, _ := strings.Cut(rest, "&")
				seen[id] = true
			}
		}
	}
	return sortedKeys(seen)
}

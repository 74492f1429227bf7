package stats

import "slices"

// slice is one filter value, or "all" (the zero slice).
type slice struct{ Dim, Code string }

func (s slice) cond() string { return cond(s.Dim, s.Code) }

// contactFamily is one dimension's contacts by category, every period of
// the year and every filter value of the other filter dimensions: the
// one-way table and all its filtered versions, protected together.
func contactFamily(d dim, rows []string, data *yearData) *famBuilder {
	b := contactFamilyAt(d, rows, data, false)
	b.coarser = func() *famBuilder { return contactFamilyAt(d, rows, data, true) }
	return b
}

// contactFamilyAt builds the family per month, or per quarter only: a
// sparse year whose monthly table cannot be proven safe is often safe by
// quarter, and is then published for whole quarters and years only.
func contactFamilyAt(d dim, rows []string, data *yearData, quarters bool) *famBuilder {
	b := newFamBuilder("contacts:" + d.ID)
	periods := periodCodes()
	if quarters {
		periods = quarterCodes()
	}
	slices := []slice{{}} // the table itself, then one per filter value
	if d.Filtered {
		values := data.filterValues()
		for _, f := range FilterDims {
			if f == d.ID {
				continue
			}
			for _, v := range values[f] {
				slices = append(slices, slice{f, v})
			}
		}
	}
	monthly := contactMonthly(d, data, slices)
	all := append([]string{""}, rows...)
	for _, r := range all {
		for _, s := range slices {
			m := monthly[[3]string{r, s.Dim, s.Code}]
			if quarters {
				b.quarterSeries(m, rowCond(d, r), s.cond())
				continue
			}
			b.series(m, rowCond(d, r), s.cond())
			b.timeSums(rowCond(d, r), s.cond())
		}
	}
	for _, p := range periods {
		for _, s := range slices {
			if !d.Multi {
				var parts []string
				for _, r := range rows {
					parts = append(parts, cellKey(p, rowCond(d, r), s.cond()))
				}
				b.sum(cellKey(p, s.cond()), parts, true)
			}
		}
		for _, r := range all {
			for _, f := range FilterDims {
				var parts []string
				for _, s := range slices {
					if s.Dim == f {
						parts = append(parts, cellKey(p, rowCond(d, r), s.cond()))
					}
				}
				b.sum(cellKey(p, rowCond(d, r)), parts, false)
			}
		}
	}
	return b
}

func rowCond(d dim, code string) string {
	if code == "" {
		return ""
	}
	return cond(d.ID, code)
}

// contactMonthly sums the year's leaves into (row, slice) series; the row
// "" is the total.
func contactMonthly(d dim, data *yearData, slices []slice) map[[3]string][13]amounts {
	out := map[[3]string][13]amounts{}
	add := func(row string, s slice, month int, a amounts) {
		k := [3]string{row, s.Dim, s.Code}
		m := out[k]
		m[month].add(a)
		out[k] = m
	}
	for l, a := range data.contacts {
		row, ok := "", l.Dim == "total"
		if l.Dim == d.ID {
			row, ok = l.Code, true
		}
		if !ok {
			continue
		}
		for _, s := range slices {
			if s.Dim == "" || l.filterValue(s.Dim) == s.Code {
				add(row, s, l.Month, a)
			}
		}
	}
	return out
}

// crossFamily is a two-way table: rows × columns with row, column and
// grand totals, per quarter and for the year. Months are not offered: a
// cross-table's cells are small enough per quarter already, and month
// cells would multiply the family's size and its suppressions.
func crossFamily(c cross, rows, cols []string, data *yearData) *famBuilder {
	b := newFamBuilder("cross:" + c.id())
	monthly := map[[2]string][13]amounts{}
	for l, a := range data.contacts {
		var k [2]string
		switch l.Dim {
		case "total":
		case c.Rows:
			k[0] = l.Code
		case c.Cols:
			k[1] = l.Code
		case c.id():
			k[0], k[1], _ = cutPair(l.Code)
		default:
			continue
		}
		m := monthly[k]
		m[l.Month].add(a)
		monthly[k] = m
	}
	rAll, cAll := append([]string{""}, rows...), append([]string{""}, cols...)
	for _, r := range rAll {
		for _, col := range cAll {
			b.quarterSeries(monthly[[2]string{r, col}], condOr(c.Rows, r), condOr(c.Cols, col))
		}
	}
	for _, p := range quarterCodes() {
		for _, r := range rAll {
			b.sum(cellKey(p, condOr(c.Rows, r)), keysAlong(p, condOr(c.Rows, r), c.Cols, cols), true)
		}
		for _, col := range cAll {
			b.sum(cellKey(p, condOr(c.Cols, col)), keysAlong(p, condOr(c.Cols, col), c.Rows, rows), true)
		}
	}
	return b
}

func condOr(dim, code string) string {
	if code == "" {
		return ""
	}
	return cond(dim, code)
}

func keysAlong(p, fixed, dim string, codes []string) []string {
	var out []string
	for _, c := range codes {
		out = append(out, cellKey(p, fixed, cond(dim, c)))
	}
	return out
}

func cutPair(code string) (a, b string, ok bool) {
	i := slices.Index([]byte(code), '|')
	if i < 0 {
		return code, "", false
	}
	return code[:i], code[i+1:], true
}

package sdc

import "fmt"

// Total is the index of a margin (a row's or a column's total) in a Key.
const Total = -1

// All is the filter index of the cells that count every filter value.
const All = -1

// Dims is the shape of a standard family: a one-way table (Rows
// categories and their total) or a two-way cross-table (Rows × Cols with
// row, column and grand totals), for every month, quarter and the year,
// and optionally for every value of a filter dimension and for "all".
// Filter values must partition the units (give "unknown" a value of its
// own), because "all" is their sum.
type Dims struct {
	Rows    int // categories of the first breakdown, at least 1
	Cols    int // categories of the second breakdown; 0 for a one-way table
	Filters int // values of the filter dimension; 0 for no filter
	// SinglePeriod drops the time hierarchy: one table, no months.
	SinglePeriod bool
}

// Leaf addresses the counts a caller supplies: one month (1..12; 0 with
// SinglePeriod), one row category, one column category (0 when Cols is 0)
// and one filter value (0 when Filters is 0). Indices are 0-based.
type Leaf struct {
	Month, Row, Col, Filter int
}

// Key addresses any cell of a grid, margins included: Row or Col may be
// Total, Filter may be All, Period any month, quarter or the year. For a
// dimension the grid lacks the index is ignored (a one-way grid's cells
// all have Col Total; without filters every cell is All; with
// SinglePeriod the period is ignored).
type Key struct {
	Period   Period
	Row, Col int
	Filter   int
}

// Grid is a standard family with lookups between keys and cell ids.
type Grid struct {
	Family *Family
	Dims   Dims
	keys   []Key // by CellID
	// axis sizes: periods, filter positions, row positions, column
	// positions; position 0 of each category axis is its total.
	np, nf, nr, nc int
}

// OneWay builds a one-way table family over the year.
func OneWay(rows int, counts map[Leaf]int) (*Grid, error) {
	return Build(Dims{Rows: rows}, counts)
}

// TwoWay builds a two-way cross-table family over the year.
func TwoWay(rows, cols int, counts map[Leaf]int) (*Grid, error) {
	return Build(Dims{Rows: rows, Cols: cols}, counts)
}

// Build makes the family of a shape from its leaf counts (missing leaves
// are 0): every total is computed here, so the relations hold by
// construction. Cells are numbered period by period (months, quarters,
// year), then filter (All first), row (Total first), column (Total first).
func Build(d Dims, counts map[Leaf]int) (*Grid, error) {
	if d.Rows < 1 || d.Cols < 0 || d.Filters < 0 {
		return nil, fmt.Errorf("%w: dimensions %+v", ErrInvalid, d)
	}
	g := &Grid{Dims: d, np: periodsPerYear, nf: d.Filters + 1, nr: d.Rows + 1, nc: d.Cols + 1}
	if d.SinglePeriod {
		g.np = 1
	}
	values := make([]int, g.np*g.nf*g.nr*g.nc)
	for leaf, n := range counts {
		if err := g.checkLeaf(leaf, n); err != nil {
			return nil, err
		}
		for _, pos := range g.covering(leaf) {
			values[pos] += n
		}
	}
	g.Family = NewFamily()
	g.keys = make([]Key, len(values))
	for pos, v := range values {
		g.Family.AddCell(v)
		g.keys[pos] = g.keyAt(pos)
	}
	g.addTableRelations()
	g.addTimeRelations()
	g.addFilterRelations()
	return g, nil
}

func (g *Grid) checkLeaf(l Leaf, n int) error {
	month := l.Month >= 1 && l.Month <= 12
	if g.Dims.SinglePeriod {
		month = l.Month == 0
	}
	ok := month && n >= 0 &&
		l.Row >= 0 && l.Row < g.Dims.Rows &&
		l.Col >= 0 && l.Col < max(g.Dims.Cols, 1) &&
		l.Filter >= 0 && l.Filter < max(g.Dims.Filters, 1)
	if !ok {
		return fmt.Errorf("%w: count %d for %+v does not fit %+v", ErrInvalid, n, l, g.Dims)
	}
	return nil
}

// covering lists the positions whose count includes a leaf: its month,
// quarter and year; its filter value and All; its row and the row total;
// its column and the column total.
func (g *Grid) covering(l Leaf) []int {
	periods := []int{0}
	if !g.Dims.SinglePeriod {
		periods = []int{l.Month - 1, 11 + (l.Month+2)/3, 16}
	}
	filters := []int{0}
	if g.Dims.Filters > 0 {
		filters = append(filters, l.Filter+1)
	}
	cols := []int{0}
	if g.Dims.Cols > 0 {
		cols = append(cols, l.Col+1)
	}
	var out []int
	for _, p := range periods {
		for _, f := range filters {
			for _, r := range []int{0, l.Row + 1} {
				for _, c := range cols {
					out = append(out, g.pos(p, f, r, c))
				}
			}
		}
	}
	return out
}

func (g *Grid) pos(p, f, r, c int) int { return ((p*g.nf+f)*g.nr+r)*g.nc + c }

func (g *Grid) id(p, f, r, c int) CellID { return CellID(g.pos(p, f, r, c)) }

func (g *Grid) keyAt(pos int) Key {
	c := pos % g.nc
	pos /= g.nc
	r := pos % g.nr
	pos /= g.nr
	f := pos % g.nf
	p := pos / g.nf
	period := Year()
	if !g.Dims.SinglePeriod {
		period = YearPeriods()[p]
	}
	return Key{Period: period, Row: r - 1, Col: c - 1, Filter: f - 1}
}

// Cell finds the cell of a key; ok is false for a key outside the grid.
func (g *Grid) Cell(k Key) (id CellID, ok bool) {
	p := 0
	if !g.Dims.SinglePeriod {
		if p = k.Period.index(); p < 0 {
			return 0, false
		}
	}
	if g.Dims.Cols == 0 {
		k.Col = Total
	}
	if g.Dims.Filters == 0 {
		k.Filter = All
	}
	if !onAxis(k.Row, g.Dims.Rows) || !onAxis(k.Col, g.Dims.Cols) || !onAxis(k.Filter, g.Dims.Filters) {
		return 0, false
	}
	return g.id(p, k.Filter+1, k.Row+1, k.Col+1), true
}

// onAxis: a category index of an axis of n categories, or its total.
func onAxis(i, n int) bool { return i == Total || (i >= 0 && i < n) }

// Key is the key of a cell. With SinglePeriod the period reads Year.
func (g *Grid) Key(id CellID) Key { return g.keys[id] }

// addTableRelations links every table (one period, one filter position):
// each row and each column, the total row and column included, sums to
// its total, and each is a Line.
func (g *Grid) addTableRelations() {
	for p := 0; p < g.np; p++ {
		for f := 0; f < g.nf; f++ {
			if g.nc == 1 {
				g.link(true, g.id(p, f, 0, 0), g.span(g.nr, func(r int) CellID { return g.id(p, f, r, 0) }))
				continue
			}
			for r := 0; r < g.nr; r++ {
				g.link(true, g.id(p, f, r, 0), g.span(g.nc, func(c int) CellID { return g.id(p, f, r, c) }))
			}
			for c := 0; c < g.nc; c++ {
				g.link(true, g.id(p, f, 0, c), g.span(g.nr, func(r int) CellID { return g.id(p, f, r, c) }))
			}
		}
	}
}

// addTimeRelations links each quarter to its months and the year to its
// quarters, for every cell position.
func (g *Grid) addTimeRelations() {
	if g.Dims.SinglePeriod {
		return
	}
	for f := 0; f < g.nf; f++ {
		for r := 0; r < g.nr; r++ {
			for c := 0; c < g.nc; c++ {
				for q := 0; q < 4; q++ {
					g.link(false, g.id(12+q, f, r, c), []CellID{g.id(3*q, f, r, c), g.id(3*q+1, f, r, c), g.id(3*q+2, f, r, c)})
				}
				g.link(false, g.id(16, f, r, c), []CellID{g.id(12, f, r, c), g.id(13, f, r, c), g.id(14, f, r, c), g.id(15, f, r, c)})
			}
		}
	}
}

// addFilterRelations links "all" to the filter values, for every period
// and cell position.
func (g *Grid) addFilterRelations() {
	if g.Dims.Filters == 0 {
		return
	}
	for p := 0; p < g.np; p++ {
		for r := 0; r < g.nr; r++ {
			for c := 0; c < g.nc; c++ {
				g.link(false, g.id(p, 0, r, c), g.span(g.nf, func(f int) CellID { return g.id(p, f, r, c) }))
			}
		}
	}
}

// span lists the cells at category positions 1..n-1 of an axis.
func (g *Grid) span(n int, at func(int) CellID) []CellID {
	out := make([]CellID, 0, n-1)
	for i := 1; i < n; i++ {
		out = append(out, at(i))
	}
	return out
}

func (g *Grid) link(line bool, total CellID, parts []CellID) {
	if err := g.Family.AddRelation(Relation{Total: total, Parts: parts, Line: line}); err != nil {
		panic(err) // the grid's own ids are always valid and distinct
	}
}

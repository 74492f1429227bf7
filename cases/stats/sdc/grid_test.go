package sdc

import "testing"

func TestGridShapes(t *testing.T) {
	cases := []struct {
		d     Dims
		cells int
	}{
		{shapeA, 187},
		{shapeB, 651},
		{shapeC, 1683},
		{Dims{Rows: 3, Cols: 2, Filters: 2}, 17 * 4 * 3 * 3},
	}
	for _, c := range cases {
		counts := newCounts(1, 5, 0.05).grid(c.d)
		g, err := Build(c.d, counts)
		if err != nil {
			t.Fatal(err)
		}
		if g.Family.Len() != c.cells {
			t.Fatalf("%+v: %d cells, want %d", c.d, g.Family.Len(), c.cells)
		}
		if err := g.Family.Validate(); err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, v := range counts {
			sum += v
		}
		if grand := g.Family.Value(g.at(t, Key{Period: Year(), Row: Total, Col: Total, Filter: All})); grand != sum {
			t.Fatalf("grand total %d, leaves sum to %d", grand, sum)
		}
		for id := 0; id < g.Family.Len(); id++ {
			if back := g.at(t, g.Key(CellID(id))); back != CellID(id) {
				t.Fatalf("cell %d → %+v → %d", id, g.Key(CellID(id)), back)
			}
		}
	}
}

func TestGridCellsAndRelations(t *testing.T) {
	counts := map[Leaf]int{
		{Month: 1, Row: 0, Col: 1, Filter: 1}: 7,
		{Month: 2, Row: 1, Col: 0, Filter: 0}: 5,
		{Month: 5, Row: 1, Col: 1, Filter: 1}: 11,
	}
	g, err := Build(Dims{Rows: 2, Cols: 2, Filters: 2}, counts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Key]int{
		{Period: Month(1), Row: 0, Col: 1, Filter: 1}:             7,
		{Period: Month(1), Row: 0, Col: 1, Filter: 0}:             0,
		{Period: Month(1), Row: 0, Col: 1, Filter: All}:           7,
		{Period: Quarter(1), Row: Total, Col: Total, Filter: All}: 12,
		{Period: Quarter(1), Row: 1, Col: Total, Filter: 0}:       5,
		{Period: Quarter(2), Row: 1, Col: 1, Filter: All}:         11,
		{Period: Year(), Row: Total, Col: 1, Filter: 1}:           18,
		{Period: Year(), Row: Total, Col: Total, Filter: All}:     23,
	}
	for k, v := range want {
		if got := g.Family.Value(g.at(t, k)); got != v {
			t.Errorf("%+v holds %d, want %d", k, got, v)
		}
	}
	// Per period and filter position: 3 rows and 3 columns (totals
	// included); per position: 4 quarters and the year; per period and
	// row and column position: the filter sum.
	tables, positions := 17*3, 3*3*3
	if n, want := len(g.Family.Relations()), tables*6+positions*5+17*9; n != want {
		t.Fatalf("%d relations, want %d", n, want)
	}
	for _, bad := range []Key{
		{Period: Month(13)}, {Period: Quarter(0)}, {Period: Year(), Row: 2}, {Period: Year(), Col: -2}, {Period: Year(), Filter: 2},
	} {
		if _, ok := g.Cell(bad); ok {
			t.Errorf("key %+v accepted", bad)
		}
	}
}

// A one-way grid ignores the column and, without filters, the filter; a
// single-period grid ignores the period.
func TestGridKeysIgnoreMissingDimensions(t *testing.T) {
	g, err := Build(Dims{Rows: 2, SinglePeriod: true}, map[Leaf]int{{Row: 1}: 9})
	if err != nil {
		t.Fatal(err)
	}
	a := g.at(t, Key{Row: 1})
	b := g.at(t, Key{Period: Month(3), Row: 1, Col: 5, Filter: 4})
	if a != b || g.Family.Value(a) != 9 || g.Family.Len() != 3 {
		t.Fatalf("%d %d %d", a, b, g.Family.Len())
	}
	if _, err := Build(Dims{Rows: 2, SinglePeriod: true}, map[Leaf]int{{Month: 1}: 1}); err == nil {
		t.Fatal("a month in a single-period grid accepted")
	}
}

package sdc

import (
	"slices"
	"testing"
)

// table builds a single-period one-way (one row of values) or two-way
// family from its inner cells.
func table(t *testing.T, rows ...[]int) *Grid {
	t.Helper()
	d := Dims{Rows: len(rows), Cols: len(rows[0]), SinglePeriod: true}
	counts := map[Leaf]int{}
	for r, row := range rows {
		for c, v := range row {
			counts[Leaf{Row: r, Col: c}] = v
		}
	}
	g, err := Build(d, counts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// line builds a single-period one-way table of categories.
func line(t *testing.T, values ...int) *Grid {
	t.Helper()
	counts := map[Leaf]int{}
	for r, v := range values {
		counts[Leaf{Row: r}] = v
	}
	g, err := Build(Dims{Rows: len(values), SinglePeriod: true}, counts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func (g *Grid) at(t *testing.T, k Key) CellID {
	t.Helper()
	id, ok := g.Cell(k)
	if !ok {
		t.Fatalf("no cell %+v", k)
	}
	return id
}

func protect(t *testing.T, f *Family, k int) *Result {
	t.Helper()
	res, err := Protect(f, Options{K: k})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func audit(t *testing.T, f *Family, k int, suppressed ...CellID) *AuditResult {
	t.Helper()
	p, err := NewPattern(f, k, suppressed)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Audit(f, p, AuditOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func cellAudit(t *testing.T, a *AuditResult, id CellID) CellAudit {
	t.Helper()
	for _, c := range a.Cells {
		if c.Cell == id {
			return c
		}
	}
	t.Fatalf("cell %d not audited", id)
	return CellAudit{}
}

func requireSuppressed(t *testing.T, p *Pattern, want ...CellID) {
	t.Helper()
	got := p.SuppressedCells()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("suppressed %v, want %v", got, want)
	}
}

// requireEnumerated checks the pattern with the brute-force attacker:
// every primary cell can hold k units in some integer solution.
func requireEnumerated(t *testing.T, f *Family, p *Pattern, limit int) {
	t.Helper()
	_, hi := enumerate(t, f, p, limit)
	for id, h := range hi {
		if v := f.Value(id); isSmall(v, p.K()) && h < p.K() {
			t.Fatalf("enumeration: cell %d holding %d is at most %d < k=%d", id, v, h, p.K())
		}
	}
}

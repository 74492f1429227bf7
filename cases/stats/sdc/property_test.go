package sdc

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// TestRandomFamilies protects thousands of random tables and hierarchies
// (skewed counts, 2-15 % small cells, k in {3, 5, 10}) and checks every
// pattern with the test's own attacker.
func TestRandomFamilies(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	shapes := map[string]int{}
	var primaries, widened int
	for seed := uint64(1); seed <= uint64(n); seed++ {
		name, f, k := randomFamily(seed)
		shapes[name]++
		fixed := randomHeld(seed, f)
		t.Run("", func(t *testing.T) {
			res := checkRandomFamily(t, f, k, fixed)
			primaries += len(res.Audit.Cells)
			if res.Rounds > 1 {
				widened++
			}
			if t.Failed() {
				t.Logf("seed %d, %s, k=%d", seed, name, k)
			}
		})
		if t.Failed() {
			return
		}
	}
	t.Logf("%d primary cells; %d families needed LP-driven suppressions; by shape: %v", primaries, widened, shapes)
}

func checkRandomFamily(t *testing.T, f *Family, k int, fixed map[CellID]Fix) *Result {
	res, err := Protect(f, Options{K: k, Fixed: fixed})
	if err != nil {
		t.Fatal(err)
	}
	requireSafe(t, f, res, f.Len() <= 40)
	for id := range fixed {
		if !res.Pattern.Suppressed(id) {
			t.Fatalf("held cell %d published", id)
		}
	}
	smallLine := independentSmallLines(f, k)
	for i := 0; i < f.Len(); i++ {
		id, v := CellID(i), f.Value(CellID(i))
		s := res.Pattern.Status(id)
		switch {
		case !s.Suppressed():
			if got, ok := res.Pattern.Value(id); !ok || got != v || res.Pattern.Text(id) != strconv.Itoa(v) {
				t.Fatalf("cell %d holds %d, shown as %q", id, v, res.Pattern.Text(id))
			}
		case v == 0 && !(s == SmallLine && smallLine[id]) && fixed[id] != KeepSuppressed:
			t.Fatalf("zero cell %d suppressed as %v outside a small line", id, s)
		case s == Secondary && v < k:
			t.Fatalf("secondary cell %d holds only %d", id, v)
		case res.Pattern.Text(id) != Marker:
			t.Fatalf("suppressed cell %d shown as %q", id, res.Pattern.Text(id))
		}
		if smallLine[id] && !s.Suppressed() {
			t.Fatalf("cell %d of a line whose total is under k is shown", id)
		}
	}
	again, err := Protect(f, Options{K: k, Fixed: fixed, Audit: AuditOptions{Workers: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.Pattern.status, res.Pattern.status) || !slices.EqualFunc(again.Audit.Cells, res.Audit.Cells, sameAudit) {
		t.Fatal("the same family gave a different pattern or audit")
	}
	return res
}

func sameAudit(a, b CellAudit) bool {
	return a.Cell == b.Cell && a.Lo == b.Lo && a.Hi == b.Hi && a.Unbounded == b.Unbounded && a.Safe == b.Safe
}

// independentSmallLines marks the cells of Line relations whose total is
// 1..k-1, computed here rather than by the package.
func independentSmallLines(f *Family, k int) []bool {
	out := make([]bool, f.Len())
	for _, r := range f.Relations() {
		if v := f.Value(r.Total); r.Line && v >= 1 && v < k {
			out[r.Total] = true
			for _, p := range r.Parts {
				out[p] = true
			}
		}
	}
	return out
}

// randomHeld makes one family in five carry two cells an earlier release
// suppressed (any cells, zeros included).
func randomHeld(seed uint64, f *Family) map[CellID]Fix {
	rng := rand.New(rand.NewPCG(seed, 11))
	if rng.IntN(5) != 0 {
		return nil
	}
	return map[CellID]Fix{CellID(rng.IntN(f.Len())): KeepSuppressed, CellID(rng.IntN(f.Len())): KeepSuppressed}
}

// randomFamily draws a shape, a threshold and skewed counts.
func randomFamily(seed uint64) (string, *Family, int) {
	rng := rand.New(rand.NewPCG(seed, 7))
	k := []int{3, 5, 10}[rng.IntN(3)]
	gen := newCounts(seed, k, []float64{0.02, 0.05, 0.15}[rng.IntN(3)])
	if rng.IntN(4) == 0 {
		gen.floor = float64(k) // sparse: many small cells and small totals
	}
	var d Dims
	switch shape := rng.IntN(10); {
	case shape < 2:
		d = Dims{Rows: 1 + rng.IntN(8), SinglePeriod: true}
	case shape < 5:
		d = Dims{Rows: 1 + rng.IntN(5), Cols: 1 + rng.IntN(5), SinglePeriod: true}
	case shape < 7:
		d = Dims{Rows: 1 + rng.IntN(4)}
	case shape < 8:
		return "nested", nestedFamily(rng, gen), k
	case shape < 9:
		d = Dims{Rows: 2, Cols: 1 + rng.IntN(2)}
	default:
		d = Dims{Rows: 1 + rng.IntN(3), Filters: 2}
	}
	g, err := Build(d, gen.grid(d))
	if err != nil {
		panic(err)
	}
	name := "one-way"
	if d.Cols > 0 {
		name = "two-way"
	}
	if !d.SinglePeriod {
		name += " over the year"
	}
	if d.Filters > 0 {
		name += " with filters"
	}
	return name, g.Family, k
}

// nestedFamily is a random category tree (two or three levels under one
// total), like topics with top levels and details.
func nestedFamily(rng *rand.Rand, gen *counts) *Family {
	f := NewFamily()
	var grow func(depth int) (CellID, int)
	grow = func(depth int) (CellID, int) {
		if depth == 0 || rng.IntN(3) == 0 {
			v := gen.leaf(rng.Float64())
			return f.AddCell(v), v
		}
		var parts []CellID
		sum := 0
		for range 1 + rng.IntN(4) {
			id, v := grow(depth - 1)
			parts, sum = append(parts, id), sum+v
		}
		total := f.AddCell(sum)
		if err := f.AddRelation(Relation{Total: total, Parts: parts, Line: true}); err != nil {
			panic(err)
		}
		return total, sum
	}
	grow(2 + rng.IntN(2))
	return f
}

// The benchmark shape (a) and a smaller filtered family, checked by the
// test's attacker with every cell a variable.
func TestYearFamiliesResistTheAttacker(t *testing.T) {
	for _, d := range []Dims{shapeA, {Rows: 3, Filters: 2}} {
		for seed := uint64(1); seed <= 2; seed++ {
			k := []int{3, 5, 10}[seed%3]
			g, err := Build(d, newCounts(seed+100, k, smallShare(d, 0.06)).grid(d))
			if err != nil {
				t.Fatal(err)
			}
			requireSafe(t, g.Family, protect(t, g.Family, k), true)
		}
	}
}

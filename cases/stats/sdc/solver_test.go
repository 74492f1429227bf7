package sdc

import (
	"errors"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// gonum's Simplex panics on some inputs and fails on others; each must
// come back as an error, never as a crash or a bound.
func TestSolverFailuresBecomeErrors(t *testing.T) {
	cases := []struct {
		name  string
		a     *mat.Dense
		b     []float64
		basis []int
		is    error
	}{
		{"more rows than columns", mat.NewDense(2, 1, []float64{1, 1}), []float64{1, 1}, nil, errPanic},
		{"infeasible start basis", mat.NewDense(1, 2, []float64{1, 1}), []float64{-1}, []int{0}, errPanic},
		{"dependent rows", mat.NewDense(2, 3, []float64{1, 1, 1, 2, 2, 2}), []float64{3, 6}, nil, lp.ErrSingular},
		{"infeasible", mat.NewDense(1, 2, []float64{1, 1}), []float64{-1}, nil, lp.ErrInfeasible},
	}
	for _, c := range cases {
		_, n := c.a.Dims()
		y, err := simplex(make([]float64, n), c.a, c.b, c.basis)
		if !errors.Is(err, ErrSolver) || !errors.Is(err, c.is) || y != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// Tables with row and column totals always have dependent relations; the
// system must drop them, or every LP fails with ErrSingular.
func TestDependentRelationsAreDropped(t *testing.T) {
	g := table(t, []int{2, 30}, []int{40, 50})
	cells := []CellID{g.at(t, Key{Row: 0, Col: 0}), g.at(t, Key{Row: 0, Col: 1}), g.at(t, Key{Row: 1, Col: 0}), g.at(t, Key{Row: 1, Col: 1})}
	p, _ := NewPattern(g.Family, 5, cells)
	sys := newSystem(g.Family, g.Family.cellRelations(), suppressedOf(p), cells)
	if len(sys.rows) != 4 || len(sys.kept) != 3 {
		t.Fatalf("rows %d, kept %d: a 2×2 rectangle has 4 relations of rank 3", len(sys.rows), len(sys.kept))
	}
	// The 2 can grow while 30 and 40 shrink to 1: 2 + 29 = 31.
	if b := sys.maximize(0, 5); b.err != nil || b.value != 31 {
		t.Fatalf("max %d, %v", b.value, b.err)
	}
}

// When the solver fails, the cell is not audited and not safe.
func TestSolverFailureIsNeverSafe(t *testing.T) {
	g := line(t, 3, 20, 30)
	cells := []CellID{g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1})}
	p, _ := NewPattern(g.Family, 5, cells)
	sys := newSystem(g.Family, g.Family.cellRelations(), suppressedOf(p), cells)
	for i := range sys.b {
		sys.b[i] = 1 - sys.b[i] // the sign flips: no solution with cells >= 0
	}
	c := auditJob{sys: sys, col: 0}.audit(5)
	if c.Safe || !errors.Is(c.Err, ErrSolver) {
		t.Fatalf("%+v", c)
	}
}

// A solver answer is a proof only if it solves every relation exactly.
func TestWitnessMustCheckOut(t *testing.T) {
	g := line(t, 3, 20, 30)
	cells := []CellID{g.at(t, Key{Row: 0}), g.at(t, Key{Row: 1})}
	p, _ := NewPattern(g.Family, 5, cells)
	sys := newSystem(g.Family, g.Family.cellRelations(), suppressedOf(p), cells)
	// y = (x - 1) / scale with x = (22, 1): the 3 at its maximum.
	good := []float64{21 / sys.scale, 0}
	if b := sys.check(good, nil); b.err != nil || b.w.floor(0) != 22 {
		t.Fatalf("good answer rejected: %+v", b)
	}
	for _, bad := range [][]float64{
		{21.5 / sys.scale, 0},            // 22.5 + 1 is not 23
		{22 / sys.scale, -1 / sys.scale}, // the 20's cell below its lower bound
		{21.00001 / sys.scale, 0},        // no small fraction near 22.00001
	} {
		if b := sys.check(bad, nil); !errors.Is(b.err, ErrUnproven) {
			t.Fatalf("bad answer %v accepted: %+v", bad, b)
		}
	}
}

func TestFraction(t *testing.T) {
	cases := []struct {
		x        float64
		num, den int64
	}{
		{3, 3, 1}, {2.5, 5, 2}, {1.0 / 3, 1, 3}, {7 - 1e-12, 7, 1}, {-0.5, -1, 2}, {12345.25, 49381, 4},
	}
	for _, c := range cases {
		if n, d, ok := fraction(c.x); !ok || n != c.num || d != c.den {
			t.Errorf("fraction(%v) = %d/%d %v", c.x, n, d, ok)
		}
	}
	if _, _, ok := fraction(0.50001); ok {
		t.Error("a value far from small fractions was accepted")
	}
}

// The warm start shares one basis among all objectives; it must give the
// bounds a cold start gives.
func TestWarmStartGivesColdBounds(t *testing.T) {
	g, err := Build(shapeA, newCounts(3, 5, smallShare(shapeA, 0.05)).grid(shapeA))
	if err != nil {
		t.Fatal(err)
	}
	res := protect(t, g.Family, 5)
	supp := suppressedOf(res.Pattern)
	checked := 0
	for _, grp := range groups(g.Family, supp) {
		warm := newSystem(g.Family, g.Family.cellRelations(), supp, grp)
		cold := newSystem(g.Family, g.Family.cellRelations(), supp, grp)
		cold.warmed = true // never keeps a basis
		for j := range grp {
			w, c := warm.maximize(j, 5), cold.maximize(j, 5)
			wl, cl := warm.minimize(j), cold.minimize(j)
			if w.err != nil || c.err != nil || w.value != c.value || wl.value != cl.value {
				t.Fatalf("cell %d: warm [%d, %d] %v, cold [%d, %d] %v", grp[j], wl.value, w.value, w.err, cl.value, c.value, c.err)
			}
			checked++
		}
		if len(grp) > 3 && warm.a != nil && warm.basis == nil {
			t.Fatalf("no warm basis for a group of %d", len(grp))
		}
	}
	if checked < 10 {
		t.Fatalf("only %d cells checked", checked)
	}
}

// With the grand total suppressed nothing bounds the cells from above;
// a cell in no relation is unconstrained.
func TestUnboundedCells(t *testing.T) {
	g := line(t, 1, 2)
	res := protect(t, g.Family, 5)
	for _, c := range res.Audit.Cells {
		if !c.Unbounded || !c.Safe || c.Hi < 5 {
			t.Fatalf("%+v", c)
		}
	}
	requireSafe(t, g.Family, res, true)

	f := NewFamily()
	lone := f.AddCell(2)
	res = protect(t, f, 5)
	if c := cellAudit(t, res.Audit, lone); !res.Safe || !c.Unbounded || c.Lo != 1 {
		t.Fatalf("%+v", c)
	}
}

func TestPublishedSmallCellIsExposed(t *testing.T) {
	g := line(t, 3, 20, 30)
	a := audit(t, g.Family, 5)
	if a.Safe || len(a.Exposed) != 1 || a.Exposed[0] != g.at(t, Key{Row: 0}) {
		t.Fatalf("%+v", a)
	}
	g = table(t, []int{0, 2}, []int{30, 40})
	zero := g.at(t, Key{Row: 0, Col: 0})
	all := []CellID{g.at(t, Key{Row: 0, Col: 1}), g.at(t, Key{Row: 0, Col: Total}), g.at(t, Key{Row: 1, Col: 1}), g.at(t, Key{Row: 1, Col: Total})}
	if a := audit(t, g.Family, 5, all...); a.Safe || len(a.Exposed) != 1 || a.Exposed[0] != zero {
		t.Fatalf("the zero of a small row must not be shown: %+v", a.Exposed)
	}
}

func suppressedOf(p *Pattern) []bool {
	out := make([]bool, p.Len())
	for i := range out {
		out[i] = p.Suppressed(CellID(i))
	}
	return out
}

// AllSuppressed bounds the secondary cells too, for the data-protection
// officer's view; the test's attacker agrees on every interval.
func TestAuditOfEverySuppressedCell(t *testing.T) {
	g := table(t, []int{2, 30, 40}, []int{20, 50, 60})
	res := protect(t, g.Family, 5)
	a, err := Audit(g.Family, res.Pattern, AuditOptions{AllSuppressed: true, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Cells) != len(res.Pattern.SuppressedCells()) || !a.Safe {
		t.Fatalf("%d audited of %d suppressed, safe %v", len(a.Cells), len(res.Pattern.SuppressedCells()), a.Safe)
	}
	at := newAttacker(g.Family, res.Pattern, true)
	for _, c := range a.Cells {
		lo, hi := at.bounds(t, c.Cell)
		if float64(c.Lo) != lo || float64(c.Hi) != hi || c.Primary != (c.Value == 2) {
			t.Fatalf("%+v, attacker [%v, %v]", c, lo, hi)
		}
	}
}

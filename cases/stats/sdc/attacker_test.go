package sdc

import (
	"math"
	"testing"
)

// This file is the tests' own attacker. It shares no code with the
// package's audit: no gonum, no grouping, no row reduction, no witnesses.
// It knows what the package says an attacker knows: every relation, the
// published counts, every cell >= 0 and every suppressed cell holding units
// >= 1 (the strongest reading of "zeros are shown"; a zero hidden in a
// small line gets 0).

// attacker is the LP "maximise one cell" over a family and a pattern:
// A x = b with lb <= x, solved as A z = b - A lb, z >= 0.
type attacker struct {
	f        *Family
	p        *Pattern
	col      map[CellID]int // variable of each cell
	lb       []float64
	a        [][]float64
	b        []float64
	allCells bool
}

// newAttacker builds the LP. With allCells every cell is a variable and a
// published cell gets an equation of its own (the formulation sdcTable's
// attack() uses); otherwise published cells are constants.
func newAttacker(f *Family, p *Pattern, allCells bool) *attacker {
	at := &attacker{f: f, p: p, col: map[CellID]int{}, allCells: allCells}
	for i := 0; i < f.Len(); i++ {
		id := CellID(i)
		if allCells || p.Suppressed(id) {
			at.col[id] = len(at.lb)
			lb := 0.0
			if p.Suppressed(id) && f.Value(id) > 0 {
				lb = 1
			}
			at.lb = append(at.lb, lb)
		}
	}
	n := len(at.lb)
	for _, r := range f.Relations() {
		row, rhs, any := make([]float64, n), 0.0, false
		for k, id := range append([]CellID{r.Total}, r.Parts...) {
			coef := -1.0
			if k == 0 {
				coef = 1
			}
			if j, ok := at.col[id]; ok {
				row[j] += coef
				any = true
			} else {
				rhs -= coef * float64(f.Value(id))
			}
		}
		if any {
			at.a, at.b = append(at.a, row), append(at.b, rhs)
		}
	}
	if allCells {
		for i := 0; i < f.Len(); i++ {
			if id := CellID(i); !p.Suppressed(id) {
				row := make([]float64, n)
				row[at.col[id]] = 1
				at.a, at.b = append(at.a, row), append(at.b, float64(f.Value(id)))
			}
		}
	}
	return at
}

// bounds returns the cell's largest and smallest possible value;
// hi is +Inf when the cell can grow without limit.
// The lower bounds are read from at.lb, so a test may lower them to model
// a weaker attacker.
func (at *attacker) bounds(t *testing.T, id CellID) (lo, hi float64) {
	t.Helper()
	b := make([]float64, len(at.b))
	for i, row := range at.a {
		b[i] = at.b[i]
		for j, coef := range row {
			b[i] -= coef * at.lb[j]
		}
	}
	j := at.col[id]
	c := make([]float64, len(at.lb))
	c[j] = 1
	up, unbounded, ok := maximise(at.a, b, c)
	if !ok {
		t.Fatalf("attacker: the true counts solve the LP, yet it reports infeasible (cell %d)", id)
	}
	c[j] = -1
	down, _, _ := maximise(at.a, b, c)
	hi = at.lb[j] + up
	if unbounded {
		hi = math.Inf(1)
	}
	return at.lb[j] - down, hi
}

const attackEps = 1e-7

// maximise solves max c·z, A z = b, z >= 0 by a dense two-phase tableau
// simplex with Bland's rule (slow, simple, never cycles).
func maximise(a [][]float64, b, c []float64) (value float64, unbounded, feasible bool) {
	m, n := len(a), len(c)
	if m == 0 {
		for _, v := range c {
			if v > attackEps {
				return 0, true, true
			}
		}
		return 0, false, true
	}
	w := n + m + 1
	t := make([][]float64, m)
	basis := make([]int, m)
	for i := range t {
		t[i] = make([]float64, w)
		sign := 1.0
		if b[i] < 0 {
			sign = -1
		}
		for j := 0; j < n; j++ {
			t[i][j] = sign * a[i][j]
		}
		t[i][n+i] = 1
		t[i][w-1] = sign * b[i]
		basis[i] = n + i
	}
	phase1 := make([]float64, n+m)
	for j := n; j < n+m; j++ {
		phase1[j] = 1
	}
	pivotTo(t, basis, phase1, n+m)
	if tableauValue(t, basis, phase1) > 1e-6 {
		return 0, false, false
	}
	for i, bv := range basis { // drive artificials out where possible
		if bv < n {
			continue
		}
		for j := 0; j < n; j++ {
			if math.Abs(t[i][j]) > 1e-9 {
				pivot(t, basis, i, j)
				break
			}
		}
	}
	phase2 := make([]float64, n+m)
	for j := 0; j < n; j++ {
		phase2[j] = -c[j]
	}
	if !pivotTo(t, basis, phase2, n) {
		return 0, true, true
	}
	return -tableauValue(t, basis, phase2), false, true
}

// pivotTo minimises cost over the tableau, letting only columns below
// enter in; false when unbounded.
func pivotTo(t [][]float64, basis []int, cost []float64, enter int) bool {
	w := len(t[0])
	for iter := 0; iter < 100000; iter++ {
		in := -1
		for j := 0; j < enter && in < 0; j++ {
			r := cost[j]
			for i := range t {
				r -= cost[basis[i]] * t[i][j]
			}
			if r < -1e-9 {
				in = j
			}
		}
		if in < 0 {
			return true
		}
		out := -1
		for i := range t {
			if t[i][in] <= 1e-9 {
				continue
			}
			if out < 0 {
				out = i
				continue
			}
			ri, ro := t[i][w-1]/t[i][in], t[out][w-1]/t[out][in]
			if ri < ro-1e-12 || (math.Abs(ri-ro) <= 1e-12 && basis[i] < basis[out]) {
				out = i
			}
		}
		if out < 0 {
			return false
		}
		pivot(t, basis, out, in)
	}
	panic("attacker: simplex did not finish")
}

func pivot(t [][]float64, basis []int, row, col int) {
	p := t[row][col]
	for j := range t[row] {
		t[row][j] /= p
	}
	for i := range t {
		if i == row || t[i][col] == 0 {
			continue
		}
		f := t[i][col]
		for j := range t[i] {
			t[i][j] -= f * t[row][j]
		}
	}
	basis[row] = col
}

func tableauValue(t [][]float64, basis []int, cost []float64) float64 {
	w := len(t[0])
	v := 0.0
	for i := range t {
		v += cost[basis[i]] * t[i][w-1]
	}
	return v
}

// enumerate is the brute-force attacker for small families: every integer
// assignment of the suppressed cells (each between its lower bound and
// limit) that satisfies every relation, and each cell's smallest and
// largest value over them. It knows integrality, which the LP does not.
func enumerate(t *testing.T, f *Family, p *Pattern, limit int) (lo, hi map[CellID]int) {
	t.Helper()
	e := &enumeration{f: f, p: p, limit: limit, val: map[CellID]int{}, lo: map[CellID]int{}, hi: map[CellID]int{}}
	for i := 0; i < f.Len(); i++ {
		if p.Suppressed(CellID(i)) {
			e.cells = append(e.cells, CellID(i))
		}
	}
	e.search(t)
	if e.solutions == 0 {
		t.Fatal("enumerate: no solution, yet the true counts are one")
	}
	return e.lo, e.hi
}

type enumeration struct {
	f                *Family
	p                *Pattern
	limit            int
	cells            []CellID
	val              map[CellID]int
	lo, hi           map[CellID]int
	solutions, nodes int
}

func (e *enumeration) known(id CellID) (int, bool) {
	if !e.p.Suppressed(id) {
		return e.f.Value(id), true
	}
	v, ok := e.val[id]
	return v, ok
}

func (e *enumeration) least(id CellID) int {
	if e.f.Value(id) > 0 {
		return 1
	}
	return 0
}

// consistent checks every relation; forced is a cell whose value the others
// of a relation fix, with that value.
func (e *enumeration) consistent() (ok bool, forced CellID, value int) {
	forced = -1
	for _, r := range e.f.Relations() {
		tv, tok := e.known(r.Total)
		sum, open, last := 0, 0, CellID(-1)
		for _, q := range r.Parts {
			if v, ok := e.known(q); ok {
				sum += v
			} else {
				open, last = open+1, q
			}
		}
		switch {
		case tok && sum > tv, tok && open == 0 && sum != tv:
			return false, -1, 0
		case forced < 0 && tok && open == 1:
			forced, value = last, tv-sum
		case forced < 0 && !tok && open == 0:
			forced, value = r.Total, sum
		}
	}
	return true, forced, value
}

func (e *enumeration) search(t *testing.T) {
	if e.nodes++; e.nodes > 3_000_000 {
		t.Fatal("enumerate: family too big to enumerate")
	}
	ok, forced, v := e.consistent()
	if !ok {
		return
	}
	if forced >= 0 {
		if v >= e.least(forced) && v <= e.limit {
			e.val[forced] = v
			e.search(t)
			delete(e.val, forced)
		}
		return
	}
	for _, c := range e.cells {
		if _, set := e.val[c]; set {
			continue
		}
		for v := e.least(c); v <= e.limit; v++ {
			e.val[c] = v
			e.search(t)
		}
		delete(e.val, c)
		return
	}
	e.solutions++
	for _, c := range e.cells {
		if v, seen := e.lo[c]; !seen || e.val[c] < v {
			e.lo[c] = e.val[c]
		}
		e.hi[c] = max(e.hi[c], e.val[c])
	}
}

// requireSafe checks every primary cell of a pattern with the LP attacker
// (and, when small enough, the enumerating one): each must be able to
// hold at least k units. It also checks that the package's own audit
// reports the same largest value.
func requireSafe(t *testing.T, f *Family, res *Result, allCells bool) {
	t.Helper()
	p := res.Pattern
	if !res.Safe {
		t.Fatalf("package reports the pattern unsafe: %+v", unsafeCells(res))
	}
	at := newAttacker(f, p, allCells)
	audited := map[CellID]CellAudit{}
	for _, c := range res.Audit.Cells {
		audited[c.Cell] = c
	}
	for i := 0; i < f.Len(); i++ {
		id := CellID(i)
		v := f.Value(id)
		if v < 1 || v >= p.K() {
			continue
		}
		if !p.Suppressed(id) {
			t.Fatalf("cell %d holds %d < k=%d and is published", id, v, p.K())
		}
		lo, hi := at.bounds(t, id)
		if hi < float64(p.K())-attackEps {
			t.Fatalf("attacker proves cell %d (holding %d) is at most %.3f < k=%d", id, v, hi, p.K())
		}
		c, ok := audited[id]
		if !ok {
			t.Fatalf("primary cell %d missing from the audit", id)
		}
		if math.IsInf(hi, 1) != c.Unbounded || (!c.Unbounded && int(math.Floor(hi+attackEps)) != c.Hi) {
			t.Fatalf("cell %d: attacker max %.3f, package Hi %d unbounded %v", id, hi, c.Hi, c.Unbounded)
		}
		if int(math.Ceil(lo-attackEps)) != c.Lo {
			t.Fatalf("cell %d: attacker min %.3f, package Lo %d", id, lo, c.Lo)
		}
	}
}

func unsafeCells(res *Result) []CellAudit {
	var out []CellAudit
	for _, c := range res.Audit.Cells {
		if !c.Safe {
			out = append(out, c)
		}
	}
	return out
}

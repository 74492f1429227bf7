package sdc

import (
	"errors"
	"fmt"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Errors recorded on a cell whose bound could not be proven. Any of them
// makes the family unsafe: what cannot be proven is not published.
var (
	// ErrSolver: gonum's Simplex failed or panicked (ErrSingular,
	// ErrLinSolve, ErrBland, an infeasible start, ...).
	ErrSolver = errors.New("sdc: LP solver failed")
	// ErrUnproven: the solver's answer did not check out exactly, or was
	// worse than the true counts, which are themselves a solution.
	ErrUnproven = errors.New("sdc: LP answer could not be verified")
)

const (
	simplexTol = 1e-10 // reduced-cost tolerance passed to Simplex
	supportTol = 1e-11 // a scaled solver value above this is non-zero
	initPosTol = 1e-13 // gonum's own feasibility test for a start basis
)

// bound is one proven end of a cell's interval.
type bound struct {
	value     int64 // largest value proven possible (max), or the minimum found (min)
	unbounded bool  // max only: the solver reports no upper bound
	w         witness
	y         []float64 // the solver's answer in its own form, when there is one
	err       error
}

// maximize finds the largest value cell j can take. capAt is what an
// unbounded maximum is proven up to (gonum returns no point then, so a
// second LP with x_j <= capAt must produce one).
func (s *system) maximize(j int, capAt int64) bound {
	switch {
	case s.unconstrained():
		w := witness{x: slices.Clone(s.lb), den: 1}
		w.x[j] = max(capAt, s.truth[j])
		return bound{value: w.x[j], unbounded: true, w: w}
	case s.determined:
		return bound{value: s.truth[j], w: witness{x: slices.Clone(s.truth), den: 1}}
	}
	y, err := s.solve(objective(len(s.cells), j, -1))
	if errors.Is(err, lp.ErrUnbounded) {
		return s.capped(j, max(capAt, s.truth[j]+1))
	}
	b := s.check(y, err)
	b.y = y
	if b.err == nil {
		b.value = b.w.floor(j)
		if b.value < s.truth[j] {
			b.err = fmt.Errorf("%w: maximum below the true count", ErrUnproven)
		}
	}
	return b
}

// minimize finds the smallest value cell j can take. Only the maximum is
// needed for safety; the minimum completes the interval shown to the
// data-protection officer.
func (s *system) minimize(j int) bound {
	switch {
	case s.unconstrained():
		return bound{value: s.lb[j], w: witness{x: slices.Clone(s.lb), den: 1}}
	case s.determined:
		return bound{value: s.truth[j], w: witness{x: slices.Clone(s.truth), den: 1}}
	}
	b := s.check(s.solve(objective(len(s.cells), j, 1)))
	if b.err == nil {
		b.value = b.w.ceil(j)
		if b.value > s.truth[j] {
			b.err = fmt.Errorf("%w: minimum above the true count", ErrUnproven)
		}
	}
	return b
}

func objective(n, j int, sign float64) []float64 {
	c := make([]float64, n)
	c[j] = sign
	return c
}

// check turns a solver answer into a verified witness.
func (s *system) check(y []float64, err error) bound {
	if err != nil {
		return bound{err: err}
	}
	w, ok := exactWitness(s.cellsOf(y))
	if !ok || !s.holds(w) {
		return bound{err: ErrUnproven}
	}
	return bound{w: w}
}

// capped proves an unbounded maximum up to capAt.
func (s *system) capped(j int, capAt int64) bound {
	m, n := s.a.Dims()
	a := mat.NewDense(m+1, n+1, nil)
	a.Slice(0, m, 0, n).(*mat.Dense).Copy(s.a)
	a.Set(m, j, 1)
	a.Set(m, n, 1)
	b := append(slices.Clone(s.b), float64(capAt-s.lb[j])/s.scale)
	y, err := simplex(objective(n+1, j, -1), a, b, nil)
	if err == nil {
		y = y[:n]
	}
	out := s.check(y, err)
	if out.err == nil && !out.w.atLeast(j, capAt) {
		out.err = fmt.Errorf("%w: capped maximum not reached", ErrUnproven)
	}
	out.value, out.unbounded = capAt, true
	return out
}

// solve runs Simplex from the shared warm basis when there is one; when
// that fails (gonum panics on a start basis it rejects, and its linear
// solves can fail along one path and not another) the LP is solved again
// from scratch. The first call solves from scratch and keeps a basis rebuilt
// from its answer for all later objectives (they share the constraints):
// it must finish before any other call starts, after which solve only
// reads the system and calls may run in parallel.
func (s *system) solve(c []float64) ([]float64, error) {
	if !s.warmed {
		s.warmed = true
		y, err := simplex(c, s.a, s.b, nil)
		if err == nil {
			s.basis = s.basisFrom(y)
		}
		return y, err
	}
	if s.basis != nil {
		y, err := simplex(c, s.a, s.b, s.basis)
		if err == nil || errors.Is(err, lp.ErrUnbounded) {
			return y, err
		}
	}
	return simplex(c, s.a, s.b, nil)
}

var errPanic = fmt.Errorf("%w: panic", ErrSolver)

// simplex calls gonum, turning its panics (more rows than columns, an
// infeasible initial basis, ...) into errors.
func simplex(c []float64, a *mat.Dense, b []float64, basis []int) (y []float64, err error) {
	defer func() {
		if r := recover(); r != nil {
			y, err = nil, fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	_, y, err = lp.Simplex(c, a, b, simplexTol, basis)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSolver, err)
	}
	return y, nil
}

// basisFrom rebuilds a feasible basis from a vertex the solver returned:
// its non-zero columns, completed with independent columns to full rank.
// Every objective of the system shares the constraints, so this one basis
// lets later LPs skip gonum's phase I, which is most of its time.
func (s *system) basisFrom(y []float64) []int {
	m, _ := s.a.Dims()
	basis := s.spanningBasis(y)
	if len(basis) != m || !s.feasibleStart(basis) {
		return nil
	}
	return basis
}

// spanningBasis returns the non-zero columns of y completed with other
// independent columns to m; shorter when y's columns are dependent (not a
// vertex) or the matrix lacks rank.
func (s *system) spanningBasis(y []float64) []int {
	m, n := s.a.Dims()
	e := newEchelon(m)
	col := make([]float64, m)
	var basis []int
	try := func(i int) {
		mat.Col(col, i, s.a)
		if e.add(col) {
			basis = append(basis, i)
		}
	}
	support := 0
	for i, v := range y {
		if v > supportTol {
			support++
			try(i)
		}
	}
	if len(basis) != support {
		return nil
	}
	for i := 0; i < n && len(basis) < m; i++ {
		if y[i] <= supportTol {
			try(i)
		}
	}
	return basis
}

// feasibleStart repeats gonum's own test of an initial basis, so a basis
// it would panic on is never offered.
func (s *system) feasibleStart(basis []int) bool {
	m, _ := s.a.Dims()
	ab := mat.NewDense(m, m, nil)
	col := make([]float64, m)
	for j, i := range basis {
		mat.Col(col, i, s.a)
		ab.SetCol(j, col)
	}
	var xb mat.VecDense
	if err := xb.SolveVec(ab, mat.NewVecDense(m, s.b)); err != nil {
		return false
	}
	for i := 0; i < m; i++ {
		if xb.AtVec(i) < -initPosTol {
			return false
		}
	}
	return true
}

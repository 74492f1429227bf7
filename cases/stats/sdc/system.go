package sdc

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// system is the attacker's linear program for one connected group of
// suppressed cells: the unknowns are the group's cells, every relation
// touching one of them is an equation, published cells are constants,
// and each unknown is at least its lower bound (1, or 0 for a zero in a
// small line or a held cell now empty). Groups that share no relation
// cannot narrow each other, so each is solved on its own.
type system struct {
	cells []CellID
	lb    []int64
	truth []int64
	rows  [][]term // every relation touching the group, for the exact check
	rhs   []int64  // sum of coef*x over the row equals rhs
	rels  []int32  // the relation of each row
	kept  []int    // the rows the solver sees (independent ones)

	// The solver's form: y = (x - lb) / scale >= 0, independent rows only.
	a          *mat.Dense
	b          []float64
	scale      float64
	determined bool // the relations fix every unknown: each is known exactly

	basis  []int // warm start shared by every objective, nil when none
	warmed bool  // the first LP, which finds basis, has run
}

type term struct {
	col  int32
	coef int8
}

func lowerBound(v int) int64 {
	if v > 0 {
		return 1
	}
	return 0
}

func newSystem(f *Family, cellRels [][]int32, supp []bool, cells []CellID) *system {
	s := &system{cells: cells, lb: make([]int64, len(cells)), truth: make([]int64, len(cells))}
	col := make(map[CellID]int32, len(cells))
	for i, c := range cells {
		col[c] = int32(i)
		s.truth[i] = int64(f.values[c])
		s.lb[i] = lowerBound(f.values[c])
	}
	s.rels = touching(cellRels, cells)
	for _, ri := range s.rels {
		s.addRow(f, f.relations[ri], supp, col)
	}
	s.reduce()
	return s
}

// touching lists, ascending, the relations holding any of the cells.
func touching(cellRels [][]int32, cells []CellID) []int32 {
	seen := make(map[int32]bool)
	var out []int32
	for _, c := range cells {
		for _, r := range cellRels[c] {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	slices.Sort(out)
	return out
}

// addRow writes "total - sum of parts = 0" with the published cells moved
// to the right-hand side.
func (s *system) addRow(f *Family, r Relation, supp []bool, col map[CellID]int32) {
	var terms []term
	rhs := int64(0)
	put := func(id CellID, coef int8) {
		if supp[id] {
			terms = append(terms, term{col: col[id], coef: coef})
		} else {
			rhs -= int64(coef) * int64(f.values[id])
		}
	}
	put(r.Total, 1)
	for _, p := range r.Parts {
		put(p, -1)
	}
	s.rows = append(s.rows, terms)
	s.rhs = append(s.rhs, rhs)
}

// reduce builds the solver's form. gonum's Simplex needs full row rank
// (a dependent row makes every LP fail with ErrSingular), so dependent
// relations, which every table with both row and column totals has, are
// dropped; they add nothing the kept ones do not say. The right-hand side
// is scaled to about 1 because the solver's tolerances are absolute.
func (s *system) reduce() {
	n := len(s.cells)
	e := newEchelon(n)
	var kept []int
	dense := make([]float64, n)
	for r, terms := range s.rows {
		clear(dense)
		for _, t := range terms {
			dense[t.col] = float64(t.coef)
		}
		if e.add(dense) {
			kept = append(kept, r)
		}
	}
	s.kept = kept
	s.determined = len(kept) == n
	if len(kept) == 0 || s.determined {
		return
	}
	shifted := make([]float64, len(kept))
	s.scale = 1
	for i, r := range kept {
		v := s.rhs[r]
		for _, t := range s.rows[r] {
			v -= int64(t.coef) * s.lb[t.col]
		}
		shifted[i] = float64(v)
		s.scale = math.Max(s.scale, math.Abs(float64(v)))
	}
	s.a = mat.NewDense(len(kept), n, nil)
	s.b = make([]float64, len(kept))
	for i, r := range kept {
		for _, t := range s.rows[r] {
			s.a.Set(i, int(t.col), float64(t.coef))
		}
		s.b[i] = shifted[i] / s.scale
	}
}

// unconstrained: no relation touches the group (its cells are in no sum).
func (s *system) unconstrained() bool { return len(s.rows) == 0 }

// cellsOf returns the unshifted, unscaled cell values of a solver answer.
func (s *system) cellsOf(y []float64) []float64 {
	x := make([]float64, len(s.cells))
	for i := range x {
		x[i] = float64(s.lb[i]) + y[i]*s.scale
	}
	return x
}

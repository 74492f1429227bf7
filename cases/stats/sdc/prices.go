package sdc

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// prices returns the dual value of each relation at the solver's maximum
// y of cell j: how fast the maximum would grow if the relation's right-hand
// side could move. A published cell with a non-zero net price over its
// relations is one whose suppression lets cell j grow (its column would
// enter the basis), so these are the neighbours worth suppressing when j
// is still below k. The basis is rebuilt from y, so for a degenerate
// answer the prices are one valid choice among several: they guide the
// search, and the audit that follows decides.
func (s *system) prices(y []float64, j int) []price {
	m, _ := s.a.Dims()
	basis := s.spanningBasis(y)
	if len(basis) != m {
		return nil
	}
	ab := mat.NewDense(m, m, nil)
	col := make([]float64, m)
	cb := make([]float64, m)
	for i, v := range basis {
		mat.Col(col, v, s.a)
		ab.SetCol(i, col)
		if v == j {
			cb[i] = -1
		}
	}
	var pi mat.VecDense
	if err := pi.SolveVec(ab.T(), mat.NewVecDense(m, cb)); err != nil {
		return nil
	}
	var out []price
	for i, r := range s.kept {
		if v := pi.AtVec(i); math.Abs(v) > pivotTol {
			out = append(out, price{relation: s.rels[r], value: v})
		}
	}
	return out
}

// price is the dual value of one relation, in relation order.
type price struct {
	relation int32
	value    float64
}

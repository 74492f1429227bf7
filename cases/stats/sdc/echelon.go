package sdc

import "math"

// pivotTol is how small a reduced entry must be to count as zero. The
// matrices hold 0 and ±1 and are eliminated with the largest pivot, so
// true non-zeros stay far above it.
const pivotTol = 1e-9

// echelon grows a row-echelon basis one vector at a time, to find which
// relations are linearly independent (gonum's Simplex needs full row rank:
// with a dependent row every LP fails with ErrSingular) and to complete a
// warm-start basis.
type echelon struct {
	rows   [][]float64
	pivots []int
	work   []float64
}

func newEchelon(n int) *echelon { return &echelon{work: make([]float64, n)} }

func (e *echelon) rank() int { return len(e.rows) }

// add keeps v when it is independent of the vectors kept so far.
func (e *echelon) add(v []float64) bool {
	r := e.work
	copy(r, v)
	for i, row := range e.rows {
		f := r[e.pivots[i]]
		if f == 0 {
			continue
		}
		for j, x := range row {
			if x != 0 {
				r[j] -= f * x
			}
		}
	}
	piv, best := -1, pivotTol
	for j, x := range r {
		if a := math.Abs(x); a > best {
			piv, best = j, a
		}
	}
	if piv < 0 {
		return false
	}
	row := make([]float64, len(r))
	inv := 1 / r[piv]
	for j, x := range r {
		if math.Abs(x) > pivotTol*1e-3 {
			row[j] = x * inv
		}
	}
	row[piv] = 1
	e.rows = append(e.rows, row)
	e.pivots = append(e.pivots, piv)
	return true
}

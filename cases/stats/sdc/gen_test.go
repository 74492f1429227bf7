package sdc

import (
	"math"
	"math/rand/v2"
)

// counts is a generator of skewed leaf counts: a few big categories, a
// long tail, a share of cells with 1..k-1 units and some zeros.
type counts struct {
	rng   *rand.Rand
	k     int
	small float64 // share of leaves drawn in 1..k-1
	zeros float64 // share of leaves that are 0
	mean  float64 // mean of the biggest category
	floor float64 // smallest mean of a leaf that is not drawn small
}

func newCounts(seed uint64, k int, small float64) *counts {
	return &counts{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), k: k, small: small, zeros: 0.03, mean: 120, floor: 3 * float64(k)}
}

// weights are Zipf-like category weights, biggest first.
func (c *counts) weights(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), 1.1)
	}
	return w
}

func (c *counts) leaf(weight float64) int {
	u := c.rng.Float64()
	switch {
	case u < c.small:
		return 1 + c.rng.IntN(c.k-1)
	case u < c.small+c.zeros:
		return 0
	}
	return c.poisson(math.Max(c.floor, c.mean*weight))
}

func (c *counts) poisson(mean float64) int {
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*c.rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= c.rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// grid fills every leaf of a shape.
func (c *counts) grid(d Dims) map[Leaf]int {
	rows, cols, filters := c.weights(d.Rows), c.weights(max(d.Cols, 1)), c.weights(max(d.Filters, 1))
	months := []int{0}
	if !d.SinglePeriod {
		months = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	}
	out := make(map[Leaf]int)
	for _, m := range months {
		for f := range filters {
			for r := range rows {
				for col := range cols {
					out[Leaf{Month: m, Row: r, Col: col, Filter: f}] = c.leaf(rows[r] * cols[col] * filters[f] * 4)
				}
			}
		}
	}
	return out
}

package sdc

import "math"

// A witness is an assignment of the suppressed cells that satisfies every
// relation exactly, with the published cells at their counts and every
// suppressed cell at or above its lower bound. It is the proof behind a
// "safe" verdict: if a witness gives a primary cell k units, nobody can
// prove the cell holds fewer. The solver works in floating point, so its
// answer is rounded to nearby fractions and checked in integers; an answer
// that does not check out proves nothing.
type witness struct {
	x   []int64 // value of variable i is x[i]/den
	den int64
}

const (
	maxDen    = 1 << 12 // largest denominator tried for one value
	maxLCM    = 1 << 20 // largest common denominator of a witness
	fracTol   = 1e-7    // relative distance accepted between float and fraction
	maxExactX = 1 << 32 // with maxLCM, keeps the integer check far from overflow
)

func (w witness) atLeast(i int, v int64) bool { return w.x[i] >= v*w.den }

func (w witness) floor(i int) int64 { return floorDiv(w.x[i], w.den) }

func (w witness) ceil(i int) int64 { return -floorDiv(-w.x[i], w.den) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// fraction returns the fraction with denominator at most maxDen nearest to
// x by continued fractions, when one lies within fracTol.
func fraction(x float64) (num, den int64, ok bool) {
	if math.IsNaN(x) || math.Abs(x) > maxExactX {
		return 0, 0, false
	}
	tol := fracTol * math.Max(1, math.Abs(x))
	if r := math.Round(x); math.Abs(x-r) <= tol {
		return int64(r), 1, true
	}
	// h/k convergents of the continued fraction of x.
	h0, h1 := int64(1), int64(math.Floor(x))
	k0, k1 := int64(0), int64(1)
	rest := x - math.Floor(x)
	for k1 <= maxDen {
		if math.Abs(x-float64(h1)/float64(k1)) <= tol {
			return h1, k1, true
		}
		if rest < 1e-15 {
			break
		}
		inv := 1 / rest
		if inv > maxDen {
			break // the next denominator would be too large
		}
		a := int64(math.Floor(inv))
		rest = inv - math.Floor(inv)
		h0, h1 = h1, a*h1+h0
		k0, k1 = k1, a*k1+k0
	}
	return 0, 0, false
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

// exactWitness turns a floating-point solution (the cells' values, not
// shifted or scaled) into a witness, when every value is close to a small
// fraction and the common denominator stays small.
func exactWitness(x []float64) (witness, bool) {
	nums := make([]int64, len(x))
	dens := make([]int64, len(x))
	lcm := int64(1)
	for i, v := range x {
		n, d, ok := fraction(v)
		if !ok {
			return witness{}, false
		}
		nums[i], dens[i] = n, d
		lcm = lcm / gcd(lcm, d) * d
		if lcm > maxLCM {
			return witness{}, false
		}
	}
	w := witness{x: make([]int64, len(x)), den: lcm}
	for i := range x {
		w.x[i] = nums[i] * (lcm / dens[i])
	}
	return w, true
}

// holds checks the witness in integers against every relation of the
// system and every lower bound.
func (s *system) holds(w witness) bool {
	for i, lb := range s.lb {
		if w.x[i] < lb*w.den {
			return false
		}
	}
	for r, terms := range s.rows {
		sum := int64(0)
		for _, t := range terms {
			sum += int64(t.coef) * w.x[t.col]
		}
		if sum != s.rhs[r]*w.den {
			return false
		}
	}
	return true
}

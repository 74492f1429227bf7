package sdc

import (
	"math"
	"slices"
)

// Figure is a derived number (a share, an average, a median, a magnitude)
// or the fact that it is suppressed with the cells it comes from.
type Figure struct {
	Value float64
	Shown bool
}

// Text formats a shown figure with format, or returns Marker.
func (f Figure) Text(format func(float64) string) string {
	if !f.Shown {
		return Marker
	}
	return format(f.Value)
}

var hidden = Figure{}

// Share is part / whole (multiply by 100 for a percentage). It is shown
// only when both cells are published and whole is not zero, so a share
// never says more than the published counts: "177 (98.3 %)" of 180 is
// only shown if the remaining 3 are either shown or protected by the
// pattern already.
func (p *Pattern) Share(part, whole CellID) Figure {
	n, okN := p.Value(part)
	d, okD := p.Value(whole)
	if !okN || !okD || d == 0 {
		return hidden
	}
	return Figure{Value: float64(n) / float64(d), Shown: true}
}

// PerUnit is amount / units, an average over the units of a cell (minutes
// per contact, contacts per adviser-year when units counts advisers'
// contacts). It is shown only when the units cell is published and not
// zero, hence holds at least k units.
func (p *Pattern) PerUnit(amount float64, units CellID) Figure {
	n, ok := p.Value(units)
	if !ok || n == 0 {
		return hidden
	}
	return Figure{Value: amount / float64(n), Shown: true}
}

// Magnitude is a sum over the units of a cell (persons reached, minutes
// spent). It is shown exactly when the units cell is published: then at
// least k units contribute, or none and the amount is 0. Tabulate a
// magnitude with the pattern of its counts, cell for cell, never with a
// pattern of its own, so that it cannot be differenced out of its totals
// where the counts are suppressed.
func (p *Pattern) Magnitude(amount float64, units CellID) Figure {
	if _, ok := p.Value(units); !ok {
		return hidden
	}
	return Figure{Value: amount, Shown: true}
}

// Quantile is the q-quantile (0.5 for the median) of the values behind a
// cell, shown only when the cell is published and at least k values stand
// behind it. Values are the per-unit figures (response times, durations);
// the slice is not changed.
func (p *Pattern) Quantile(values []float64, q float64, units CellID) Figure {
	if _, ok := p.Value(units); !ok {
		return hidden
	}
	return Quantile(values, q, p.k)
}

// Quantile is the q-quantile of values (linear between order statistics),
// shown only when at least k values stand behind it: for figures outside
// any family, such as the median response time of one period.
func Quantile(values []float64, q float64, k int) Figure {
	if len(values) < max(k, MinK) || q < 0 || q > 1 || math.IsNaN(q) {
		return hidden
	}
	s := slices.Clone(values)
	slices.Sort(s)
	pos := q * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(s)-1)
	return Figure{Value: s[lo] + (s[hi]-s[lo])*(pos-float64(lo)), Shown: true}
}

// Enough reports whether a figure resting on n units may be shown at
// threshold k: n = 0 (nothing to hide) or at least k.
func Enough(n, k int) bool { return n == 0 || n >= max(k, MinK) }

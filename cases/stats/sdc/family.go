package sdc

import (
	"errors"
	"fmt"
)

// CellID names a cell of a Family. Ids are dense: 0..Len()-1 in the order
// the cells were added, so callers can keep their own slices beside them.
type CellID int

// Relation says that Total equals the sum of Parts, exactly, in the input
// and therefore in everything an attacker reasons about.
type Relation struct {
	Total CellID
	Parts []CellID
	// Line marks a row or a column of a table shown to users: when its
	// total holds 1..k-1 units, every cell of it, zeros included, is
	// suppressed, so a small group's distribution is not shown.
	Line bool
}

// Family is a linked table family: cells with non-negative integer counts
// and the additive relations between them. Everything that can be
// published together (every period, filter value and breakdown of one
// scope and year) belongs in one family, because protection is decided
// and audited over the family as a whole.
//
// A Family is built once and then only read; Protect and Audit do not
// modify it.
type Family struct {
	values    []int
	relations []Relation
}

// ErrInvalid wraps every error about a malformed family, pattern or option.
var ErrInvalid = errors.New("sdc: invalid input")

// NewFamily returns an empty family.
func NewFamily() *Family { return &Family{} }

// AddCell adds a cell holding value units and returns its id. A negative
// value is accepted here and refused by Validate, so building code stays
// linear.
func (f *Family) AddCell(value int) CellID {
	f.values = append(f.values, value)
	return CellID(len(f.values) - 1)
}

// AddRelation adds "r.Total = sum of r.Parts". It refuses unknown cells,
// an empty sum and a cell that appears twice (a total among its own parts
// included). Whether the values add up is checked by Validate.
func (f *Family) AddRelation(r Relation) error {
	if len(r.Parts) == 0 {
		return fmt.Errorf("%w: relation with total %d has no parts", ErrInvalid, r.Total)
	}
	seen := make(map[CellID]bool, len(r.Parts)+1)
	for _, id := range append([]CellID{r.Total}, r.Parts...) {
		if !f.has(id) {
			return fmt.Errorf("%w: relation names unknown cell %d", ErrInvalid, id)
		}
		if seen[id] {
			return fmt.Errorf("%w: cell %d appears twice in one relation", ErrInvalid, id)
		}
		seen[id] = true
	}
	r.Parts = append([]CellID(nil), r.Parts...)
	f.relations = append(f.relations, r)
	return nil
}

// Len is the number of cells.
func (f *Family) Len() int { return len(f.values) }

// Value is the count held by a cell.
func (f *Family) Value(id CellID) int { return f.values[id] }

// Relations returns the relations in the order they were added. The
// slice is the family's own: read it, do not change it.
func (f *Family) Relations() []Relation { return f.relations }

// Validate checks that every count is non-negative and every relation adds
// up. Protect and Audit call it first.
func (f *Family) Validate() error {
	for id, v := range f.values {
		if v < 0 {
			return fmt.Errorf("%w: cell %d has negative count %d", ErrInvalid, id, v)
		}
	}
	for i, r := range f.relations {
		sum := 0
		for _, p := range r.Parts {
			sum += f.values[p]
		}
		if sum != f.values[r.Total] {
			return fmt.Errorf("%w: relation %d: total cell %d holds %d but its parts sum to %d",
				ErrInvalid, i, r.Total, f.values[r.Total], sum)
		}
	}
	return nil
}

func (f *Family) has(id CellID) bool { return id >= 0 && int(id) < len(f.values) }

// cellRelations lists, for every cell, the relations it takes part in,
// in relation order.
func (f *Family) cellRelations() [][]int32 {
	out := make([][]int32, len(f.values))
	for i, r := range f.relations {
		out[r.Total] = append(out[r.Total], int32(i))
		for _, p := range r.Parts {
			out[p] = append(out[p], int32(i))
		}
	}
	return out
}

package sdc

import (
	"fmt"
	"strconv"
)

// Marker is shown in place of every suppressed cell, primary or secondary:
// "..", the symbol of Finnish official statistics for confidential data.
// One marker for all, so the marker itself reveals no range.
const Marker = ".."

// MinK is the smallest threshold the package accepts.
const MinK = 3

// Status says whether a cell is published and, if not, why. The reason is
// for the service's own use (tests, logs, the data-protection officer);
// users only ever see Marker.
type Status uint8

const (
	// Published: the cell's count is shown.
	Published Status = iota
	// Primary: the cell holds 1..k-1 units.
	Primary
	// SmallLine: a zero in a row or column whose total holds 1..k-1 units.
	SmallLine
	// Secondary: suppressed so that no primary cell can be narrowed below k.
	Secondary
	// Held: suppressed because an earlier release suppressed it.
	Held
)

// Suppressed reports whether a cell with this status is shown as Marker.
func (s Status) Suppressed() bool { return s != Published }

func (s Status) String() string {
	switch s {
	case Published:
		return "published"
	case Primary:
		return "primary"
	case SmallLine:
		return "small line"
	case Secondary:
		return "secondary"
	case Held:
		return "held"
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// Pattern is a protected pattern: for every cell of a family, its count or
// the fact that it is suppressed. It keeps its own copy of the counts, so
// it can be stored and shown without the family.
type Pattern struct {
	k      int
	values []int
	status []Status
}

// NewPattern rebuilds a pattern from a stored list of suppressed cells, for
// example to audit a stored release against the family's current counts.
// Statuses are derived from the counts: 1..k-1 is Primary, a zero in a
// small line is SmallLine, any other suppressed cell is Secondary.
func NewPattern(f *Family, k int, suppressed []CellID) (*Pattern, error) {
	if k < MinK {
		return nil, fmt.Errorf("%w: threshold %d is below %d", ErrInvalid, k, MinK)
	}
	p := &Pattern{k: k, values: append([]int(nil), f.values...), status: make([]Status, f.Len())}
	small := smallLineCells(f, k)
	for _, id := range suppressed {
		if !f.has(id) {
			return nil, fmt.Errorf("%w: suppressed cell %d is not in the family", ErrInvalid, id)
		}
		p.status[id] = derivedStatus(f.values[id], k, small[id])
	}
	return p, nil
}

func derivedStatus(v, k int, inSmallLine bool) Status {
	switch {
	case isSmall(v, k):
		return Primary
	case v == 0 && inSmallLine:
		return SmallLine
	}
	return Secondary
}

// isSmall is the primary rule: 1..k-1 units.
func isSmall(v, k int) bool { return v >= 1 && v < k }

// K is the threshold the pattern was made for.
func (p *Pattern) K() int { return p.k }

// Len is the number of cells.
func (p *Pattern) Len() int { return len(p.status) }

// Status is why a cell is or is not shown.
func (p *Pattern) Status(id CellID) Status { return p.status[id] }

// Suppressed reports whether the cell is shown as Marker.
func (p *Pattern) Suppressed(id CellID) bool { return p.status[id].Suppressed() }

// Value is the published count; ok is false for a suppressed cell, whose
// count must not leave the service.
func (p *Pattern) Value(id CellID) (v int, ok bool) {
	if p.Suppressed(id) {
		return 0, false
	}
	return p.values[id], true
}

// Text is the cell as shown: its count in digits, or Marker.
func (p *Pattern) Text(id CellID) string {
	if v, ok := p.Value(id); ok {
		return strconv.Itoa(v)
	}
	return Marker
}

// SuppressedCells lists the suppressed cells in id order: what a stored
// release needs to keep (with the counts) to be reproduced by NewPattern.
func (p *Pattern) SuppressedCells() []CellID {
	var out []CellID
	for id, s := range p.status {
		if s.Suppressed() {
			out = append(out, CellID(id))
		}
	}
	return out
}

// Equal reports whether two patterns suppress the same cells for the same
// threshold.
func (p *Pattern) Equal(q *Pattern) bool {
	if p.k != q.k || len(p.status) != len(q.status) {
		return false
	}
	for i := range p.status {
		if p.status[i].Suppressed() != q.status[i].Suppressed() {
			return false
		}
	}
	return true
}

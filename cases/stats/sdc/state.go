package sdc

// state is the suppression pattern while Protect builds it.
type state struct {
	f      *Family
	k      int
	rels   [][]int32 // relations of each cell
	status []Status
	fixed  map[CellID]Fix
}

func newState(f *Family, k int, fixed map[CellID]Fix) (*state, []CellID) {
	status, conflicts := primaryStatus(f, k, fixed)
	return &state{f: f, k: k, rels: f.cellRelations(), status: status, fixed: fixed}, conflicts
}

func (s *state) suppressed(id CellID) bool { return s.status[id].Suppressed() }

// candidate reports whether a cell may become a secondary suppression.
// Zeros never do: zeros are shown, so an attacker knows every suppressed
// cell outside a small line holds at least one unit, and suppressing a
// zero would make that knowledge false.
func (s *state) candidate(id CellID) bool {
	return !s.suppressed(id) && s.f.values[id] > 0 && s.fixed[id] != KeepPublished
}

// cheaper orders candidates: fewer units hidden first, then the lower id,
// so the same input always gives the same pattern.
func (s *state) cheaper(a, b CellID) bool {
	va, vb := s.f.values[a], s.f.values[b]
	if va != vb {
		return va < vb
	}
	return a < b
}

// suppress makes a candidate Secondary and returns the relations that
// need another look.
func (s *state) suppress(id CellID) []int32 {
	s.status[id] = Secondary
	return s.rels[id]
}

func (s *state) pattern() *Pattern {
	return &Pattern{k: s.k, values: append([]int(nil), s.f.values...), status: append([]Status(nil), s.status...)}
}

func (s *state) suppressedMask() []bool {
	out := make([]bool, len(s.status))
	for i, st := range s.status {
		out[i] = st.Suppressed()
	}
	return out
}

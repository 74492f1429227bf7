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
	return !s.suppressed(id) && s.f.values[id] > 0 && !s.fixed[id].published()
}

// cost orders candidates for secondary suppression. First come cells
// that start fewest new chains: a relation of the cell that holds no other
// suppressed non-zero cell would show the cell as a difference, so it
// needs yet another suppression, and so on. Then fewer units hidden, then
// the lower id, so the same input always gives the same pattern.
type cost struct {
	chains, units int
	id            CellID
}

func (a cost) less(b cost) bool {
	if a.chains != b.chains {
		return a.chains < b.chains
	}
	if a.units != b.units {
		return a.units < b.units
	}
	return a.id < b.id
}

func (s *state) cost(id CellID) cost {
	chains := 0
	for _, ri := range s.rels[id] {
		if s.aloneIn(id, s.f.relations[ri]) {
			chains++
		}
	}
	return cost{chains: chains, units: s.f.values[id], id: id}
}

// aloneIn reports whether no other non-zero cell of the relation is
// suppressed.
func (s *state) aloneIn(id CellID, r Relation) bool {
	if r.Total != id && s.suppressed(r.Total) && s.f.values[r.Total] > 0 {
		return false
	}
	for _, c := range r.Parts {
		if c != id && s.suppressed(c) && s.f.values[c] > 0 {
			return false
		}
	}
	return true
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

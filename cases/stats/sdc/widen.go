package sdc

// unproven returns, in id order, the primary cells that no LP answer so far
// shows holding k units. Suppressing more only widens what an attacker
// must allow (an old answer plus the true count of a newly suppressed cell
// still solves every relation), so a certified cell stays certified and
// only the others are solved again.
func (s *state) unproven(certified []bool) []CellID {
	supp := s.suppressedMask()
	var failing []CellID
	for _, g := range groups(s.f, supp) {
		var todo []int
		for j, id := range g {
			if s.status[id] == Primary && !certified[id] {
				todo = append(todo, j)
			}
		}
		if len(todo) == 0 {
			continue
		}
		sys := newSystem(s.f, s.rels, supp, g)
		for _, j := range todo {
			if certified[g[j]] {
				continue
			}
			if b := sys.maximize(j, int64(s.k)); b.err == nil {
				s.certify(sys, b.w, certified)
			}
			if !certified[g[j]] {
				failing = append(failing, g[j])
			}
		}
	}
	return failing
}

// certify marks every primary cell the witness gives k units.
func (s *state) certify(sys *system, w witness, certified []bool) {
	for i, id := range sys.cells {
		if s.status[id] == Primary && w.atLeast(i, int64(s.k)) {
			certified[id] = true
		}
	}
}

// widen suppresses, for each unsafe primary cell, the cheapest candidate
// among the nearest ones (sharing a relation, or reached through suppressed
// cells when every direct neighbour is suppressed already), then runs the
// sum rule over what changed. Late rounds take every nearest candidate.
// It returns how many cells it suppressed.
func (s *state) widen(failing []CellID, round int) int {
	var picked []CellID
	for _, p := range failing {
		near := s.nearest(p)
		if len(near) == 0 {
			continue
		}
		if round <= escalateAfter {
			near = near[:1]
		}
		for _, c := range near {
			if s.candidate(c) {
				picked = append(picked, c)
				s.status[c] = Secondary
			}
		}
	}
	var touched []int32
	for _, c := range picked {
		touched = append(touched, s.rels[c]...)
	}
	return len(picked) + s.applySumRule(touched)
}

// nearest returns the candidates at the smallest distance from p, walking
// only through suppressed cells, cheapest first.
func (s *state) nearest(p CellID) []CellID {
	seen := map[CellID]bool{p: true}
	frontier := []CellID{p}
	for len(frontier) > 0 {
		var found, next []CellID
		for _, c := range frontier {
			for _, ri := range s.rels[c] {
				r := s.f.relations[ri]
				for _, id := range append([]CellID{r.Total}, r.Parts...) {
					if seen[id] {
						continue
					}
					seen[id] = true
					switch {
					case s.candidate(id):
						found = append(found, id)
					case s.suppressed(id):
						next = append(next, id)
					}
				}
			}
		}
		if len(found) > 0 {
			sortByCost(s, found)
			return found
		}
		frontier = next
	}
	return nil
}

func sortByCost(s *state, ids []CellID) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && s.cheaper(ids[j], ids[j-1]); j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

package sdc

import (
	"math"
	"slices"
)

// failure is a primary cell no LP answer shows holding k units, with the
// dual prices of the relations at the solver's best answer.
type failure struct {
	cell   CellID
	prices []price
}

// unproven returns, in id order, the primary cells that no LP answer so far
// shows holding k units. Suppressing more only widens what an attacker
// must allow (an old answer plus the true count of a newly suppressed cell
// still solves every relation), so a certified cell stays certified and
// only the others are solved again.
func (s *state) unproven(certified []bool) []failure {
	supp := s.suppressedMask()
	var failing []failure
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
			b := sys.maximize(j, int64(s.k))
			if b.err == nil {
				s.certify(sys, b.w, certified)
			}
			if !certified[g[j]] {
				fail := failure{cell: g[j]}
				if b.err == nil && b.y != nil {
					fail.prices = sys.prices(b.y, j)
				}
				failing = append(failing, fail)
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

// widen suppresses, for each unsafe primary cell, the best candidate among
// those whose suppression would let it grow (by the dual prices), or else
// among the nearest ones (sharing a relation, or reached through suppressed
// cells when every direct neighbour is suppressed already), then runs the
// sum rule over what changed. Late rounds take every such candidate. It
// returns how many cells it suppressed.
func (s *state) widen(failing []failure, round int) int {
	var picked []CellID
	for _, fail := range failing {
		near := s.priced(fail.prices)
		if len(near) == 0 {
			near = s.nearest(fail.cell)
		}
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

// priced returns, best first, the candidates whose net price over their
// relations is not zero.
func (s *state) priced(prices []price) []CellID {
	net := map[CellID]float64{}
	var seen []CellID
	add := func(id CellID, v float64) {
		if !s.candidate(id) {
			return
		}
		if _, ok := net[id]; !ok {
			seen = append(seen, id)
		}
		net[id] += v
	}
	for _, pr := range prices {
		r := s.f.relations[pr.relation]
		add(r.Total, pr.value)
		for _, p := range r.Parts {
			add(p, -pr.value)
		}
	}
	var out []CellID
	for _, id := range seen {
		if math.Abs(net[id]) > pivotTol {
			out = append(out, id)
		}
	}
	sortByCost(s, out)
	return out
}

// nearest returns the candidates at the smallest distance from p, walking
// only through suppressed cells, best first by cost.
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
	costs := make([]cost, len(ids))
	for i, id := range ids {
		costs[i] = s.cost(id)
	}
	slices.SortFunc(costs, func(a, b cost) int {
		if a.less(b) {
			return -1
		}
		return 1
	})
	for i, c := range costs {
		ids[i] = c.id
	}
}

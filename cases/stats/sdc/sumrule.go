package sdc

// The sum rule is the cheap, local half of secondary suppression (the
// SIMPLEHEURISTIC of sdcTable): it looks at one relation at a time and
// fixes what any attacker could read off that relation alone. The LP
// audit then finds what only the relations together reveal.

// applySumRule checks the given relations, and every relation touched by a
// cell it suppresses, until none needs more. It returns how many cells
// it suppressed.
func (s *state) applySumRule(relations []int32) int {
	queued := make([]bool, len(s.f.relations))
	var queue []int32
	push := func(rs []int32) {
		for _, r := range rs {
			if !queued[r] {
				queued[r] = true
				queue = append(queue, r)
			}
		}
	}
	push(relations)
	added := 0
	for len(queue) > 0 {
		ri := queue[0]
		queue = queue[1:]
		queued[ri] = false
		r := s.f.relations[ri]
		if !s.needsMore(r) {
			continue
		}
		id, ok := s.partner(r)
		if !ok {
			continue // nothing left to suppress here; the audit decides
		}
		added++
		push(s.suppress(id))
	}
	return added
}

// needsMore reports whether one relation, read on its own, narrows a
// suppressed cell too far:
//   - a suppressed non-zero total whose parts are all shown is their sum;
//   - with the total shown, a single suppressed non-zero part is the
//     difference (zeros in the relation do not help: they are shown, or,
//     suppressed in a small line, they could only add, never take away);
//   - with the total shown and a primary among the suppressed parts, the
//     primary x can grow only as far as the other suppressed parts can
//     shrink, each to 1, which takes it to 1 plus the slack (count - 1)
//     of all the suppressed parts: that slack must be at least k-1 (this
//     covers "15 = 10+3+x+x" and a suppressed sum below k).
func (s *state) needsMore(r Relation) bool {
	nonZero, slack, primary := 0, 0, false
	for _, p := range r.Parts {
		if !s.suppressed(p) || s.f.values[p] == 0 {
			continue
		}
		nonZero++
		slack += s.f.values[p] - 1
		primary = primary || s.status[p] == Primary
	}
	if s.suppressed(r.Total) {
		return s.f.values[r.Total] > 0 && nonZero == 0
	}
	switch {
	case nonZero == 0:
		return false
	case nonZero == 1:
		return true
	case primary:
		return slack < s.k-1
	}
	return false
}

// partner picks the cell to suppress in a relation that needs more: the
// best shown part by cost, or the total when no part can be suppressed (a
// suppressed total moves the problem up the hierarchy, so it is the last
// resort). Every candidate holds at least k units, since smaller counts
// are primary, so one partner always gives slack enough.
func (s *state) partner(r Relation) (CellID, bool) {
	best, found := cost{}, false
	for _, p := range r.Parts {
		if s.candidate(p) {
			if c := s.cost(p); !found || c.less(best) {
				best, found = c, true
			}
		}
	}
	if !found && s.candidate(r.Total) {
		return r.Total, true
	}
	return best.id, found
}

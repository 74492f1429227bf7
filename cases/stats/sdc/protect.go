package sdc

import "fmt"

// Options tune Protect.
type Options struct {
	// K is the threshold: 1..K-1 units is too few to show. At least MinK.
	K int
	// Fixed pins cells to an earlier release of the same scope and year.
	Fixed map[CellID]Fix
	// MaxRounds bounds the audit-and-widen rounds (default 50). A family
	// still unsafe after them is returned unsafe, to be withheld.
	MaxRounds int
	// Audit tunes the final audit (AuditOptions.Workers parallelises it).
	Audit AuditOptions
}

// Result is a protected pattern and the audit that proves it.
type Result struct {
	Pattern *Pattern
	Audit   *AuditResult
	// Safe: the audit passed and every fixed cell could be kept. When
	// false the caller must withhold the whole family.
	Safe bool
	// Conflicts: cells an earlier release published that now hold 1..k-1
	// units (a correction); they are suppressed here, so the release and
	// this pattern cannot both stand.
	Conflicts []CellID
	// Rounds: how many audit rounds the secondary suppression took.
	Rounds int
}

const (
	defaultMaxRounds = 50
	// After this many rounds each unsafe primary gets every nearest
	// candidate, not only the cheapest, so hard families end quickly.
	escalateAfter = 8
)

// Protect decides which cells of a family to publish. It suppresses the
// primary cells (1..k-1 units), every cell of a row or column whose total
// is 1..k-1, and the cells the fixes hold; adds secondary suppressions by
// the sum rule (every relation read on its own) and then by LP audits of
// the whole family (each primary cell that can still be proven smaller
// than k gets its cheapest neighbour suppressed, and the sum rule runs
// again), and finally audits the pattern with Audit. The same family and
// options always give the same pattern.
func Protect(f *Family, opt Options) (*Result, error) {
	if opt.K < MinK {
		return nil, fmt.Errorf("%w: threshold %d is below %d", ErrInvalid, opt.K, MinK)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	for id := range opt.Fixed {
		if !f.has(id) {
			return nil, fmt.Errorf("%w: fixed cell %d is not in the family", ErrInvalid, id)
		}
	}
	maxRounds := opt.MaxRounds
	if maxRounds <= 0 {
		maxRounds = defaultMaxRounds
	}
	st, conflicts := newState(f, opt.K, opt.Fixed)
	st.applySumRule(allRelations(f))
	certified := make([]bool, f.Len())
	rounds := 0
	for rounds < maxRounds {
		rounds++
		failing := st.unproven(certified)
		if len(failing) == 0 || st.widen(failing, rounds) == 0 {
			break
		}
	}
	res := &Result{Pattern: st.pattern(), Conflicts: conflicts, Rounds: rounds}
	auditOpt := opt.Audit
	auditOpt.Known = known(opt.Fixed)
	audit, err := Audit(f, res.Pattern, auditOpt)
	if err != nil {
		return nil, err
	}
	res.Audit = audit
	res.Safe = audit.Safe && len(conflicts) == 0
	return res, nil
}

func allRelations(f *Family) []int32 {
	out := make([]int32, len(f.relations))
	for i := range out {
		out[i] = int32(i)
	}
	return out
}

func known(fixed map[CellID]Fix) map[CellID]bool {
	out := map[CellID]bool{}
	for id, fix := range fixed {
		if fix == KeepKnown {
			out[id] = true
		}
	}
	return out
}

package sdc

import (
	"fmt"
	"slices"
	"sync"
)

// AuditOptions tune Audit.
type AuditOptions struct {
	// AllSuppressed also bounds every secondary, held and small-line cell,
	// for the data-protection officer's view. Only primary cells decide
	// safety, but an error on any audited cell makes the result unsafe.
	AllSuppressed bool
	// Workers solves that many LPs at a time; 0 or 1 is sequential. The
	// result does not depend on it.
	Workers int
	// Known lists cells whose counts a linked family already publishes
	// (Fix KeepKnown): a zero among them may be shown in a small line.
	Known map[CellID]bool
}

// CellAudit is what an attacker can prove about one suppressed cell from
// everything published in the family: its count lies in [Lo, Hi].
type CellAudit struct {
	Cell    CellID
	Value   int
	Primary bool
	// Hi is the largest count proven possible: a solution of all the
	// relations gives the cell Hi units (the solver's maximum rounded
	// down). Lo is the smallest count the solver found possible (rounded
	// up); it is shown, not relied on.
	Lo, Hi int
	// Unbounded: the cell can grow without limit (Hi is then the value
	// proven possible, at least k).
	Unbounded bool
	// Err is why the cell's bounds are not proven; nil when they are.
	Err error
	// Safe: proven, and for a primary cell Hi >= k.
	Safe bool
}

// AuditResult is the verdict on a whole family.
type AuditResult struct {
	K int
	// Safe is true only when every audited cell is proven and every primary
	// cell can hold k units, and no cell the rules suppress is shown. Any
	// doubt is false: the caller must then withhold the family.
	Safe bool
	// Cells: the audited cells in id order.
	Cells []CellAudit
	// Exposed: cells published although the primary rules suppress them
	// (1..k-1 units, or in a small line).
	Exposed []CellID
}

// Audit bounds, by linear programming, every primary cell of a pattern
// (and, if asked, every suppressed cell) subject to every relation of the
// family, the published cells at their counts, suppressed cells at least 1
// (at least 0 for a zero in a small line or a held cell now empty) and
// every cell at least 0. A primary cell is safe when the largest count
// proven possible is at least k.
//
// Audit decides which cells are primary from the family's counts, not from
// the pattern's statuses, so it can check a stored pattern against counts
// that have changed since.
func Audit(f *Family, p *Pattern, opt AuditOptions) (*AuditResult, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if p.Len() != f.Len() {
		return nil, fmt.Errorf("%w: pattern has %d cells, family %d", ErrInvalid, p.Len(), f.Len())
	}
	res := &AuditResult{K: p.k, Exposed: exposed(f, p, opt.Known)}
	res.Cells = runJobs(auditJobs(f, p, opt.AllSuppressed), p.k, opt.Workers)
	sortCells(res.Cells)
	res.Safe = len(res.Exposed) == 0
	for _, c := range res.Cells {
		res.Safe = res.Safe && c.Safe
	}
	return res, nil
}

// auditJobs lists the cells to bound, with the system of their group.
func auditJobs(f *Family, p *Pattern, all bool) []auditJob {
	supp := make([]bool, f.Len())
	for i := range supp {
		supp[i] = p.Suppressed(CellID(i))
	}
	cellRels := f.cellRelations()
	var jobs []auditJob
	for _, g := range groups(f, supp) {
		var cols []int
		for j, id := range g {
			if all || isSmall(f.values[id], p.k) {
				cols = append(cols, j)
			}
		}
		if len(cols) == 0 {
			continue
		}
		sys := newSystem(f, cellRels, supp, g)
		for _, j := range cols {
			jobs = append(jobs, auditJob{sys: sys, col: j})
		}
	}
	return jobs
}

// runJobs audits each job. The first job of each system finds its warm
// basis, alone; the rest share it and may run in parallel.
func runJobs(jobs []auditJob, k, workers int) []CellAudit {
	out := make([]CellAudit, len(jobs))
	var rest []int
	for i, j := range jobs {
		if i == 0 || j.sys != jobs[i-1].sys {
			out[i] = j.audit(k)
		} else {
			rest = append(rest, i)
		}
	}
	run(len(rest), workers, func(i int) { out[rest[i]] = jobs[rest[i]].audit(k) })
	return out
}

type auditJob struct {
	sys *system
	col int
}

func (j auditJob) audit(k int) CellAudit {
	s := j.sys
	v := s.truth[j.col]
	c := CellAudit{Cell: s.cells[j.col], Value: int(v), Primary: v >= 1 && v < int64(k)}
	hi := s.maximize(j.col, int64(k))
	lo := s.minimize(j.col)
	c.Hi, c.Unbounded, c.Lo = int(hi.value), hi.unbounded, int(lo.value)
	c.Err = hi.err
	if c.Err == nil {
		c.Err = lo.err
	}
	c.Safe = c.Err == nil && (!c.Primary || c.Hi >= k)
	return c
}

// exposed lists the published cells the primary rules suppress.
func exposed(f *Family, p *Pattern, known map[CellID]bool) []CellID {
	small := smallLineCells(f, p.k)
	var out []CellID
	for i, v := range f.values {
		id := CellID(i)
		if !p.Suppressed(id) && (isSmall(v, p.k) || small[i] && !known[id]) {
			out = append(out, CellID(i))
		}
	}
	return out
}

func sortCells(cells []CellAudit) {
	slices.SortFunc(cells, func(a, b CellAudit) int { return int(a.Cell - b.Cell) })
}

// run calls do(0..n-1), on up to workers goroutines.
func run(n, workers int, do func(int)) {
	if workers <= 1 || n <= 1 {
		for i := 0; i < n; i++ {
			do(i)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

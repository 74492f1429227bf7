package stats

import (
	"fmt"
	"log/slog"
	"time"

	"neuvo/cases/stats/sdc"
)

// Families protected one after another, each pinned to the ones before,
// still share cells: two families that each leave a suppressed count
// wide enough may together narrow it (the union test found such cells).
// So the last step protects the union of every family of the scope and
// year, each cell once by its key and every relation kept, starting from
// the families' suppressions (held), and adds what the joint audit needs.
// Its audit is the one that decides: when it fails, nothing is published.

// protectUnion re-protects the families' patterns jointly and writes the
// joint decision back into each family.
func (c *Computation) protectUnion(builders []*famBuilder, released map[string]storedCell, k int) error {
	u := newFamBuilder("union")
	fixed := map[sdc.CellID]sdc.Fix{}
	for i, b := range builders {
		for j, key := range b.keys {
			if _, seen := u.ids[key]; seen {
				continue
			}
			id := u.cell(key, b.vals[j])
			if !c.Families[i].Safe || c.Families[i].Cells[key] == nil {
				fixed[id] = sdc.KeepSuppressed
			}
		}
		for _, r := range b.f.Relations() {
			if int(r.Total) >= len(b.keys) || !partsInKeys(r, len(b.keys)) {
				continue // a release's change cells: added below
			}
			parts := make([]string, len(r.Parts))
			for n, p := range r.Parts {
				parts[n] = b.keys[p]
			}
			u.sum(b.keys[r.Total], parts, r.Line)
		}
	}
	u.pinReleased(released, fixed)
	if u.err != nil {
		return fmt.Errorf("stats: union: %w", u.err)
	}
	start := time.Now()
	res, err := sdc.Protect(u.f, sdc.Options{K: k, Fixed: fixed})
	if err != nil {
		return fmt.Errorf("stats: union: %w", err)
	}
	c.Took["union"] = time.Since(start)
	if !res.Safe {
		unsafe := 0
		for _, a := range res.Audit.Cells {
			if !a.Safe {
				unsafe++
			}
		}
		slog.Debug("union unsafe", "rounds", res.Rounds, "unsafe", unsafe, "exposed", len(res.Audit.Exposed), "conflicts", len(res.Conflicts), "cells", u.f.Len())
	}
	for i := range c.Families {
		f := &c.Families[i]
		f.Safe = f.Safe && res.Safe
		for key := range f.Cells {
			if res.Pattern.Suppressed(u.ids[key]) {
				f.Cells[key] = nil
			}
		}
	}
	return nil
}

func partsInKeys(r sdc.Relation, n int) bool {
	for _, p := range r.Parts {
		if int(p) >= n {
			return false
		}
	}
	return true
}

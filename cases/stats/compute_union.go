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

// unionGroupLimit bounds the hidden cells of one joint system. A small
// organisation's year can tie hundreds of hidden cells of several
// families together, and gonum's simplex then takes many minutes; the
// families of such a group are withheld instead (showing less is always
// safe), and the others are protected together.
const unionGroupLimit = 150

// protectUnion re-protects the families' patterns jointly and writes the
// joint decision back into each family.
func (c *Computation) protectUnion(builders []*famBuilder, released map[string]storedCell, k int) error {
	for {
		u, fixed, owners := c.union(builders, released)
		if u.err != nil {
			return fmt.Errorf("stats: union: %w", u.err)
		}
		if c.withholdLargeGroups(u, fixed, owners) {
			continue
		}
		return c.protectJointly(u, fixed, c.coupled(builders), k)
	}
}

// withholdLargeGroups marks unsafe the families of every joint system
// above the limit; it reports whether it withheld any.
func (c *Computation) withholdLargeGroups(u *famBuilder, fixed map[sdc.CellID]sdc.Fix, owners map[string][]int) bool {
	supp := make([]bool, u.f.Len())
	for id, fix := range fixed {
		supp[id] = fix == sdc.KeepSuppressed
	}
	withheld := false
	for _, g := range sdc.Groups(u.f, supp) {
		if len(g) <= unionGroupLimit {
			continue
		}
		for _, id := range g {
			if int(id) >= len(u.keys) {
				continue
			}
			for _, fam := range owners[u.keys[id]] {
				withheld = withheld || c.Families[fam].Safe
				c.Families[fam].Safe = false
			}
		}
	}
	return withheld
}

// coupled lists the safe families that share a hidden cell with another
// safe family. Any other family's hidden cells appear in no other
// family's relations (what it shares is published, a constant to every
// other family), so its own audit proves it whatever the others show.
func (c *Computation) coupled(builders []*famBuilder) map[int]bool {
	owners := map[string][]int{}
	for i, b := range builders {
		if c.Families[i].Safe {
			for _, key := range b.keys {
				owners[key] = append(owners[key], i)
			}
		}
	}
	out := map[int]bool{}
	for key, fams := range owners {
		if len(fams) < 2 {
			continue
		}
		for _, i := range fams {
			if c.Families[i].Cells[key] == nil {
				for _, j := range fams {
					out[j] = true
				}
				break
			}
		}
	}
	return out
}

// union merges the cells of the coupled families, each once by key.
func (c *Computation) union(builders []*famBuilder, released map[string]storedCell) (*famBuilder, map[sdc.CellID]sdc.Fix, map[string][]int) {
	u := newFamBuilder("union")
	fixed := map[sdc.CellID]sdc.Fix{}
	owners := map[string][]int{}
	coupled := c.coupled(builders)
	for i, b := range builders {
		if !c.Families[i].Safe || !coupled[i] {
			continue
		}
		for j, key := range b.keys {
			owners[key] = append(owners[key], i)
			if _, seen := u.ids[key]; seen {
				continue
			}
			id := u.cell(key, b.vals[j])
			if c.Families[i].Cells[key] == nil {
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
	return u, fixed, owners
}

func (c *Computation) protectJointly(u *famBuilder, fixed map[sdc.CellID]sdc.Fix, coupled map[int]bool, k int) error {
	if len(coupled) == 0 {
		return nil
	}
	start := time.Now()
	res, err := sdc.Protect(u.f, sdc.Options{K: k, Fixed: fixed, Audit: sdc.AuditOptions{Workers: 2}})
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
		if !coupled[i] {
			continue
		}
		f.Safe = f.Safe && res.Safe
		for key := range f.Cells {
			if id, ok := u.ids[key]; ok && res.Pattern.Suppressed(id) {
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

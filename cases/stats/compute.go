package stats

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats/sdc"
)

// DefaultK is the threshold of an organisation that has not set its own.
const DefaultK = 5

// Computation is the protected patterns of one scope and year.
type Computation struct {
	Scope    Scope
	Year     int
	K        int
	Families []Protected
	Took     map[string]time.Duration // per family
	// Corrected: a count a release of this scope and year showed has
	// changed since; the release is flagged.
	Corrected bool
}

// Protected is one family's pattern and whether its audit passed.
type Protected struct {
	ID    string
	Safe  bool
	Cells map[string]storedCell
	Audit auditSummary
}

// storedCell is a published count with its magnitudes (shown only when at
// least k units stand behind them), or nil for a suppressed cell.
type storedCell []int

type auditSummary struct {
	Cells      int `json:"cells"`
	Primary    int `json:"primary"`
	Suppressed int `json:"suppressed"`
	Rounds     int `json:"rounds"`
	MinHi      int `json:"min_hi"` // the smallest proven maximum of a primary cell
}

// families lists a scope-year's families in protection order.
func families(tax *cases.Taxonomy, partners []int64, data *yearData) []*famBuilder {
	var out []*famBuilder
	rows := map[string][]string{}
	for _, d := range contactDimList {
		rows[d.ID] = categories(d, tax, partners, data)
		out = append(out, contactFamily(d, rows[d.ID], data))
	}
	for _, c := range crossList {
		out = append(out, crossFamily(c, rows[c.Rows], rows[c.Cols], data))
	}
	return append(out, clientFamily(data), consultationFamily(partners, data))
}

// Compute protects every family of a scope and year, each pinned to what
// the families before it publish, so that all of them together show every
// count the same way.
func Compute(tax *cases.Taxonomy, partners []int64, data *yearData, s Scope, year, k int) (*Computation, error) {
	out := &Computation{Scope: s, Year: year, K: k, Took: map[string]time.Duration{}}
	known := map[string]bool{} // key -> published, from safe families
	builders := families(tax, partners, data)
	for i, b := range builders {
		p, err := out.protectOne(b, known, data, k)
		if err == nil && !p.Safe && b.coarser != nil {
			coarse := b.coarser()
			var q Protected
			if q, err = out.protectOne(coarse, known, data, k); q.Safe {
				builders[i], p = coarse, q
			}
		}
		if err != nil {
			return nil, err
		}
		if p.Safe {
			for key, c := range p.Cells {
				known[key] = c != nil
			}
		}
		out.Families = append(out.Families, p)
	}
	return out, out.protectUnion(builders, data.released, k)
}

// protectOne protects a family pinned to what the safe families before it
// decided, to the scope's totals and to the releases.
func (c *Computation) protectOne(b *famBuilder, known map[string]bool, data *yearData, k int) (Protected, error) {
	if b.err != nil {
		return Protected{}, fmt.Errorf("stats: family %s: %w", b.id, b.err)
	}
	fixed := map[sdc.CellID]sdc.Fix{}
	for i, key := range b.keys {
		if published, ok := known[key]; ok && published {
			fixed[sdc.CellID(i)] = sdc.KeepKnown
		} else if ok {
			fixed[sdc.CellID(i)] = sdc.KeepSuppressed
		}
	}
	pinTotals(b, known, fixed, k)
	if b.pinReleased(data.released, fixed) {
		c.Corrected = true
	}
	start := time.Now()
	slog.Debug("protecting", "family", b.id, "cells", len(b.keys), "fixed", len(fixed))
	res, err := sdc.Protect(b.f, sdc.Options{K: k, Fixed: fixed})
	c.Took[b.id] += time.Since(start)
	if err != nil {
		return Protected{}, fmt.Errorf("stats: family %s: %w", b.id, err)
	}
	return b.protected(res, k), nil
}

func (b *famBuilder) protected(res *sdc.Result, k int) Protected {
	p := Protected{ID: b.id, Safe: res.Safe, Cells: make(map[string]storedCell, len(b.keys))}
	p.Audit = auditSummary{Cells: len(b.keys), Rounds: res.Rounds, MinHi: -1}
	for i, key := range b.keys {
		id := sdc.CellID(i)
		if res.Pattern.Suppressed(id) {
			p.Cells[key] = nil
			p.Audit.Suppressed++
			continue
		}
		v := b.vals[i]
		c := storedCell{v.N}
		if v.N >= k {
			c = append(c, v.Persons, v.Minutes)
		}
		p.Cells[key] = c
	}
	for _, a := range res.Audit.Cells {
		if a.Primary {
			p.Audit.Primary++
			if p.Audit.MinHi < 0 || a.Hi < p.Audit.MinHi {
				p.Audit.MinHi = a.Hi
			}
		}
	}
	return p
}

// Store replaces the scope-year's stored patterns, in the scope owner's
// organisation.
func (c *Computation) Store(ctx context.Context, tx *sqlx.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM stats_patterns WHERE scope_kind = $1 AND scope_org = $2 AND year = $3`,
		c.Scope.Kind, c.Scope.OrgID, c.Year); err != nil {
		return err
	}
	if c.Corrected {
		if _, err := tx.ExecContext(ctx, `UPDATE stats_releases SET corrected_at = now()
			WHERE scope_kind = $1 AND scope_org = $2 AND corrected_at IS NULL AND cells ? $3::text`,
			c.Scope.Kind, c.Scope.OrgID, strconv.Itoa(c.Year)); err != nil {
			return err
		}
	}
	for _, f := range c.Families {
		cells, err := json.Marshal(f.Cells)
		if err != nil {
			return err
		}
		audit, _ := json.Marshal(f.Audit)
		if _, err := tx.ExecContext(ctx, `INSERT INTO stats_patterns (scope_kind, scope_org, year, family, k, safe, cells, audit)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, c.Scope.Kind, c.Scope.OrgID, c.Year, f.ID, c.K, f.Safe, string(cells), string(audit)); err != nil {
			return err
		}
	}
	return nil
}

// pinReleased fixes the cells a release showed: a hidden one stays hidden,
// a shown one whose count is unchanged stays shown. A shown count that has
// changed since is a correction: the released count joins the family as a
// published cell with the change as a cell of its own (new = old + change,
// or old = new + change), so that a small change is protected like any
// small count and cannot be read off as the difference. Reports true when
// there was a correction.
func (b *famBuilder) pinReleased(released map[string]storedCell, fixed map[sdc.CellID]sdc.Fix) bool {
	corrected := false
	for i, key := range b.keys {
		rc, ok := released[key]
		id := sdc.CellID(i)
		switch {
		case !ok:
		case rc == nil:
			fixed[id] = sdc.KeepSuppressed
		case rc[0] == b.vals[i].N:
			if fixed[id] != sdc.KeepKnown {
				fixed[id] = sdc.KeepPublished
			}
		default:
			corrected = true
			delete(fixed, id)
			old := b.f.AddCell(rc[0])
			change := b.f.AddCell(abs(b.vals[i].N - rc[0]))
			fixed[old] = sdc.KeepPublished
			r := sdc.Relation{Total: id, Parts: []sdc.CellID{old, change}}
			if rc[0] > b.vals[i].N {
				r = sdc.Relation{Total: old, Parts: []sdc.CellID{id, change}}
			}
			if err := b.f.AddRelation(r); err != nil && b.err == nil {
				b.err = err
			}
		}
	}
	return corrected
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// pinTotals keeps the scope's totals (contacts per period, cells without
// a condition) of k or more out of secondary suppression. Every family
// holds them; a total hidden as a secondary would tie every family's
// hidden cells into one system, which two families could narrow together
// and which the joint audit could not solve in minutes for a small
// organisation. A total below k is still hidden, as everywhere.
func pinTotals(b *famBuilder, known map[string]bool, fixed map[sdc.CellID]sdc.Fix, k int) {
	for i, key := range b.keys {
		if key[len(key)-1] == '|' && b.vals[i].N > 0 && b.vals[i].N < k {
			return // a small total needs other totals free to hide it
		}
	}
	for i, key := range b.keys {
		if _, decided := known[key]; decided || b.vals[i].N < k || key[len(key)-1] != '|' {
			continue
		}
		fixed[sdc.CellID(i)] = sdc.KeepPublished
	}
}

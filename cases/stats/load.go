package stats

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// ErrScope: the current organisation may not see the scope asked for
// (answer as not found).
var ErrScope = errors.New("stats: scope not visible")

// ErrPeriod: the months asked for are not a range of whole months of the
// grid (From after To, more than 10 years, before 2000 or after this year).
var ErrPeriod = errors.New("stats: bad period")

// ErrFilter: the filter names no filter dimension, or a value the scope's
// figures do not hold.
var ErrFilter = errors.New("stats: bad filter")

// maxMonths bounds a report's range.
const maxMonths = 120

// Load reads a report from the stored protected patterns. It runs in the
// request's transaction (RLS as the current organisation) and reads no
// record: only patterns whose audit passed.
func Load(ctx context.Context, q sqlx.QueryerContext, req Request) (*Report, error) {
	// Figures are for whole months: a period still running (this year, a
	// project's) is reported up to the last month that has ended.
	now := time.Now().In(cases.Finland)
	last := MonthAt(Month{Year: now.Year(), Month: now.Month()}.Index() - 1)
	if req.To.Index() > last.Index() && req.From.Index() <= last.Index() {
		req.To = last
	}
	if err := checkPeriod(req.From, req.To, now); err != nil {
		return nil, err
	}
	options, err := Scopes(ctx, q, req.Lang)
	if err != nil {
		return nil, err
	}
	rep := &Report{Request: req, K: DefaultK}
	for _, o := range options {
		if o.Scope == req.Scope {
			rep.ScopeName = o.Name
		}
	}
	if rep.ScopeName == "" {
		return nil, ErrScope
	}
	pat, err := readPatterns(ctx, q, req.Scope, req.From.Year, req.To.Year)
	if err != nil {
		return nil, err
	}
	if req.Filter != (Filter{}) && !pat.hasFilter(req.Filter) {
		return nil, ErrFilter
	}
	tax, err := cases.LoadTaxonomy(ctx, q)
	if err != nil {
		return nil, err
	}
	names, err := labelNames(ctx, q, tax, req.Lang)
	if err != nil {
		return nil, err
	}
	b := tableBuilder{req: req, pat: pat, tax: tax, names: names, parts: decompose(req.From, req.To)}
	rep.Tables = b.tables()
	rep.K, rep.AsOf, rep.Withheld = pat.k, pat.asOf, b.withheld
	rep.Released, err = Releases(ctx, q, req.Scope, req.From, req.To)
	return rep, err
}

func checkPeriod(from, to Month, now time.Time) error {
	this := now.In(cases.Finland)
	ended := Month{Year: this.Year(), Month: this.Month()}.Index() - 1
	switch {
	case from.Month < 1 || from.Month > 12 || to.Month < 1 || to.Month > 12,
		from.Year < 2000, to.Index() > ended,
		to.Index() < from.Index(), to.Index()-from.Index() >= maxMonths:
		return ErrPeriod
	}
	return nil
}

// patterns are a scope's stored cells of some years, from audited
// families only.
type patterns struct {
	years    map[int]map[string]storedCell
	families map[int]map[string]bool // year -> family -> safe
	empty    map[int]bool            // years the scope has no records in: every count 0
	k        int
	asOf     time.Time
}

func readPatterns(ctx context.Context, q sqlx.QueryerContext, s Scope, from, to int) (*patterns, error) {
	var rows []struct {
		Year     int       `db:"year"`
		Family   string    `db:"family"`
		K        int       `db:"k"`
		Safe     bool      `db:"safe"`
		Cells    []byte    `db:"cells"`
		Computed time.Time `db:"computed_at"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT year, family, k, safe, cells, computed_at FROM stats_patterns
		WHERE scope_kind = $1 AND scope_org = $2 AND year BETWEEN $3 AND $4`, s.Kind, s.OrgID, from, to)
	if err != nil {
		return nil, err
	}
	p := &patterns{years: map[int]map[string]storedCell{}, families: map[int]map[string]bool{}, empty: map[int]bool{}, k: DefaultK}
	for _, r := range rows {
		if p.families[r.Year] == nil {
			p.families[r.Year], p.years[r.Year] = map[string]bool{}, map[string]storedCell{}
		}
		p.families[r.Year][r.Family] = r.Safe
		p.k = max(p.k, r.K)
		if p.asOf.IsZero() || r.Computed.Before(p.asOf) {
			p.asOf = r.Computed
		}
		if !r.Safe {
			continue
		}
		var cells map[string]storedCell
		if err := json.Unmarshal(r.Cells, &cells); err != nil {
			return nil, err
		}
		for k, v := range cells {
			p.years[r.Year][k] = v
		}
	}
	return p, p.findEmpty(ctx, q, s, from, to)
}

// findEmpty marks the years without patterns that have nothing to count:
// no rollup row of the scope and no change waiting for the refresh job.
// A year with records whose patterns are not computed yet is not empty.
func (p *patterns) findEmpty(ctx context.Context, q sqlx.QueryerContext, s Scope, from, to int) error {
	where, err := scopeWhere(s)
	if err != nil {
		return err
	}
	for y := from; y <= to; y++ {
		if p.families[y] != nil {
			continue
		}
		var busy bool
		err := sqlx.GetContext(ctx, q, &busy, `SELECT EXISTS (SELECT 1 FROM stats_contact_rollup WHERE year = $1 AND `+where+`)
			OR EXISTS (SELECT 1 FROM stats_consultation_rollup WHERE year = $1 AND `+where+`)
			OR EXISTS (SELECT 1 FROM stats_dirty WHERE year = $1)`, y)
		if err != nil {
			return err
		}
		p.empty[y] = !busy
	}
	return nil
}

// safe reports whether a family's pattern passed its audit in every year.
func (p *patterns) safe(family string, years []int) bool {
	for _, y := range years {
		if !p.families[y][family] && !p.empty[y] {
			return false
		}
	}
	return len(years) > 0
}

func (p *patterns) hasFilter(f Filter) bool {
	for _, cells := range p.years {
		if _, ok := cells[cellKey("Y", cond(f.Dim, f.Code))]; ok && slices.Contains(FilterDims, f.Dim) {
			return true
		}
	}
	return false
}

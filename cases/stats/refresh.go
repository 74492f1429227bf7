package stats

import (
	"context"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"neuvo/cases"
	"neuvo/cases/jobs"
)

// RefreshEvery is how often the job looks for changed months; a report's
// "figures as of" is at most this much plus the computation behind.
const RefreshEvery = 30 * time.Second

// RefreshArgs is the periodic rebuild of changed rollups and patterns.
type RefreshArgs struct{}

func (RefreshArgs) Kind() string { return "stats_refresh" }

// Refresher rebuilds the rollups of every month a write touched, then
// recomputes every pattern of each network and year they belong to.
type Refresher struct {
	river.WorkerDefaults[RefreshArgs]
	db  *sqlx.DB
	log *slog.Logger
}

// RegisterJobs adds the refresh to the job registry.
func RegisterJobs(reg *jobs.Registry, db *sqlx.DB, log *slog.Logger) {
	jobs.Register(reg, &Refresher{db: db, log: log})
	reg.Every(RefreshEvery, RefreshArgs{})
}

// Timeout: a network-year of 10 million contacts recomputes in well under
// this (docs/benchmarks.md).
func (*Refresher) Timeout(*river.Job[RefreshArgs]) time.Duration { return 30 * time.Minute }

func (w *Refresher) Work(ctx context.Context, _ *river.Job[RefreshArgs]) error {
	changed, err := RefreshRollups(ctx, w.db)
	if err != nil {
		return err
	}
	for ny := range changed {
		start := time.Now()
		if err := RecomputeNetworkYear(ctx, w.db, ny[0], int(ny[1])); err != nil {
			return err
		}
		w.log.Info("statistics recomputed", "network", ny[0], "year", ny[1], "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// RefreshRollups rebuilds each organisation's changed months and returns
// the (network, year) pairs whose patterns are now out of date.
func RefreshRollups(ctx context.Context, db *sqlx.DB) (map[[2]int64]bool, error) {
	var orgs []struct {
		ID      int64 `db:"id"`
		Network int64 `db:"network_id"`
	}
	if err := db.SelectContext(ctx, &orgs, `SELECT id, network_id FROM organisations ORDER BY id`); err != nil {
		return nil, err
	}
	changed := map[[2]int64]bool{}
	for _, o := range orgs {
		err := jobs.InOrganisation(ctx, db, o.ID, func(tx *sqlx.Tx) error {
			var dirty []struct {
				Source      string
				Year, Month int
			}
			if err := tx.SelectContext(ctx, &dirty, `DELETE FROM stats_dirty WHERE org_id = app_org_id()
				RETURNING source, year, month`); err != nil {
				return err
			}
			for _, d := range dirty {
				refresh := RefreshContactMonth
				if d.Source == "consultations" {
					refresh = RefreshConsultationMonth
				}
				if err := refresh(ctx, tx, d.Year, d.Month); err != nil {
					return err
				}
				changed[[2]int64{o.Network, int64(d.Year)}] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// networkScopes are every scope of a network: the network, each
// organisation, and each partner's residents.
func networkScopes(ctx context.Context, db *sqlx.DB, network int64) (scopes []Scope, partners []int64, err error) {
	var orgs []struct {
		ID   int64  `db:"id"`
		Kind string `db:"kind"`
	}
	if err := db.SelectContext(ctx, &orgs, `SELECT id, kind FROM organisations WHERE network_id = $1 ORDER BY id`, network); err != nil {
		return nil, nil, err
	}
	for _, o := range orgs {
		scopes = append(scopes, Scope{Kind: ScopeOrg, OrgID: o.ID})
		if o.Kind == "hub" {
			scopes = append(scopes, Scope{Kind: ScopeNetwork, OrgID: o.ID})
		} else {
			scopes = append(scopes, Scope{Kind: ScopeResidents, OrgID: o.ID})
			partners = append(partners, o.ID)
		}
	}
	return scopes, partners, nil
}

// RecomputeNetworkYear recomputes and stores every pattern of a network's
// year, each scope in its owner's organisation.
func RecomputeNetworkYear(ctx context.Context, db *sqlx.DB, network int64, year int) error {
	scopes, partners, err := networkScopes(ctx, db, network)
	if err != nil {
		return err
	}
	for _, s := range scopes {
		err := jobs.InOrganisation(ctx, db, s.OrgID, func(tx *sqlx.Tx) error {
			return recomputeScope(ctx, tx, s, scopePartners(s, partners), year)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// scopePartners are the partner municipalities a scope's tables name.
func scopePartners(s Scope, partners []int64) []int64 {
	for _, p := range partners {
		if p == s.OrgID {
			return []int64{p}
		}
	}
	return partners
}

func recomputeScope(ctx context.Context, tx *sqlx.Tx, s Scope, partners []int64, year int) error {
	tax, err := cases.LoadTaxonomy(ctx, tx)
	if err != nil {
		return err
	}
	k, err := K(ctx, tx, s.OrgID)
	if err != nil {
		return err
	}
	data, err := loadYear(ctx, tx, s, year)
	if err != nil {
		return err
	}
	if data.released, err = releasedCells(ctx, tx, s, year); err != nil {
		return err
	}
	data.untilMonth(year, time.Now())
	c, err := Compute(tax, partners, data, s, year, k)
	if err != nil {
		return err
	}
	for id, d := range c.Took {
		if d > 100*time.Millisecond {
			slog.Debug("slow statistics family", "scope", s.Kind, "family", id, "took", d.Round(time.Millisecond))
		}
	}
	return c.Store(ctx, tx)
}

package main

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// demoHistory is the statistics' history of each demo organisation: last
// year and this year until today, skewed like real data, so that reports
// suppress some cells and show most. Added once, by its own marker.
var demoHistory = map[string]int{
	"Joensuu":     9000,
	"Liperi":      600,
	"Kontiolahti": 900,
}

// demoResidence: where the hub's clients live, the partners included.
var demoResidence = []string{"167", "167", "167", "426", "276", "146", "309", "167", "unknown", "091", "167", "426"}

func seedDemoStatistics(ctx context.Context, service *sqlx.DB, now time.Time) error {
	for name, n := range demoHistory {
		org, err := demoOrgID(ctx, service, name)
		if err != nil {
			return err
		}
		err = cases.InScope(ctx, service, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
			var done bool
			// The history reaches last year; the demo's own cases do not.
			if err := tx.GetContext(ctx, &done, `SELECT EXISTS (SELECT 1 FROM contacts WHERE org_id = app_org_id()
				AND started_at < make_date($1, 1, 1))`, now.In(cases.Finland).Year()); err != nil || done {
				return err
			}
			tax, err := cases.LoadTaxonomy(ctx, tx)
			if err != nil {
				return err
			}
			this := now.In(cases.Finland)
			for i, year := range []int{this.Year() - 1, this.Year()} {
				seed := stats.Seed{Contacts: n, Year: year, UnknownShare: 0.25, Clients: n / 3, Seed: uint64(org*10 + int64(i))}
				if i == 1 {
					seed.Days = this.YearDay() - 1
					seed.Contacts = n * seed.Days / 365
				}
				if err := seed.Run(ctx, tx, tax, demoResidence); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

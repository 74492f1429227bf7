package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// benchStats seeds a network-year of skewed contacts on a throw-away
// database, builds the rollups and every pattern of the year, then times
// the network's year report from the stored patterns against the same
// breakdowns computed by plain SQL over the raw rows, in the same run.
func benchStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	contacts := fs.Int("contacts", 10_000_000, "contacts to seed for one year")
	rawRuns := fs.Int("raw-runs", 3, "how many times to time the plain-SQL report (the median is printed)")
	adminURL := fs.String("admin-url", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL superuser URL")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := newBenchDB(ctx, *adminURL)
	if err != nil {
		return fmt.Errorf("creating the benchmark database: %w", err)
	}
	defer d.drop()
	db, err := cases.Open(ctx, cases.DriverURL(d.serviceURL), 4)
	if err != nil {
		return err
	}
	defer db.Close()
	org, err := seedBenchOrg(ctx, d, db, 3, benchPolicy)
	if err != nil {
		return err
	}
	year := time.Now().In(cases.Finland).Year() - 1
	fmt.Fprintf(stdout, "Neuvo bench stats: %s, %d contacts in %d\n\n", time.Now().Format("2006-01-02"), *contacts, year)
	step := func(name string, fn func() error) (time.Duration, error) {
		start := time.Now()
		err := fn()
		took := time.Since(start)
		fmt.Fprintf(stdout, "%-44s %10s\n", name, took.Round(time.Millisecond))
		return took, err
	}
	if _, err := step("seed contacts", func() error { return seedStatsContacts(ctx, db, org.orgID, *contacts, year) }); err != nil {
		return err
	}
	if err := analyze(ctx, d.ownerURL); err != nil {
		return err
	}
	if _, err := step("rollups from raw rows (every month)", func() error { _, err := stats.RefreshRollups(ctx, db); return err }); err != nil {
		return err
	}
	var network int64
	if err := db.GetContext(ctx, &network, `SELECT network_id FROM organisations WHERE id = $1`, org.orgID); err != nil {
		return err
	}
	if _, err := step("recompute every pattern of the network-year", func() error {
		return stats.RecomputeNetworkYear(ctx, db, network, year)
	}); err != nil {
		return err
	}
	return benchStatsReport(ctx, db, org.orgID, year, max(1, *rawRuns), stdout)
}

// seedStatsContacts writes the contacts in batches, 80 % for the hub's
// advice point and the rest spread like the hub's residents.
func seedStatsContacts(ctx context.Context, db *sqlx.DB, org int64, total, year int) error {
	const batch = 500_000
	for done, i := 0, 0; done < total; i++ {
		n := min(batch, total-done)
		err := cases.InScope(ctx, db, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
			tax, err := cases.LoadTaxonomy(ctx, tx)
			if err != nil {
				return err
			}
			return stats.Seed{Contacts: n, Year: year, UnknownShare: 0.25, Clients: n / 5, Seed: uint64(i + 1)}.
				Run(ctx, tx, tax, []string{"167", "167", "167", "unknown", "426", "276", "091", "167"})
		})
		if err != nil {
			return err
		}
		done += n
	}
	return nil
}

// benchStatsReport times the year report from the patterns and the same
// breakdowns by plain SQL, and prints both and their ratio.
func benchStatsReport(ctx context.Context, db *sqlx.DB, org int64, year, rawRuns int, stdout io.Writer) error {
	req := stats.Request{Scope: stats.Scope{Kind: stats.ScopeNetwork, OrgID: org}, Lang: "fi",
		From: stats.Month{Year: year, Month: time.January}, To: stats.Month{Year: year, Month: time.December}}
	var tables int
	fromPatterns, err := medianOf(20, func() error {
		return cases.InScope(ctx, db, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
			rep, err := stats.Load(ctx, tx, req)
			if err == nil {
				tables = len(rep.Tables)
			}
			return err
		})
	})
	if err != nil {
		return err
	}
	raw, err := medianOf(rawRuns, func() error {
		return cases.InScope(ctx, db, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
			_, err := tx.ExecContext(ctx, stats.RawYearReportSQL, year)
			return err
		})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nyear report, every breakdown (%d tables), median:\n", tables)
	fmt.Fprintf(stdout, "  from stored patterns %10s   (target < 300 ms)\n", fromPatterns.Round(time.Microsecond))
	fmt.Fprintf(stdout, "  plain SQL, raw rows  %10s\n", raw.Round(time.Millisecond))
	fmt.Fprintf(stdout, "  ratio                %10.4f   (target <= 0.05)\n", float64(fromPatterns)/float64(raw))
	return nil
}

func medianOf(n int, fn func() error) (time.Duration, error) {
	var all []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		all = append(all, time.Since(start))
	}
	slices.Sort(all)
	return all[len(all)/2], nil
}

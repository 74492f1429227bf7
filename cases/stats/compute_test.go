package stats_test

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/stats"
)

// world is a network with seeded contacts whose rollups and patterns are
// computed.
type world struct {
	d   *dbtest.DB
	net dbtest.Network
}

func seededWorld(t *testing.T, contacts int) world {
	t.Helper()
	d := dbtest.New(t)
	net := d.NewNetwork(t, "Stats", "https://idp.test/stats")
	ctx := context.Background()
	for _, org := range []int64{net.HubID, net.PartnerID} {
		d.NewUser(t, org, "https://idp.test/stats", "adviser-"+time.Now().Format("150405.000000"), cases.RoleAdviser)
		d.InScope(t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
			if _, err := tx.Exec(`INSERT INTO advice_points (org_id, name, kind) VALUES (app_org_id(), 'Office', 'office'),
				(app_org_id(), 'Library desk', 'info_desk')`); err != nil {
				return err
			}
			tax, err := cases.LoadTaxonomy(ctx, tx)
			if err != nil {
				return err
			}
			n := contacts
			if org == net.PartnerID {
				n /= 5
			}
			return stats.Seed{Contacts: n, Year: 2026, UnknownShare: 0.2, Clients: n / 4, Seed: uint64(org)}.
				Run(ctx, tx, tax, []string{"167", "426", "167", "unknown", "276", "167"})
		})
	}
	return world{d: d, net: net}
}

func (w world) recompute(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	changed, err := stats.RefreshRollups(ctx, w.d.Service)
	if err != nil {
		t.Fatal(err)
	}
	for ny := range changed {
		if err := stats.RecomputeNetworkYear(ctx, w.d.Service, ny[0], int(ny[1])); err != nil {
			t.Fatal(err)
		}
	}
}

func TestEveryFamilyOfANetworkYearIsProtectedAndProven(t *testing.T) {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))
	w := seededWorld(t, 3000)
	start := time.Now()
	w.recompute(t)
	t.Logf("rollups and patterns in %v", time.Since(start))
	var rows []struct {
		Scope  string `db:"scope_kind"`
		Family string `db:"family"`
		Safe   bool   `db:"safe"`
		Audit  string `db:"audit"`
	}
	w.d.InScope(t, cases.Scope{OrgID: w.net.HubID}, func(tx *sqlx.Tx) error {
		return tx.Select(&rows, `SELECT scope_kind, family, safe, audit::text AS audit FROM stats_patterns WHERE year = 2026 ORDER BY 1, 2`)
	})
	if len(rows) < 20 {
		t.Fatalf("only %d patterns stored", len(rows))
	}
	// The network's year (3,600 contacts) is proven whole; the partner's
	// (600) may withhold a few sparse families it cannot prove, never many.
	withheld := 0
	for _, r := range rows {
		if !r.Safe {
			withheld++
			t.Logf("%s %s withheld: %s", r.Scope, r.Family, r.Audit)
			if r.Scope == "network" {
				t.Errorf("the network's %s is unsafe", r.Family)
			}
		}
	}
	if withheld > len(rows)/10 {
		t.Errorf("%d of %d patterns withheld", withheld, len(rows))
	}
}

package stats_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

func load(t *testing.T, w world, org int64, req stats.Request) (*stats.Report, error) {
	t.Helper()
	var rep *stats.Report
	var err error
	w.d.InScope(t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
		rep, err = stats.Load(context.Background(), tx, req)
		return nil
	})
	return rep, err
}

func year2026(s stats.Scope) stats.Request {
	return stats.Request{Scope: s, From: stats.Month{Year: 2026, Month: time.January}, To: stats.Month{Year: 2026, Month: time.December}, Lang: "en"}
}

func TestAReportShowsTheStoredPatternAndSuppressesSmallCells(t *testing.T) {
	w := seededWorld(t, 3000)
	w.recompute(t)
	rep, err := load(t, w, w.net.HubID, year2026(stats.Scope{Kind: stats.ScopeNetwork, OrgID: w.net.HubID}))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Withheld) > 0 {
		t.Fatalf("withheld: %v", rep.Withheld)
	}
	var shown, hidden int
	byID := map[string]stats.Table{}
	for _, tab := range rep.Tables {
		byID[tab.ID] = tab
		for _, row := range tab.Cells {
			for _, c := range row {
				if c.Kind != stats.Count {
					continue
				}
				if !c.Shown {
					hidden++
				} else if c.Value > 0 && c.Value < float64(rep.K) {
					t.Fatalf("%s shows a count of %v below k=%d", tab.ID, c.Value, rep.K)
				}
				shown++
			}
		}
	}
	month := year2026(stats.Scope{Kind: stats.ScopeNetwork, OrgID: w.net.HubID})
	month.To = month.From
	one, err := load(t, w, w.net.HubID, month)
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range one.Tables {
		for _, row := range tab.Cells {
			for _, c := range row {
				if c.Kind == stats.Count && !c.Shown {
					hidden++
				}
			}
		}
	}
	if hidden == 0 || shown < 2*hidden {
		t.Fatalf("%d cells shown and %d suppressed: the test data should give a few suppressions", shown, hidden)
	}
	months := byID["months"]
	total := months.Cells[len(months.Cells)-1][0]
	var want int // the running month counts once it has ended
	w.d.InScope(t, cases.Scope{OrgID: w.net.HubID}, func(tx *sqlx.Tx) error {
		return tx.Get(&want, `SELECT count(*) FROM contacts WHERE started_at < date_trunc('month', now() AT TIME ZONE 'Europe/Helsinki') AT TIME ZONE 'Europe/Helsinki'`)
	})
	var partner int
	w.d.InScope(t, cases.Scope{OrgID: w.net.PartnerID}, func(tx *sqlx.Tx) error {
		return tx.Get(&partner, `SELECT count(*) FROM contacts WHERE started_at < date_trunc('month', now() AT TIME ZONE 'Europe/Helsinki') AT TIME ZONE 'Europe/Helsinki'`)
	})
	if !total.Shown || int(total.Value) != want+partner || want+partner >= 3600 {
		t.Fatalf("the year's contacts = %+v, want %d of the hub and %d of the partner before this month", total, want, partner)
	}
	quarters := year2026(stats.Scope{Kind: stats.ScopeNetwork, OrgID: w.net.HubID})
	quarters.To = stats.Month{Year: 2026, Month: time.September}
	three, err := load(t, w, w.net.HubID, quarters)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, tab := range three.Tables {
		found = found || tab.ID == "age_band*gender"
	}
	if !found {
		t.Fatal("whole quarters have their cross-tables")
	}
}

func TestAPartnerSeesItsOwnAndItsResidentsFiguresOnly(t *testing.T) {
	w := seededWorld(t, 1000)
	w.recompute(t)
	if _, err := load(t, w, w.net.PartnerID, year2026(stats.Scope{Kind: stats.ScopeNetwork, OrgID: w.net.HubID})); !errors.Is(err, stats.ErrScope) {
		t.Fatalf("a partner asking for the network: %v, want ErrScope", err)
	}
	if _, err := load(t, w, w.net.PartnerID, year2026(stats.Scope{Kind: stats.ScopeOrg, OrgID: w.net.HubID})); !errors.Is(err, stats.ErrScope) {
		t.Fatalf("a partner asking for the hub: %v, want ErrScope", err)
	}
	rep, err := load(t, w, w.net.PartnerID, year2026(stats.Scope{Kind: stats.ScopeResidents, OrgID: w.net.PartnerID}))
	if err != nil {
		t.Fatal(err)
	}
	var months stats.Table
	for _, tab := range rep.Tables {
		if tab.ID == "months" {
			months = tab
		}
	}
	total := months.Cells[len(months.Cells)-1][0]
	var want int
	w.d.InScope(t, cases.Scope{OrgID: w.net.HubID}, func(tx *sqlx.Tx) error {
		return tx.Get(&want, `SELECT count(*) FROM contacts WHERE municipality = '426' AND deleted_at IS NULL`+beforeThisMonth)
	})
	var partners int
	w.d.InScope(t, cases.Scope{OrgID: w.net.PartnerID}, func(tx *sqlx.Tx) error {
		return tx.Get(&partners, `SELECT count(*) FROM contacts WHERE municipality = '426' AND deleted_at IS NULL`+beforeThisMonth)
	})
	if !total.Shown || int(total.Value) != want+partners {
		t.Fatalf("residents' contacts = %+v, want %d from the hub and %d of its own", total, want, partners)
	}
}

func TestRangesAreSumsOfPublishedPeriodsOnly(t *testing.T) {
	w := seededWorld(t, 3000)
	w.recompute(t)
	s := stats.Scope{Kind: stats.ScopeOrg, OrgID: w.net.HubID}
	full, err := load(t, w, w.net.HubID, year2026(s))
	if err != nil {
		t.Fatal(err)
	}
	req := year2026(s)
	req.From, req.To = stats.Month{Year: 2026, Month: time.February}, stats.Month{Year: 2026, Month: time.July}
	part, err := load(t, w, w.net.HubID, req)
	if err != nil {
		t.Fatal(err)
	}
	for ti, tab := range part.Tables {
		if tab.ID != full.Tables[ti].ID {
			continue
		}
		if tab.ID == "age_band*gender" {
			t.Fatal("a range of months that is not whole quarters has no cross-tables")
		}
	}
	if _, err := load(t, w, w.net.HubID, stats.Request{Scope: s, From: req.To, To: req.From, Lang: "en"}); !errors.Is(err, stats.ErrPeriod) {
		t.Fatalf("a backwards range: %v", err)
	}
}

const beforeThisMonth = ` AND started_at < date_trunc('month', now() AT TIME ZONE 'Europe/Helsinki') AT TIME ZONE 'Europe/Helsinki'`

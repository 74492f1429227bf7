package main

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/stats"
)

func TestDemoProjectCoversTheNetworkWithTargetsAndKeys(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	base, _ := url.Parse("http://127.0.0.1:1")
	idp, err := demoProvider("http://127.0.0.1:2", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seedDemoNetwork(ctx, d.Owner, d.Service, idp); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, time.December, 1, 12, 0, 0, 0, time.UTC)
	for range 2 { // seeding again adds nothing
		if err := seedDemoProjects(ctx, d.Service, now); err != nil {
			t.Fatal(err)
		}
	}
	hub, _ := demoOrgID(ctx, d.Service, "Joensuu")
	liperi, _ := demoOrgID(ctx, d.Service, "Liperi")
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		ps, err := stats.Projects(ctx, tx)
		if err != nil || len(ps) != 1 {
			t.Fatalf("projects %+v (%v)", ps, err)
		}
		p := ps[0]
		if p.Preset() != "from=2025-11&to=2027-10" || len(p.Members) != 5 {
			t.Errorf("project %+v", p)
		}
		targets, _ := stats.ProjectTargets(ctx, tx, p.ID)
		if len(targets) != 10 {
			t.Errorf("%d targets, want contacts and consultations overall and for each of 4 partners", len(targets))
		}
		keys, _ := stats.KeyFigures(ctx, tx)
		if len(keys) != 3 || len(keys[2026]) != 4 || keys[2025][liperi] != 390 {
			t.Errorf("key figures %v", keys)
		}
		if fte, _ := stats.FTE(ctx, tx, []int64{hub}, 2026); fte != 3.5 {
			t.Errorf("hub FTE %v in 2026", fte)
		}
		costs, _ := stats.ProjectCosts(ctx, tx, p)
		if len(costs) != 3 || costs[1].PartnersShare != 30 || costs[1].Budget.Float64 != 260000 {
			t.Errorf("costs %+v", costs)
		}
		return nil
	})
	d.InScope(t, cases.Scope{OrgID: liperi}, func(tx *sqlx.Tx) error {
		if ps, _ := stats.Projects(ctx, tx); len(ps) != 1 {
			t.Errorf("Liperi, a member, sees %d projects", len(ps))
		}
		return nil
	})
}

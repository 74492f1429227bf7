package cases_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

func TestNoOrganisationSeesNothing(t *testing.T) {
	d := dbtest.New(t)
	n := d.NewNetwork(t, "North", "https://idp.example/north")
	addPoint(t, d, n.HubID, "Desk")
	d.NewUser(t, n.HubID, "https://idp.example/north/hub", "anna", cases.RoleAdviser)

	for _, table := range []string{"advice_points", "users", "user_roles", "audit_events", "sessions", "login_transactions"} {
		var count int
		if err := d.Service.Get(&count, `SELECT count(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		if count != 0 {
			t.Errorf("%s: %d rows visible without an organisation, want 0", table, count)
		}
	}
}

func TestOrganisationCannotReadOrWriteAnother(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	n := d.NewNetwork(t, "North", "https://idp.example/north")
	pointB := addPoint(t, d, n.PartnerID, "Partner desk")

	d.InScope(t, cases.Scope{OrgID: n.HubID}, func(tx *sqlx.Tx) error {
		if _, err := cases.GetAdvicePoint(ctx, tx, pointB); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("reading B's advice point as A: %v, want ErrNotFound", err)
		}
		err := cases.UpdateAdvicePoint(ctx, tx, nil, pointB, cases.AdvicePointInput{Name: "Hijacked", Kind: "office", Active: true})
		if !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("updating B's advice point as A: %v, want ErrNotFound", err)
		}
		return nil
	})
	tx := d.Service.MustBegin()
	defer tx.Rollback()
	if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: n.HubID}); err != nil {
		t.Fatal(err)
	}
	_, err := tx.Exec(`INSERT INTO advice_points (org_id, name, kind) VALUES ($1, 'Planted', 'office')`, n.PartnerID)
	if err == nil {
		t.Fatal("inserting a row for organisation B as A succeeded")
	}
	tx.Rollback()

	d.InScope(t, cases.Scope{OrgID: n.PartnerID}, func(tx *sqlx.Tx) error {
		p, err := cases.GetAdvicePoint(ctx, tx, pointB)
		if err != nil || p.Name != "Partner desk" {
			t.Errorf("B's own advice point: %+v, %v", p, err)
		}
		return nil
	})
}

func TestScopeDoesNotLeakAcrossPooledConnection(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	n := d.NewNetwork(t, "North", "https://idp.example/north")
	addPoint(t, d, n.HubID, "Hub desk")
	addPoint(t, d, n.PartnerID, "Partner desk")
	d.Service.SetMaxOpenConns(1)

	names := func(s cases.Scope) []string {
		var out []string
		d.InScope(t, s, func(tx *sqlx.Tx) error {
			points, err := cases.AdvicePoints(ctx, tx)
			for _, p := range points {
				out = append(out, p.Name)
			}
			return err
		})
		return out
	}
	if got := names(cases.Scope{OrgID: n.HubID}); len(got) != 1 || got[0] != "Hub desk" {
		t.Fatalf("hub sees %v", got)
	}
	if got := names(cases.Scope{OrgID: n.PartnerID}); len(got) != 1 || got[0] != "Partner desk" {
		t.Fatalf("partner after hub on the same connection sees %v", got)
	}
	var count int
	if err := d.Service.Get(&count, `SELECT count(*) FROM advice_points`); err != nil || count != 0 {
		t.Fatalf("after both requests, outside a transaction: %d rows (%v), want 0", count, err)
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	d := dbtest.New(t)
	n := d.NewNetwork(t, "North", "https://idp.example/north")
	addPoint(t, d, n.HubID, "Desk")
	for _, stmt := range []string{`UPDATE audit_events SET action = 'x'`, `DELETE FROM audit_events`, `TRUNCATE audit_events`} {
		tx := d.Service.MustBegin()
		cases.SetScope(context.Background(), tx, cases.Scope{OrgID: n.HubID})
		if _, err := tx.Exec(stmt); err == nil {
			t.Errorf("service role: %s succeeded", stmt)
		}
		tx.Rollback()
		ownerTx := d.Owner.MustBegin()
		cases.SetScope(context.Background(), ownerTx, cases.Scope{OrgID: n.HubID})
		if _, err := ownerTx.Exec(stmt); err == nil {
			t.Errorf("owner: %s succeeded; the trigger should refuse it", stmt)
		}
		ownerTx.Rollback()
	}
	d.InScope(t, cases.Scope{OrgID: n.HubID}, func(tx *sqlx.Tx) error {
		events, err := cases.RecentAudit(context.Background(), tx, 10)
		if len(events) == 0 {
			t.Error("no audit events after creating an advice point")
		}
		return err
	})
}

func addPoint(t *testing.T, d *dbtest.DB, org int64, name string) int64 {
	t.Helper()
	var id int64
	d.InScope(t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) (err error) {
		id, err = cases.CreateAdvicePoint(context.Background(), tx, nil, cases.AdvicePointInput{Name: name, Kind: "office", Active: true})
		return err
	})
	return id
}

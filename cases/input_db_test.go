package cases_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// TestClosedAdvicePointIsRefusedByTheDatabase: the rule holds below the Go
// code too, for any statement the service role runs.
func TestClosedAdvicePointIsRefusedByTheDatabase(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	var kept int64
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		if kept, _, err = cases.CreateContact(ctx, tx, tax, nil, w.walkIn(tax), w.now); err != nil {
			t.Fatal(err)
		}
		err = cases.UpdateAdvicePoint(ctx, tx, nil, w.point, cases.AdvicePointInput{Name: "Desk", Kind: "office"})
		if err != nil {
			t.Fatal(err)
		}
	})
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		in := w.walkIn(tax)
		in.DurationMin = 33
		if err := cases.UpdateContact(ctx, tx, tax, cases.Roles{cases.RoleAdviser}, w.adviser, kept, in, w.now); err != nil {
			t.Fatalf("editing a contact that already was at the closed point: %v", err)
		}
		var stored int
		tx.Get(&stored, `SELECT duration_min FROM contacts WHERE id = $1 AND advice_point_id = $2`, kept, w.point)
		if stored != 33 {
			t.Fatalf("the edit stored duration %d at the closed point, want 33", stored)
		}
	})
	refused := func() *sqlx.Tx { // a refused statement ends its transaction
		tx := w.d.Service.MustBegin()
		t.Cleanup(func() { tx.Rollback() })
		cases.SetScope(ctx, tx, cases.Scope{OrgID: w.n.HubID, UserID: w.adviser})
		return tx
	}
	tx := refused()
	tax, _ := cases.LoadTaxonomy(ctx, tx)
	var v *cases.ValidationError
	if _, _, err := cases.CreateContact(ctx, tx, tax, nil, w.walkIn(tax), w.now); !errors.As(err, &v) ||
		v.For("advice_point") != "error.advice_point_inactive" {
		t.Fatalf("create at a closed point: %v", err)
	}
	_, err := refused().Exec(`INSERT INTO contacts (org_id, advice_point_id, adviser_id, started_at, duration_min, channel, kind,
		topics, idempotency_key) VALUES (app_org_id(), $1, app_user_id(), now(), 5, 'phone', 'advice', '{permits}', gen_random_uuid())`, w.point)
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Constraint != "contacts_advice_point_active" {
		t.Fatalf("a raw insert at a closed point: %v", err)
	}
}

func TestTextFromOutsideNeverReachesSQLUnchecked(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		if orgs, err := cases.OrganisationsWithIssuer(ctx, tx, "https://idp.example/\x00"); err != nil || len(orgs) != 0 {
			t.Errorf("a token's NUL issuer: %v %v", orgs, err)
		}
		if _, err := cases.UserByIdentity(ctx, tx, "https://idp.example/north/hub", "adviser\x00"); err != cases.ErrNotFound {
			t.Errorf("a token's NUL subject: %v", err)
		}
		if err := cases.UpdateTaxonomyItem(ctx, tx, nil, "topic", "permits\x00", cases.TaxonomyItemInput{
			LabelFI: "a", LabelSV: "b", LabelEN: "c"}); err != cases.ErrNotFound {
			t.Errorf("a NUL taxonomy code in a path: %v", err)
		}
		if _, err := cases.SaveImportMapping(ctx, tx, "Desk", cases.Mapping{Columns: map[string]string{"Päivä\x00": "date"}}); err == nil {
			t.Error("a mapping whose header has a NUL was saved")
		}
		// "$2 = 0" once typed the cursor as integer: a page past id 2^31 failed.
		if _, err := cases.ListClients(ctx, tx, "", "zzzzzz", 10); err != nil {
			t.Errorf("a client cursor past 2^31: %v", err)
		}
	})
	w.d.InScope(t, cases.Scope{OrgID: w.n.HubID}, func(tx *sqlx.Tx) error {
		u, err := cases.UserForLogin(ctx, tx, cases.LoginIdentity{Issuer: "https://idp.example/north/hub", Subject: "new-person",
			Name: "Nimi\x00 \xffSukunimi", Email: "a\x00@b.fi"})
		if err != nil || u.DisplayName != "Nimi Sukunimi" || u.Email != "a@b.fi" {
			t.Errorf("a provider's name with a NUL: %+v %v", u, err)
		}
		return nil
	})
}

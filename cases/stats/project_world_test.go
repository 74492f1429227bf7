package stats

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

// projectWorld is a network with a hub and two partners, and another
// network, on a fresh database.
type projectWorld struct {
	db                     *dbtest.DB
	super                  *sqlx.DB // superuser on the test database: reads what was stored, past RLS
	hub, partner, partner2 int64
	otherHub, otherPartner int64
	t                      *testing.T
}

func newProjectWorld(t *testing.T) *projectWorld {
	t.Helper()
	d := dbtest.New(t)
	n := d.NewNetwork(t, "North", "https://idp.test/north")
	o := d.NewNetwork(t, "South", "https://idp.test/south")
	w := &projectWorld{db: d, hub: n.HubID, partner: n.PartnerID, otherHub: o.HubID, otherPartner: o.PartnerID, t: t}
	u, err := url.Parse(dbtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + d.Name
	if w.super, err = sqlx.Open("postgres", u.String()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.super.Close() })
	w.as(w.hub, func(tx *sqlx.Tx) (err error) {
		w.partner2, err = cases.CreatePartner(context.Background(), tx, nil, cases.OrganisationInput{
			Name: "North partner 2", MunicipalityCode: "146", Issuer: "https://idp.test/north/partner2",
			ClientID: "neuvo", Active: true, ContactEditDays: 14})
		return err
	})
	return w
}

var adminRoles = cases.Roles{cases.RoleAdmin}

// as runs fn in the organisation's scope and fails the test on error.
func (w *projectWorld) as(orgID int64, fn func(tx *sqlx.Tx) error) {
	w.t.Helper()
	w.db.InScope(w.t, cases.Scope{OrgID: orgID}, fn)
}

// try runs fn in the organisation's scope and returns its error; the
// transaction is rolled back on error.
func (w *projectWorld) try(orgID int64, fn func(tx *sqlx.Tx, org cases.Organisation) error) error {
	return cases.InScope(context.Background(), w.db.Service, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
		org, err := cases.GetOrganisation(context.Background(), tx, orgID)
		if err != nil {
			return err
		}
		return fn(tx, org)
	})
}

// project creates a project in the hub's network with the given members.
func (w *projectWorld) project(name string, members ...int64) int64 {
	w.t.Helper()
	var id int64
	err := w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) (err error) {
		id, err = CreateProject(context.Background(), tx, adminRoles, org,
			ProjectInput{Name: name, Funder: "ELY", From: "2025-09", To: "2027-08", Members: members})
		return err
	})
	if err != nil {
		w.t.Fatalf("creating project %s: %v", name, err)
	}
	return id
}

// fieldKey is the translation key of a field's error, or "".
func fieldKey(err error, field string) string {
	var v *cases.ValidationError
	if errors.As(err, &v) {
		return v.For(field)
	}
	return ""
}

package dbtest

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// Network is a hub and one partner created for a test.
type Network struct {
	HubID     int64
	PartnerID int64
}

// NewNetwork creates a network with a hub and a partner whose issuers are
// issuerBase + "/hub" and issuerBase + "/partner".
func (d *DB) NewNetwork(t testing.TB, name, issuerBase string) Network {
	t.Helper()
	ctx := context.Background()
	hub, err := cases.CreateNetwork(ctx, d.Owner, name, cases.OrganisationInput{
		Name: name + " hub", MunicipalityCode: "167", Issuer: issuerBase + "/hub", ClientID: "neuvo", Active: true, ContactEditDays: 14,
	})
	if err != nil {
		t.Fatalf("creating network: %v", err)
	}
	var partner int64
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		partner, err = cases.CreatePartner(ctx, tx, nil, cases.OrganisationInput{
			Name: name + " partner", MunicipalityCode: "426", Issuer: issuerBase + "/partner", ClientID: "neuvo", Active: true, ContactEditDays: 14,
		})
		return err
	})
	return Network{HubID: hub, PartnerID: partner}
}

// InScope runs fn as the service role in one transaction for the scope and
// fails the test on error.
func (d *DB) InScope(t testing.TB, s cases.Scope, fn func(tx *sqlx.Tx) error) {
	t.Helper()
	if err := cases.InScope(context.Background(), d.Service, s, fn); err != nil {
		t.Fatalf("in scope %+v: %v", s, err)
	}
}

// NewUser adds a user with roles to an organisation and returns its id.
func (d *DB) NewUser(t testing.TB, orgID int64, issuer, subject string, roles ...cases.Role) int64 {
	t.Helper()
	var id int64
	d.InScope(t, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) (err error) {
		id, err = cases.PreRegisterUser(context.Background(), tx, nil, cases.LoginIdentity{
			Issuer: issuer, Subject: subject, Name: subject, Email: subject + "@example.test", SeedRoles: roles,
		})
		return err
	})
	return id
}

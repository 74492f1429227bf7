package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

// supportWorld is a network with a hub and two partners, and a second
// network with its own hub, each with the people a support request meets.
type supportWorld struct {
	d                            *dbtest.DB
	hub, partner, partner2, far  int64
	expert, expert2, coordinator cases.SupportActor
	worker, colleague, worker2   cases.SupportActor
	farExpert, admin             cases.SupportActor
}

func newSupportWorld(t *testing.T) *supportWorld {
	t.Helper()
	d := dbtest.New(t)
	n := d.NewNetwork(t, "North", "https://idp.example/north")
	far := d.NewNetwork(t, "South", "https://idp.example/south")
	w := &supportWorld{d: d, hub: n.HubID, partner: n.PartnerID, far: far.HubID}
	d.InScope(t, cases.Scope{OrgID: n.HubID}, func(tx *sqlx.Tx) (err error) {
		w.partner2, err = cases.CreatePartner(context.Background(), tx, nil, cases.OrganisationInput{Name: "North partner 2",
			MunicipalityCode: "276", Issuer: "https://idp.example/north/partner2", ClientID: "neuvo", Active: true, ContactEditDays: 14})
		return err
	})
	actor := func(org int64, issuer, subject, name string, roles ...cases.Role) cases.SupportActor {
		id := d.NewUser(t, org, issuer, subject, roles...)
		return cases.SupportActor{UserID: id, Name: name, OrgID: org, Roles: roles}
	}
	w.expert = actor(w.hub, "https://idp.example/north/hub", "expert", "Aino Expert", cases.RoleAdviser)
	w.expert2 = actor(w.hub, "https://idp.example/north/hub", "expert2", "Kalle Expert", cases.RoleAdviser)
	w.coordinator = actor(w.hub, "https://idp.example/north/hub", "coordinator", "Mikko Coordinator", cases.RoleManager)
	w.worker = actor(w.partner, "https://idp.example/north/partner", "worker", "Pia Worker", cases.RolePartnerWorker)
	w.colleague = actor(w.partner, "https://idp.example/north/partner", "colleague", "Petra Colleague", cases.RolePartnerWorker)
	w.worker2 = actor(w.partner2, "https://idp.example/north/partner2", "worker2", "Ville Worker", cases.RolePartnerWorker)
	w.admin = actor(w.hub, "https://idp.example/north/hub", "admin", "Anna Admin", cases.RoleAdmin)
	w.farExpert = actor(w.far, "https://idp.example/south/hub", "far-expert", "Olli Far", cases.RoleAdviser)
	return w
}

// as runs fn in the actor's scope and fails the test on error.
func (w *supportWorld) as(t *testing.T, who cases.SupportActor, fn func(tx *sqlx.Tx) error) {
	t.Helper()
	w.d.InScope(t, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}, fn)
}

// try runs fn in the actor's scope and returns its error; the transaction
// commits only when fn returns nil.
func (w *supportWorld) try(who cases.SupportActor, fn func(tx *sqlx.Tx) error) error {
	return cases.InScope(context.Background(), w.d.Service, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}, fn)
}

func (w *supportWorld) tools(t *testing.T, tx *sqlx.Tx) (*cases.Taxonomy, cases.Guard) {
	t.Helper()
	tax, err := cases.LoadTaxonomy(context.Background(), tx)
	if err != nil {
		t.Fatal(err)
	}
	guard, err := cases.LoadGuard(context.Background(), tx, tax)
	if err != nil {
		t.Fatal(err)
	}
	return tax, guard
}

// question is a request without identifiers.
func question(text string) cases.SupportInput {
	return cases.SupportInput{Sector: "social_work", Topics: []string{"permits"}, Urgency: cases.UrgencyThisWeek,
		AnswerChannel: "written", Question: text}
}

// file files a request as who at now.
func (w *supportWorld) file(t *testing.T, who cases.SupportActor, in cases.SupportInput, now time.Time) cases.SupportRequest {
	t.Helper()
	var r cases.SupportRequest
	w.as(t, who, func(tx *sqlx.Tx) (err error) {
		tax, guard := w.tools(t, tx)
		r, _, err = cases.FileSupportRequest(context.Background(), tx, tax, guard, who, in, now)
		return err
	})
	return r
}

// message adds a message as who at now.
func (w *supportWorld) message(t *testing.T, who cases.SupportActor, id int64, kind, body string, now time.Time) {
	t.Helper()
	w.as(t, who, func(tx *sqlx.Tx) error {
		_, guard := w.tools(t, tx)
		_, _, err := cases.AddSupportMessage(context.Background(), tx, guard, nil, who, id,
			cases.MessageInput{Kind: kind, Body: body}, now)
		return err
	})
}

// read reads a request as who.
func (w *supportWorld) read(t *testing.T, who cases.SupportActor, id int64) cases.SupportThread {
	t.Helper()
	var th cases.SupportThread
	w.as(t, who, func(tx *sqlx.Tx) (err error) {
		th, err = cases.OpenSupportRequest(context.Background(), tx, who, id)
		return err
	})
	return th
}

// count runs a count query as who.
func (w *supportWorld) count(t *testing.T, who cases.SupportActor, query string, args ...any) int {
	t.Helper()
	var n int
	w.as(t, who, func(tx *sqlx.Tx) error { return tx.Get(&n, query, args...) })
	return n
}

// helsinki makes a time in Finland.
func helsinki(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, cases.Finland)
}

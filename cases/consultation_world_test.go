package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

// consultWorld is a network with a hub, two partner municipalities and
// the people who book and hold consultations.
type consultWorld struct {
	d                  *dbtest.DB
	n                  dbtest.Network
	partner2           int64
	adviser, colleague cases.Staff
	manager            cases.Staff
	worker, workmate   cases.Staff // the partner's two workers
	outsider           cases.Staff // a worker of the second partner
	point              int64
	now                time.Time
}

func newConsultWorld(t *testing.T) *consultWorld {
	d := dbtest.New(t)
	w := &consultWorld{d: d, n: d.NewNetwork(t, "North", "https://idp.example/north"),
		now: time.Date(2026, 10, 19, 9, 0, 0, 0, cases.Finland)}
	d.InScope(t, cases.Scope{OrgID: w.n.HubID}, func(tx *sqlx.Tx) (err error) {
		w.partner2, err = cases.CreatePartner(context.Background(), tx, nil, cases.OrganisationInput{Name: "Kontiolahti",
			MunicipalityCode: "276", Issuer: "https://idp.example/north/p2", ClientID: "neuvo", Active: true, ContactEditDays: 14})
		return err
	})
	staff := func(org int64, hub bool, subject string, roles ...cases.Role) cases.Staff {
		id := d.NewUser(t, org, "https://idp.example/north/"+subject, subject, roles...)
		return cases.Staff{UserID: id, Name: "Name of " + subject, Email: subject + "@example.test", OrgID: org, Hub: hub, Roles: roles}
	}
	w.adviser = staff(w.n.HubID, true, "aino", cases.RoleAdviser)
	w.colleague = staff(w.n.HubID, true, "kalle", cases.RoleAdviser)
	w.manager = staff(w.n.HubID, true, "mikko", cases.RoleManager)
	w.worker = staff(w.n.PartnerID, false, "katja", cases.RolePartnerWorker)
	w.workmate = staff(w.n.PartnerID, false, "juha", cases.RolePartnerWorker)
	w.outsider = staff(w.partner2, false, "ville", cases.RolePartnerWorker)
	w.point = addPoint(t, d, w.n.HubID, "Etäneuvonta")
	return w
}

// as runs fn in one transaction as the staff member, with the taxonomy.
func (w *consultWorld) as(t *testing.T, who cases.Staff, fn func(tx *sqlx.Tx, tax *cases.Taxonomy)) {
	t.Helper()
	w.d.InScope(t, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(context.Background(), tx)
		if err != nil {
			return err
		}
		fn(tx, tax)
		return nil
	})
}

// publish makes the adviser's one-off slot at a time after w.now.
func (w *consultWorld) publish(t *testing.T, who cases.Staff, after time.Duration, minutes int) cases.Slot {
	t.Helper()
	var slot cases.Slot
	w.as(t, who, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		slots, _, err := cases.PublishSlots(context.Background(), tx, tax, who, cases.SlotInput{
			StartsAt: w.now.Add(after), DurationMin: minutes, ServiceLanguages: []string{"fi", "en"}}, w.now)
		if err != nil {
			t.Fatalf("publishing: %v", err)
		}
		slot = slots[0]
	})
	return slot
}

// booking is a partner worker's booking of a slot with an interpreter.
func booking(slot int64) cases.BookingInput {
	return cases.BookingInput{SlotID: slot, Meeting: cases.Meeting{ServiceLanguage: "en", InterpreterKind: "phone",
		InterpreterLanguage: "ar", InterpreterRef: "TULKKI-7731", Topics: []string{"permits", "employment"},
		MeetingLink: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0"},
		Note: "Resident prefers mornings"}
}

// book books as the staff member and fails the test on an error.
func (w *consultWorld) book(t *testing.T, who cases.Staff, in cases.BookingInput) cases.Consultation {
	t.Helper()
	var c cases.Consultation
	w.as(t, who, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		if c, _, err = cases.Book(context.Background(), tx, nil, tax, who, in, w.now); err != nil {
			t.Fatalf("booking as %s: %v", who.Name, err)
		}
	})
	return c
}

// count runs a counting query as the service role in an organisation's
// scope, as that organisation's requests would.
func (w *consultWorld) count(t *testing.T, org int64, query string, args ...any) int {
	t.Helper()
	var n int
	w.d.InScope(t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error { return tx.Get(&n, query, args...) })
	return n
}

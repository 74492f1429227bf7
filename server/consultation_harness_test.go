package server

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// staffOf is a harness user as the consultation rules see them.
func (h *harness) staffOf(slug, subject string, roles ...cases.Role) cases.Staff {
	return cases.Staff{UserID: h.users[subject], Name: subject, Email: subject + "@example.test", OrgID: h.orgs[slug],
		Hub: slug == "hub" || slug == "other", Roles: roles}
}

// asStaff runs fn in one transaction as the staff member, with the taxonomy.
func (h *harness) asStaff(who cases.Staff, fn func(tx *sqlx.Tx, tax *cases.Taxonomy) error) {
	h.t.Helper()
	h.db.InScope(h.t, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(context.Background(), tx)
		if err != nil {
			return err
		}
		return fn(tx, tax)
	})
}

// publishSlot publishes a one-off slot of the hub's adviser, in Finnish
// time days from now at the hour.
func (h *harness) publishSlot(days, hour int) cases.Slot {
	h.t.Helper()
	adviser := h.staffOf("hub", "hub-adviser", cases.RoleAdviser)
	day := time.Now().In(cases.Finland).AddDate(0, 0, days)
	var slot cases.Slot
	h.asStaff(adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) error {
		slots, _, err := cases.PublishSlots(context.Background(), tx, tax, adviser, cases.SlotInput{
			StartsAt:    time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, cases.Finland),
			DurationMin: 45, ServiceLanguages: []string{"fi", "en"}, Topics: []string{"employment"}}, time.Now())
		if err == nil {
			slot = slots[0]
		}
		return err
	})
	return slot
}

// bookSlot books a slot as the partner's worker, with an interpreter and
// a meeting link.
func (h *harness) bookSlot(slot cases.Slot) cases.Consultation {
	h.t.Helper()
	worker := h.staffOf("partner", "partner-worker", cases.RolePartnerWorker)
	worker.Name, worker.Email = "Pia Partner", "pia@partner.test"
	var c cases.Consultation
	h.asStaff(worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) (err error) {
		c, _, err = cases.Book(context.Background(), tx, nil, tax, worker, cases.BookingInput{SlotID: slot.ID,
			Meeting: cases.Meeting{ServiceLanguage: "en", InterpreterKind: "video", InterpreterLanguage: "ar",
				InterpreterRef: "TULKKI-42", Topics: []string{"permits"}, MeetingLink: "https://meet.example/room-42"},
			Note: "Bring the Migri letter"}, time.Now())
		return err
	})
	return c
}

// addPartner2 adds a second partner municipality to the hub's network,
// with no users: its consultations are nobody else's business.
func (h *harness) addPartner2() int64 {
	h.t.Helper()
	if id, ok := h.orgs["partner2"]; ok {
		return id
	}
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) (err error) {
		h.orgs["partner2"], err = cases.CreatePartner(context.Background(), tx, nil, cases.OrganisationInput{
			Name: "Org partner2", MunicipalityCode: "276", Active: true, ContactEditDays: 14})
		return err
	})
	return h.orgs["partner2"]
}

// foreignConsultation is the hub's consultation for the second partner,
// booked by the hub's adviser: the first partner is not involved.
func (h *harness) foreignConsultation() cases.Consultation {
	h.t.Helper()
	partner2 := h.addPartner2()
	adviser := h.staffOf("hub", "hub-adviser", cases.RoleAdviser)
	var c cases.Consultation
	h.asStaff(adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) (err error) {
		c, _, err = cases.Book(context.Background(), tx, nil, tax, adviser, cases.BookingInput{PartnerOrgID: partner2,
			StartsAt: time.Now().Add(49 * time.Hour).Truncate(time.Hour), DurationMin: 30,
			Meeting: cases.Meeting{ServiceLanguage: "fi", Topics: []string{"housing"}}}, time.Now())
		return err
	})
	return c
}

// idOf is a record's id for a path.
func idOf(t *testing.T, id int64) string {
	t.Helper()
	if id == 0 {
		t.Fatal("no record")
	}
	return idString(id)
}

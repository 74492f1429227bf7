package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func TestTheHeldDraftTakesWhatTheConsultationSuppliesAndLeavesTheRestUnknown(t *testing.T) {
	w := newConsultWorld(t)
	slot := w.publish(t, w.adviser, time.Hour, 45)
	c := w.book(t, w.worker, booking(slot.ID))
	later := w.now.Add(2 * time.Hour)
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		draft, seen, client, err := cases.ConsultationDraft(context.Background(), tx, w.adviser, c.ID, later)
		if err != nil || seen.ID != c.ID || client != nil {
			t.Fatalf("draft: %v", err)
		}
		if draft.Channel != "video" || draft.Kind != "remote_consultation" || draft.Municipality != "426" ||
			strings.Join(draft.ServiceLanguages, ",") != "en" || draft.Interpreter != "phone" || draft.ClientLanguage != "ar" ||
			strings.Join(draft.Topics, ",") != "permits,employment" || !draft.StartedAt.Equal(slot.StartsAt) ||
			draft.DurationMin != 45 || draft.AdvicePointID != w.point || draft.ClientID != 0 {
			t.Errorf("draft %+v", draft)
		}
		for _, value := range []string{draft.AgeBand, draft.Gender, draft.Citizenship, draft.ResidenceBasis,
			draft.TimeInFinland, draft.LabourMarket, draft.Outcome} {
			if value != cases.Unknown {
				t.Errorf("a field the consultation does not supply starts as %q, want unknown: %+v", value, draft.Profile)
			}
		}
	})
}

func TestHoldingRecordsTheContactAndMarksTheConsultationHeldOnce(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	var client cases.Client
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		client, _, err = cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{Profile: cases.Profile{AgeBand: "30_54", Gender: "woman"}}, w.now)
		if err != nil {
			t.Fatal(err)
		}
	})
	in := booking(w.publish(t, w.adviser, time.Hour, 45).ID)
	in.PartnerOrgID, in.ClientID = w.n.PartnerID, client.ID
	c := w.book(t, w.adviser, in)
	later := w.now.Add(2 * time.Hour)
	var contactID int64
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		draft, _, found, err := cases.ConsultationDraft(ctx, tx, w.adviser, c.ID, later)
		if err != nil || found == nil || draft.ClientID != client.ID || draft.AgeBand != "30_54" || draft.Gender != "woman" ||
			draft.Citizenship != cases.Unknown {
			t.Fatalf("draft for the client: %+v, %v", draft, err)
		}
		draft.ClientID = 0 // whatever the form says, the contact is the consultation's client's
		draft.Outcome = "resolved"
		var created bool
		contactID, created, err = cases.HoldConsultation(ctx, tx, tax, w.adviser, c.ID, draft, later)
		if err != nil || !created {
			t.Fatalf("holding: %v", err)
		}
		again, created, err := cases.HoldConsultation(ctx, tx, tax, w.adviser, c.ID, draft, later)
		if err != nil || created || again != contactID {
			t.Errorf("resubmitting the same form: %d %v %v", again, created, err)
		}
		other := draft
		other.IdempotencyKey = cases.NewIdempotencyKey()
		var v *cases.ValidationError
		if _, _, err := cases.HoldConsultation(ctx, tx, tax, w.adviser, c.ID, other, later); !errors.Is(err, cases.ErrConflict) ||
			!errors.As(err, &v) || v.For("status") != "error.consultation_held" {
			t.Errorf("holding twice: %v", err)
		}
	})
	var stored struct {
		Channel, Kind, Municipality, Interpreter, ClientLanguage, Outcome string
		ClientID                                                          int64 `db:"client_id"`
		Status                                                            string
		Held                                                              int64 `db:"held_contact_id"`
	}
	w.d.InScope(t, cases.Scope{OrgID: w.n.HubID}, func(tx *sqlx.Tx) error {
		return tx.Get(&stored, `SELECT k.channel, k.kind, k.municipality, k.interpreter, k.client_language AS clientlanguage,
			k.outcome, k.client_id, c.status, cc.held_contact_id FROM consultations c
			JOIN consultation_clients cc ON cc.consultation_id = c.id JOIN contacts k ON k.id = cc.held_contact_id
			WHERE c.id = $1`, c.ID)
	})
	if stored.Channel != "video" || stored.Kind != "remote_consultation" || stored.Municipality != "426" ||
		stored.Interpreter != "phone" || stored.ClientLanguage != "ar" || stored.Outcome != "resolved" ||
		stored.ClientID != client.ID || stored.Status != "held" || stored.Held != contactID {
		t.Fatalf("stored %+v", stored)
	}
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM contacts`); n != 1 {
		t.Fatalf("%d contacts recorded, want one", n)
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if last, err := cases.LastContactDefaults(ctx, tx); err != nil || last.Channel != "" {
			t.Errorf("the next quick entry carries over %+v (%v) from the held consultation", last, err)
		}
	})
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		seen, err := cases.GetConsultation(ctx, tx, w.worker, c.ID)
		if err != nil || seen.Status != "held" || seen.HeldContactID != nil {
			t.Errorf("the partner sees %+v (%v)", seen, err)
		}
	})
}

func TestAnInvalidHeldContactChangesNothing(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	c := w.book(t, w.worker, booking(w.publish(t, w.adviser, time.Hour, 45).ID))
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		draft, _, _, err := cases.ConsultationDraft(ctx, tx, w.adviser, c.ID, w.now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		draft.Topics = nil
		var v *cases.ValidationError
		if _, _, err := cases.HoldConsultation(ctx, tx, tax, w.adviser, c.ID, draft, w.now.Add(time.Hour)); !errors.As(err, &v) ||
			v.For("topics") != "error.topic_required" {
			t.Errorf("holding with no topic: %v", err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations WHERE status = 'booked'`); n != 1 {
		t.Fatal("an invalid contact marked the consultation held")
	}
	w.as(t, w.worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		if _, _, err := cases.HoldConsultation(ctx, tx, tax, w.worker, c.ID, cases.ContactInput{}, w.now); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("a partner held a consultation: %v", err)
		}
	})
}

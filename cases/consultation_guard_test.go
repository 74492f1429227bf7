package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/idguard"
)

// guardOf is the guard's verdict on one field of a refused save.
func guardOf(t *testing.T, err error, field string) *cases.GuardedText {
	t.Helper()
	var g *cases.GuardError
	if !errors.As(err, &g) || g.For(field) == nil {
		t.Fatalf("the guard did not stop %s: %v", field, err)
	}
	return g.For(field)
}

// TestConsultationTextsThatCrossOrganisationsPassTheIdentityGuard books,
// cancels and relinks with identifiers in every text the other
// organisation reads (review M1): an identity code is refused even when
// confirmed; names and contact details are refused until confirmed, then
// stored as typed; ordinary texts and real meeting links pass.
func TestConsultationTextsThatCrossOrganisationsPassTheIdentityGuard(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	bookAs := func(who cases.Staff, in cases.BookingInput) (c cases.Consultation, err error) {
		w.as(t, who, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
			c, _, err = cases.Book(ctx, tx, nil, tax, who, in, w.now)
		})
		return c, err
	}
	slot := w.publish(t, w.adviser, 24*time.Hour, 45)

	in := booking(slot.ID)
	in.Note, in.ConfirmFindings = "Asiakkaan hetu on 131052-308T", true
	_, err := bookAs(w.worker, in)
	if f := guardOf(t, err, "note"); f.Findings[0].Kind != idguard.IdentityCode || f.Findings[0].Severity != idguard.Block {
		t.Fatalf("the identity code: %+v", f)
	}
	var v *cases.ValidationError
	if !errors.As(err, &v) || v.For("note") != "error.identity_code" {
		t.Fatalf("the note's message: %v", err)
	}

	in = booking(slot.ID)
	in.Note = "Soita asukkaalle 040 123 4567 ennen tapaamista"
	in.InterpreterRef = "Tulkki Fatima Hassan"
	in.MeetingLink = "https://meet.example/join?guest=matti.virtanen%40gmail.com"
	_, err = bookAs(w.worker, in)
	for field, kind := range map[string]idguard.Kind{"note": idguard.Phone, "interpreter_ref": idguard.PossibleName,
		"meeting_link": idguard.Email} {
		f := guardOf(t, err, field)
		if f.Findings[0].Kind != kind || f.Findings[0].Severity != idguard.Warn || !errors.As(err, &v) ||
			v.For(field) != "error.check_identifiers" {
			t.Errorf("%s: %+v (%v)", field, f.Findings, err)
		}
	}
	// The link's finding is placed on the link as typed, escapes and all.
	if f := guardOf(t, err, "meeting_link").Findings[0]; f.Text != "matti.virtanen%40gmail.com" ||
		in.MeetingLink[f.Start:f.End] != f.Text || f.RuneStart != f.Start {
		t.Errorf("the link's finding: %+v", f)
	}
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations`); n != 0 {
		t.Fatalf("%d consultations stored by refused bookings", n)
	}
	in.ConfirmFindings = true
	c, err := bookAs(w.worker, in)
	if err != nil || c.Note != in.Note || c.InterpreterRef != in.InterpreterRef || c.MeetingLink != in.MeetingLink {
		t.Fatalf("the confirmed booking: %+v (%v)", c, err)
	}

	// The hub's texts go to the partner: the same guard.
	for link, blocked := range map[string]bool{"https://meet.example/131052-308T": true, "https://whereby.com/Fatima-Hassan": false} {
		w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
			_, err := cases.SetMeetingLink(ctx, tx, nil, w.adviser, c.ID, cases.LinkChange{Link: link})
			if f := guardOf(t, err, "meeting_link"); (f.Findings[0].Severity == idguard.Block) != blocked {
				t.Errorf("%s: %+v", link, f.Findings)
			}
			_, err = cases.SetMeetingLink(ctx, tx, nil, w.adviser, c.ID, cases.LinkChange{Link: link, ConfirmFindings: true})
			if (err != nil) != blocked {
				t.Errorf("%s confirmed: %v", link, err)
			}
		})
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		_, err := cases.CancelConsultation(ctx, tx, nil, w.adviser, c.ID, cases.Cancellation{Reason: "Fatima Hassan sairastui"}, w.now)
		if guardOf(t, err, "reason").Findings[0].Kind != idguard.PossibleName {
			t.Errorf("the reason: %v", err)
		}
		_, err = cases.CancelConsultation(ctx, tx, nil, w.adviser, c.ID,
			cases.Cancellation{Reason: "hetu 131052-308T", ConfirmFindings: true}, w.now)
		if guardOf(t, err, "reason").Findings[0].Kind != idguard.IdentityCode {
			t.Errorf("the reason's identity code: %v", err)
		}
		got, err := cases.CancelConsultation(ctx, tx, nil, w.adviser, c.ID,
			cases.Cancellation{Reason: "Fatima Hassan sairastui", ConfirmFindings: true}, w.now)
		if err != nil || got.Status != cases.StatusCancelled || got.StatusReason != "Fatima Hassan sairastui" {
			t.Errorf("the confirmed cancellation: %+v (%v)", got, err)
		}
	})
	stored := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations WHERE meeting_link = 'https://whereby.com/Fatima-Hassan'
		AND status = 'cancelled'`)
	if stored != 1 {
		t.Fatal("the confirmed link and cancellation were not stored")
	}

	// Ordinary texts and real links pass without a question.
	in = booking(w.publish(t, w.adviser, 48*time.Hour, 45).ID)
	in.Note = "Oleskelulupapäätös on asukkaalla mukana. Asukas osallistuu sosiaalitoimiston tiloista."
	in.MeetingLink = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ1ZTg4YjQtYzY2Ni00Y2E4LWI0MjYtZTg0ZDY5ZWQ4ZjYx" +
		"%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22a1b2%22%7d"
	if _, err := bookAs(w.worker, in); err != nil {
		t.Fatalf("an ordinary booking: %v", err)
	}
}

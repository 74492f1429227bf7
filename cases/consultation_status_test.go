package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func TestCancellingNeedsAReasonFreesTheSlotAndKeepsWhoDidIt(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	slot := w.publish(t, w.adviser, 24*time.Hour, 45)
	c := w.book(t, w.worker, booking(slot.ID))
	w.as(t, w.outsider, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.outsider, c.ID, cases.Cancellation{Reason: "not mine"}, w.now); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("another municipality cancelled: %v", err)
		}
	})
	w.as(t, w.manager, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.manager, c.ID, cases.Cancellation{Reason: "manager"}, w.now); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("the hub's manager cancelled: %v", err)
		}
	})
	w.as(t, w.workmate, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		var v *cases.ValidationError
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.workmate, c.ID, cases.Cancellation{Reason: "  "}, w.now); !errors.As(err, &v) || v.For("reason") != "error.reason_required" {
			t.Errorf("cancelling without a reason: %v", err)
		}
		got, err := cases.CancelConsultation(ctx, tx, nil, w.workmate, c.ID, cases.Cancellation{Reason: "The resident moved away"}, w.now)
		if err != nil || got.Status != cases.StatusCancelled || got.StatusReason != "The resident moved away" ||
			got.StatusByName != w.workmate.Name || got.StatusByOrg != "North partner" {
			t.Errorf("cancelled: %+v, %v", got, err)
		}
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.workmate, c.ID, cases.Cancellation{Reason: "again"}, w.now); !errors.Is(err, cases.ErrConflict) {
			t.Errorf("cancelling twice: %v", err)
		}
	})
	again := w.book(t, w.outsider, booking(slot.ID)) // the slot is free again
	if again.PartnerOrgID != w.partner2 {
		t.Fatalf("rebooking the freed slot: %+v", again)
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		history, err := cases.ConsultationHistory(ctx, tx, w.adviser, c.ID)
		if err != nil || len(history) != 2 || history[1].Kind != "cancelled" || history[1].Reason != "The resident moved away" ||
			history[1].ByName != w.workmate.Name || history[1].ByOrg != "North partner" {
			t.Errorf("history: %+v, %v", history, err)
		}
	})
}

func TestReschedulingGrowsTheSequenceAndKeepsTheOldTime(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	first := w.publish(t, w.adviser, 24*time.Hour, 45)
	second := w.publish(t, w.colleague, 48*time.Hour, 60)
	c := w.book(t, w.worker, booking(first.ID))
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		var v *cases.ValidationError
		_, err := cases.RescheduleConsultation(ctx, tx, nil, w.worker, c.ID, cases.Reschedule{StartsAt: w.now.Add(50 * time.Hour), DurationMin: 30}, w.now)
		if !errors.As(err, &v) || v.For("slot") != "error.slot_required" {
			t.Errorf("a partner moving to an ad-hoc time: %v", err)
		}
		moved, err := cases.RescheduleConsultation(ctx, tx, nil, w.worker, c.ID, cases.Reschedule{SlotID: second.ID}, w.now)
		if err != nil || moved.Sequence != 1 || !moved.StartsAt.Equal(second.StartsAt) || moved.AdviserID != w.colleague.UserID ||
			moved.DurationMin() != 60 || moved.Status != cases.StatusBooked {
			t.Errorf("moved to the colleague's slot: %+v, %v", moved, err)
		}
	})
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		moved, err := cases.RescheduleConsultation(ctx, tx, nil, w.adviser, c.ID,
			cases.Reschedule{StartsAt: w.now.Add(80 * time.Hour), DurationMin: 30}, w.now)
		if err != nil || moved.Sequence != 2 || moved.SlotID != nil || moved.DurationMin() != 30 {
			t.Errorf("moved to an ad-hoc time: %+v, %v", moved, err)
		}
		history, _ := cases.ConsultationHistory(ctx, tx, w.adviser, c.ID)
		if len(history) != 3 || history[1].Kind != "rescheduled" || !history[1].OldStartsAt.Equal(first.StartsAt) ||
			!history[1].NewStartsAt.Equal(second.StartsAt) || !history[2].OldStartsAt.Equal(second.StartsAt) {
			t.Errorf("history: %+v", history)
		}
	})
	free := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_slots WHERE id IN ($1, $2) AND NOT booked`, first.ID, second.ID)
	if free != 2 {
		t.Fatalf("%d of the two left slots are free again", free)
	}
}

func TestNoShowOnlyOnceStartedAndAHeldOneCannotBeCancelled(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	c := w.book(t, w.worker, booking(w.publish(t, w.adviser, time.Hour, 30).ID))
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		var v *cases.ValidationError
		if _, err := cases.MarkNoShow(ctx, tx, w.adviser, c.ID, w.now); !errors.As(err, &v) || v.For("status") != "error.not_started" {
			t.Errorf("no-show before the start: %v", err)
		}
		got, err := cases.MarkNoShow(ctx, tx, w.adviser, c.ID, w.now.Add(2*time.Hour))
		if err != nil || got.Status != cases.StatusNoShow {
			t.Errorf("no-show: %+v, %v", got, err)
		}
	})
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.MarkNoShow(ctx, tx, w.worker, c.ID, w.now.Add(2*time.Hour)); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("a partner marked a no-show: %v", err)
		}
	})
	held := w.book(t, w.worker, booking(w.publish(t, w.adviser, 3*time.Hour, 30).ID))
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		draft, _, _, err := cases.ConsultationDraft(ctx, tx, w.adviser, held.ID, w.now.Add(4*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := cases.HoldConsultation(ctx, tx, tax, w.adviser, held.ID, draft, w.now.Add(4*time.Hour)); err != nil {
			t.Fatal(err)
		}
		var v *cases.ValidationError
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.adviser, held.ID, cases.Cancellation{Reason: "too late"}, w.now); !errors.Is(err, cases.ErrConflict) ||
			!errors.As(err, &v) || v.For("status") != "error.consultation_held" {
			t.Errorf("cancelling a held consultation: %v", err)
		}
		if _, err := cases.SetMeetingLink(ctx, tx, nil, w.adviser, held.ID, cases.LinkChange{Link: "https://meet.example/new"}); !errors.Is(err, cases.ErrConflict) {
			t.Errorf("changing the link of a held consultation: %v", err)
		}
	})
}

func TestSettingTheLinkIsValidatedAndGrowsTheSequence(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	in := booking(w.publish(t, w.adviser, 24*time.Hour, 30).ID)
	in.MeetingLink = ""
	c := w.book(t, w.worker, in)
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		var v *cases.ValidationError
		if _, err := cases.SetMeetingLink(ctx, tx, nil, w.adviser, c.ID, cases.LinkChange{Link: "ftp://meet.example"}); !errors.As(err, &v) || v.For("meeting_link") != "error.meeting_link" {
			t.Errorf("an ftp link: %v", err)
		}
		got, err := cases.SetMeetingLink(ctx, tx, nil, w.adviser, c.ID, cases.LinkChange{Link: " https://meet.example/room-7 "})
		if err != nil || got.MeetingLink != "https://meet.example/room-7" || got.Sequence != 1 {
			t.Errorf("link set: %+v, %v", got, err)
		}
	})
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.SetMeetingLink(ctx, tx, nil, w.worker, c.ID, cases.LinkChange{Link: "https://evil.example"}); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("a partner set the link: %v", err)
		}
		seen, _ := cases.GetConsultation(ctx, tx, w.worker, c.ID)
		if seen.MeetingLink != "https://meet.example/room-7" {
			t.Errorf("the partner contact sees link %q", seen.MeetingLink)
		}
	})
}

// TestHoldingWaitsForTheStartAndPartnersCancelOnlyBeforeIt: an adviser
// marks a consultation held from HoldMargin before its start, never weeks
// ahead; a partner worker cancels only before the start, the hub also
// after it (review low 2). Both refusals name the status field.
func TestHoldingWaitsForTheStartAndPartnersCancelOnlyBeforeIt(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	c := w.book(t, w.worker, booking(w.publish(t, w.adviser, 21*24*time.Hour, 45).ID))
	var v *cases.ValidationError
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		if c.ActionsFor(w.adviser, w.now).Hold {
			t.Error("three weeks ahead the page offers to hold it")
		}
		if _, _, _, err := cases.ConsultationDraft(ctx, tx, w.adviser, c.ID, w.now); !errors.As(err, &v) ||
			v.For("status") != "error.hold_too_early" {
			t.Errorf("the draft three weeks ahead: %v", err)
		}
		early := c.StartsAt.Add(-cases.HoldMargin - time.Minute)
		if _, _, err := cases.HoldConsultation(ctx, tx, tax, w.adviser, c.ID, cases.ContactInput{}, early); !errors.As(err, &v) ||
			v.For("status") != "error.hold_too_early" {
			t.Errorf("holding just before the margin: %v", err)
		}
		if !c.ActionsFor(w.adviser, c.StartsAt.Add(-cases.HoldMargin)).Hold {
			t.Error("the margin before the start does not offer to hold it")
		}
	})
	started := c.StartsAt.Add(time.Minute)
	if c.ActionsFor(w.worker, started).Cancel || !c.ActionsFor(w.worker, c.StartsAt.Add(-time.Minute)).Cancel {
		t.Error("the partner's cancel button does not follow the start")
	}
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.worker, c.ID, cases.Cancellation{Reason: "Asukas sairastui"}, started); !errors.As(err, &v) ||
			v.For("status") != "error.cancel_started" {
			t.Errorf("the partner cancelled after the start: %v", err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations WHERE status = 'booked'`); n != 1 {
		t.Fatal("a refused change was stored")
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.adviser, c.ID, cases.Cancellation{Reason: "Tulkki ei päässyt"}, started); err != nil {
			t.Errorf("the hub cancels after the start: %v", err)
		}
	})
}

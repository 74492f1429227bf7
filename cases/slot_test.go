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

func TestWeeklySlotsKeepTheirTimeAcrossDaylightSavingAndReplay(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	first := time.Date(2026, 10, 20, 10, 0, 0, 0, cases.Finland) // summer time ends on 25 October
	in := cases.SlotInput{IdempotencyKey: cases.NewIdempotencyKey(), StartsAt: first, DurationMin: 45, Weekly: true,
		Until: time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC), ServiceLanguages: []string{"fi", "ar"}, Topics: []string{"employment"}}
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		slots, created, err := cases.PublishSlots(ctx, tx, tax, w.adviser, in, w.now)
		if err != nil || !created || len(slots) != 4 {
			t.Fatalf("weekly publication: %d slots, created %v, %v", len(slots), created, err)
		}
		for i, s := range slots {
			local := s.StartsAt.In(cases.Finland)
			if local.Hour() != 10 || local.Minute() != 0 || local.Weekday() != time.Tuesday || s.DurationMin() != 45 {
				t.Errorf("occurrence %d at %s for %d min", i, local, s.DurationMin())
			}
			if s.SeriesID != in.IdempotencyKey || s.Booked || s.AdviserID != w.adviser.UserID {
				t.Errorf("occurrence %d: %+v", i, s)
			}
		}
		again, created, err := cases.PublishSlots(ctx, tx, tax, w.adviser, in, w.now)
		if err != nil || created || len(again) != 4 || again[0].ID != slots[0].ID {
			t.Fatalf("replay: %d slots, created %v, %v", len(again), created, err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_slots`); n != 4 {
		t.Fatalf("%d slots stored after a replay, want 4", n)
	}
}

func TestAWeeklySlotSkipsHolidays(t *testing.T) {
	w := newConsultWorld(t)
	w.now = time.Date(2026, 12, 1, 9, 0, 0, 0, cases.Finland)
	in := cases.SlotInput{StartsAt: time.Date(2026, 12, 10, 13, 0, 0, 0, cases.Finland), DurationMin: 45, Weekly: true,
		Until: time.Date(2027, 1, 14, 0, 0, 0, 0, time.UTC), ServiceLanguages: []string{"fi"}}
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		slots, _, err := cases.PublishSlots(context.Background(), tx, tax, w.adviser, in, w.now)
		var days []string
		for _, s := range slots {
			days = append(days, s.StartsAt.In(cases.Finland).Format("2.1."))
		}
		// Thursdays from 10 December: Christmas Eve is skipped, New Year's Eve is a working day.
		if err != nil || strings.Join(days, " ") != "10.12. 17.12. 31.12. 7.1. 14.1." {
			t.Fatalf("weekly Thursdays: %v, %v", days, err)
		}
	})
}

func TestOverlappingSlotsOfOneAdviserAreRefused(t *testing.T) {
	w := newConsultWorld(t)
	w.publish(t, w.adviser, 24*time.Hour, 60)
	w.publish(t, w.colleague, 24*time.Hour, 60) // another adviser may offer the same time
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		_, _, err := cases.PublishSlots(context.Background(), tx, tax, w.adviser, cases.SlotInput{
			StartsAt: w.now.Add(24*time.Hour + 30*time.Minute), DurationMin: 60, ServiceLanguages: []string{"fi"}}, w.now)
		var v *cases.ValidationError
		if !errors.Is(err, cases.ErrConflict) || !errors.As(err, &v) || v.For("starts_at") != "error.slot_overlap" {
			t.Fatalf("overlapping slot: %v", err)
		}
		// The refusal leaves the transaction usable.
		if _, err := cases.ListSlots(context.Background(), tx, w.adviser, cases.SlotFilter{}, w.now); err != nil {
			t.Fatalf("after the refusal: %v", err)
		}
	})
}

func TestSlotInputIsValidated(t *testing.T) {
	w := newConsultWorld(t)
	cases_ := []struct {
		name  string
		in    cases.SlotInput
		field string
		key   string
	}{
		{"past", cases.SlotInput{StartsAt: w.now.Add(-time.Hour), DurationMin: 30, ServiceLanguages: []string{"fi"}}, "starts_at", "error.slot_past"},
		{"too long", cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 300, ServiceLanguages: []string{"fi"}}, "duration_min", "error.slot_length"},
		{"no language", cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30}, "service_languages", "error.required"},
		{"unknown language", cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30, ServiceLanguages: []string{"xx"}}, "service_languages", "error.unknown_code"},
		{"unknown topic", cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30, ServiceLanguages: []string{"fi"}, Topics: []string{"nope"}}, "topics", "error.unknown_code"},
		{"weekly without a later week", cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30, ServiceLanguages: []string{"fi"},
			Weekly: true, Until: w.now.AddDate(0, 0, 3)}, "until", "error.slot_until"},
		{"weekly for a year", cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30, ServiceLanguages: []string{"fi"},
			Weekly: true, Until: w.now.AddDate(1, 0, 0)}, "until", "error.slot_until_far"},
		{"years ahead", cases.SlotInput{StartsAt: w.now.AddDate(2, 0, 1), DurationMin: 30, ServiceLanguages: []string{"fi"}},
			"starts_at", "error.too_far_ahead"},
		{"weekly past two years", cases.SlotInput{StartsAt: w.now.AddDate(2, 0, -7), DurationMin: 30, ServiceLanguages: []string{"fi"},
			Weekly: true, Until: w.now.AddDate(2, 0, 14)}, "until", "error.too_far_ahead"},
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		for _, c := range cases_ {
			_, _, err := cases.PublishSlots(context.Background(), tx, tax, w.adviser, c.in, w.now)
			var v *cases.ValidationError
			if !errors.As(err, &v) || v.For(c.field) != c.key {
				t.Errorf("%s: %v, want %s on %s", c.name, err, c.key, c.field)
			}
		}
	})
	w.as(t, w.worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		in := cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30, ServiceLanguages: []string{"fi"}}
		if _, _, err := cases.PublishSlots(context.Background(), tx, tax, w.worker, in, w.now); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("a partner worker published a slot: %v", err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_slots`); n != 0 {
		t.Fatalf("%d slots stored from invalid input", n)
	}
}

func TestPartnersSeeOnlyTheHubsFreeFutureSlots(t *testing.T) {
	w := newConsultWorld(t)
	free := w.publish(t, w.adviser, 2*time.Hour, 30)
	taken := w.publish(t, w.adviser, 4*time.Hour, 30)
	withdrawn := w.publish(t, w.colleague, 6*time.Hour, 30)
	w.book(t, w.worker, booking(taken.ID))
	w.as(t, w.colleague, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.WithdrawSlot(context.Background(), tx, w.colleague, withdrawn.ID, false); err != nil {
			t.Fatal(err)
		}
	})
	for _, who := range []cases.Staff{w.worker, w.outsider} {
		w.as(t, who, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
			slots, err := cases.ListSlots(context.Background(), tx, who, cases.SlotFilter{}, w.now)
			if err != nil || len(slots) != 1 || slots[0].ID != free.ID || slots[0].Adviser != "" {
				t.Errorf("%s sees %+v (%v), want only slot %d without the adviser's name", who.Name, slots, err, free.ID)
			}
			if _, err := cases.GetSlot(context.Background(), tx, who, taken.ID, w.now); !errors.Is(err, cases.ErrNotFound) {
				t.Errorf("%s reads a booked slot: %v", who.Name, err)
			}
		})
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		slots, err := cases.ListSlots(context.Background(), tx, w.adviser, cases.SlotFilter{}, w.now)
		if err != nil || len(slots) != 3 || !slots[1].Booked || slots[1].ConsultationID == nil || slots[0].Adviser == "" {
			t.Errorf("the hub sees %+v (%v)", slots, err)
		}
	})
}

func TestWithdrawingABookedSlotIsRefusedAndASeriesKeepsItsBookings(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	var slots []cases.Slot
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		slots, _, err = cases.PublishSlots(ctx, tx, tax, w.adviser, cases.SlotInput{StartsAt: w.now.Add(time.Hour), DurationMin: 30,
			Weekly: true, Until: w.now.AddDate(0, 0, 21), ServiceLanguages: []string{"en"}}, w.now)
		if err != nil || len(slots) != 4 {
			t.Fatalf("%d slots, %v", len(slots), err)
		}
	})
	w.book(t, w.worker, booking(slots[2].ID))
	w.as(t, w.colleague, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.WithdrawSlot(ctx, tx, w.colleague, slots[0].ID, false); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("a colleague withdrew the adviser's slot: %v", err)
		}
	})
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.WithdrawSlot(ctx, tx, w.worker, slots[0].ID, false); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("a partner withdrew a slot: %v", err)
		}
	})
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.WithdrawSlot(ctx, tx, w.adviser, slots[2].ID, false); !errors.Is(err, cases.ErrConflict) {
			t.Errorf("withdrawing the booked slot: %v", err)
		}
		got, err := cases.WithdrawSlot(ctx, tx, w.adviser, slots[1].ID, true)
		if err != nil || got.Withdrawn != 2 || got.KeptBooked != 1 {
			t.Errorf("withdrawing the series from the second: %+v, %v", got, err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_slots WHERE withdrawn_at IS NULL`); n != 2 {
		t.Fatalf("%d slots still offered or booked, want the first and the booked one", n)
	}
}

// TestWithdrawalAndBookingOfOneSlotSerialise runs both orders with the
// first transaction held open: the second waits for it, then is refused.
func TestWithdrawalAndBookingOfOneSlotSerialise(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	begin := func(who cases.Staff) *sqlx.Tx {
		tx := w.d.Service.MustBegin()
		if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}); err != nil {
			t.Fatal(err)
		}
		return tx
	}
	book := func(tx *sqlx.Tx, slot int64) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err == nil {
			_, _, err = cases.Book(ctx, tx, nil, tax, w.worker, booking(slot), w.now)
		}
		return err
	}
	withdraw := func(tx *sqlx.Tx, slot int64) error {
		_, err := cases.WithdrawSlot(ctx, tx, w.adviser, slot, false)
		return err
	}
	for _, order := range []struct {
		name          string
		first, second func(*sqlx.Tx, int64) error
		firstBy       cases.Staff
		secondBy      cases.Staff
	}{
		{"withdraw first", withdraw, book, w.adviser, w.worker},
		{"book first", book, withdraw, w.worker, w.adviser},
	} {
		slot := w.publish(t, w.adviser, time.Duration(len(order.name))*time.Hour, 30)
		first := begin(order.firstBy)
		if err := order.first(first, slot.ID); err != nil {
			t.Fatalf("%s: first: %v", order.name, err)
		}
		done := make(chan error, 1)
		second := begin(order.secondBy)
		go func() { done <- order.second(second, slot.ID) }()
		select {
		case err := <-done:
			t.Fatalf("%s: the second did not wait for the first: %v", order.name, err)
		case <-time.After(300 * time.Millisecond):
		}
		if err := first.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; !errors.Is(err, cases.ErrConflict) {
			t.Errorf("%s: the second got %v, want a conflict", order.name, err)
		}
		second.Rollback()
		var booked, withdrawn bool
		w.d.InScope(t, cases.Scope{OrgID: w.n.HubID}, func(tx *sqlx.Tx) error {
			return tx.QueryRow(`SELECT booked, withdrawn_at IS NOT NULL FROM consultation_slots WHERE id = $1`, slot.ID).Scan(&booked, &withdrawn)
		})
		if booked == withdrawn {
			t.Errorf("%s: slot booked %v and withdrawn %v", order.name, booked, withdrawn)
		}
	}
}

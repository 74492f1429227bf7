package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// TestThePartnerRewritesNoBookingWithRawSQL speaks raw SQL as a partner
// worker's session (review M4): the database refuses every change of a
// consultation but the two the partner makes, a cancellation in their own
// name and a move to a free published slot of the hub with that slot's
// adviser and time.
func TestThePartnerRewritesNoBookingWithRawSQL(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	c := w.book(t, w.worker, booking(w.publish(t, w.adviser, 24*time.Hour, 45).ID))
	free := w.publish(t, w.adviser, 48*time.Hour, 45)
	colleagues := w.publish(t, w.colleague, 72*time.Hour, 30)
	withdrawn := w.publish(t, w.adviser, 96*time.Hour, 45)
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.WithdrawSlot(ctx, tx, w.adviser, withdrawn.ID, false); err != nil {
			t.Fatal(err)
		}
	})
	other := w.d.NewNetwork(t, "South", "https://idp.example/south")
	var farSlot int64
	w.d.InScope(t, cases.Scope{OrgID: other.HubID}, func(tx *sqlx.Tx) error {
		adviser := w.d.NewUser(t, other.HubID, "https://idp.example/south/x", "x", cases.RoleAdviser)
		return tx.Get(&farSlot, `INSERT INTO consultation_slots (org_id, adviser_id, series_id, starts_at, ends_at)
			VALUES ($1, $2, gen_random_uuid(), $3, $4) RETURNING id`, other.HubID, adviser, free.StartsAt, free.EndsAt)
	})

	exec := func(query string, args ...any) error {
		tx := w.d.Service.MustBegin()
		defer tx.Rollback()
		if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: w.n.PartnerID, UserID: w.worker.UserID}); err != nil {
			t.Fatal(err)
		}
		_, err := tx.Exec(query, append([]any{c.ID}, args...)...)
		return err
	}
	move := `UPDATE consultations SET slot_id = $2, adviser_id = $3, starts_at = $4, ends_at = $5, sequence = sequence + 1,
		reminded_at = NULL, updated_at = now() WHERE id = $1`
	cancel := `UPDATE consultations SET status = 'cancelled', status_reason = 'Asukas sairastui', status_by = $2,
		status_by_org_id = $3, status_by_name = 'Katja', status_at = now(), sequence = sequence + $4, updated_at = now()
		WHERE id = $1`
	refused := []struct {
		name  string
		query string
		args  []any
	}{
		{"moves it to another time", `UPDATE consultations SET starts_at = starts_at + interval '1 day',
			ends_at = ends_at + interval '1 day', sequence = sequence + 1 WHERE id = $1`, nil},
		{"moves it to a slot at another time", move, []any{free.ID, free.AdviserID, free.StartsAt.Add(time.Hour), free.EndsAt.Add(time.Hour)}},
		{"moves it to a slot with another adviser", move, []any{free.ID, w.colleague.UserID, free.StartsAt, free.EndsAt}},
		{"moves it to a withdrawn slot", move, []any{withdrawn.ID, withdrawn.AdviserID, withdrawn.StartsAt, withdrawn.EndsAt}},
		{"moves it to another network's slot", move, []any{farSlot, free.AdviserID, free.StartsAt, free.EndsAt}},
		{"gives it to another adviser", `UPDATE consultations SET adviser_id = $2 WHERE id = $1`, []any{w.colleague.UserID}},
		{"rewinds the calendar's sequence", `UPDATE consultations SET sequence = 7 WHERE id = $1`, nil},
		{"marks the reminder sent", `UPDATE consultations SET reminded_at = now() WHERE id = $1`, nil},
		{"signs a change with another's name", `UPDATE consultations SET status_by = $2, status_by_org_id = $3,
			status_by_name = 'Aino' WHERE id = $1`, []any{w.adviser.UserID, w.n.HubID}},
		{"cancels in the hub's name", cancel, []any{w.adviser.UserID, w.n.HubID, 1}},
		{"cancels in a workmate's name", cancel, []any{w.workmate.UserID, w.n.PartnerID, 1}},
		{"cancels without a new sequence", cancel, []any{w.worker.UserID, w.n.PartnerID, 0}},
		{"marks it held", `UPDATE consultations SET status = 'held', status_by = app_user_id(), status_by_org_id = app_org_id(),
			status_at = now() WHERE id = $1`, nil},
		{"marks it no-show", `UPDATE consultations SET status = 'no_show' WHERE id = $1`, nil},
		{"rewrites the note", `UPDATE consultations SET note = 'changed' WHERE id = $1`, nil},
		{"rewrites the link", `UPDATE consultations SET meeting_link = 'https://evil.example/' WHERE id = $1`, nil},
		{"names another contact", `UPDATE consultations SET partner_contact_id = $2 WHERE id = $1`, []any{w.workmate.UserID}},
		{"backdates the change", `UPDATE consultations SET updated_at = updated_at - interval '1 day' WHERE id = $1`, nil},
		{"cancels and moves at once", `UPDATE consultations SET status = 'cancelled', status_reason = 'x', status_by = app_user_id(),
			status_by_org_id = app_org_id(), status_at = now(), sequence = sequence + 1, starts_at = starts_at + interval '1 day',
			ends_at = ends_at + interval '1 day' WHERE id = $1`, nil},
	}
	for _, r := range refused {
		var pqErr *pq.Error
		if err := exec(r.query, r.args...); !errors.As(err, &pqErr) || pqErr.Code != "42501" {
			t.Errorf("the partner %s: %v", r.name, err)
		}
	}
	allowed := []struct {
		name  string
		query string
		args  []any
	}{
		{"moves it to a free slot", move, []any{free.ID, free.AdviserID, free.StartsAt, free.EndsAt}},
		{"moves it to a colleague's free slot", move, []any{colleagues.ID, colleagues.AdviserID, colleagues.StartsAt, colleagues.EndsAt}},
		{"cancels it in their own name", cancel, []any{w.worker.UserID, w.n.PartnerID, 1}},
	}
	for _, r := range allowed {
		if err := exec(r.query, r.args...); err != nil {
			t.Errorf("the partner %s: %v", r.name, err)
		}
	}
	// Through cases, as the app does it.
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.RescheduleConsultation(ctx, tx, nil, w.worker, c.ID, cases.Reschedule{SlotID: free.ID}, w.now); err != nil {
			t.Fatalf("rescheduling: %v", err)
		}
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.worker, c.ID, cases.Cancellation{Reason: "Asukas sairastui"}, w.now); err != nil {
			t.Fatalf("cancelling: %v", err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations WHERE id = $1 AND status = 'cancelled' AND slot_id = $2
		AND adviser_id = $3 AND sequence = 2 AND status_by = $4`, c.ID, free.ID, w.adviser.UserID, w.worker.UserID); n != 1 {
		t.Fatal("the app's own reschedule and cancellation were not stored")
	}
}

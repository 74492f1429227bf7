package cases

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Withdrawal says what withdrawing did: how many slots went, and how many
// of a series stayed because they are booked.
type Withdrawal struct {
	Withdrawn  int
	KeptBooked int
}

// WithdrawSlot takes one of the adviser's own slots off offer, or with
// series also the later free occurrences of its weekly publication. A
// booked slot stays: it must be cancelled first. The update waits for a
// booking of the same slot under way (the slot row's lock) and then sees
// it, so a slot is never both booked and withdrawn.
func WithdrawSlot(ctx context.Context, q sqlx.ExtContext, who Staff, id int64, series bool) (Withdrawal, error) {
	var w Withdrawal
	if !who.HubAdviser() {
		return w, ErrNotFound
	}
	var slot Slot
	err := sqlx.GetContext(ctx, q, &slot, `SELECT `+slotColumns+` FROM consultation_slots s
		WHERE s.id = $1 AND s.org_id = app_org_id()`, id)
	if err != nil {
		return w, notFound(err)
	}
	if slot.AdviserID != who.UserID {
		return w, ErrForbidden
	}
	scope, args := `id = $1`, []any{id}
	if series {
		scope, args = `series_id = $1 AND starts_at >= $2`, []any{slot.SeriesID, slot.StartsAt}
	}
	var ids []int64
	err = sqlx.SelectContext(ctx, q, &ids, `UPDATE consultation_slots SET withdrawn_at = now()
		WHERE org_id = app_org_id() AND adviser_id = app_user_id() AND withdrawn_at IS NULL AND NOT booked
		AND `+scope+` RETURNING id`, args...)
	if err != nil {
		return w, err
	}
	w.Withdrawn = len(ids)
	if series {
		err = sqlx.GetContext(ctx, q, &w.KeptBooked, `SELECT count(*) FROM consultation_slots
			WHERE org_id = app_org_id() AND series_id = $1 AND starts_at >= $2 AND booked AND withdrawn_at IS NULL`,
			slot.SeriesID, slot.StartsAt)
		if err != nil {
			return w, err
		}
	}
	if w.Withdrawn == 0 && slot.WithdrawnAt == nil && !series {
		return w, conflict("slot", "error.slot_booked")
	}
	if w.Withdrawn == 0 {
		return w, nil
	}
	return w, Audit(ctx, q, Event{Action: "slot.withdraw", RecordType: "slot", RecordID: idText(id), ActorRoles: who.Roles,
		Details: map[string]any{"series": series, "withdrawn": w.Withdrawn}})
}

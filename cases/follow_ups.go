package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// FollowUp is a planned next step for a contact.
type FollowUp struct {
	ID         int64     `db:"id"`
	ContactID  int64     `db:"contact_id"`
	ClientID   *int64    `db:"client_id"`
	ClientCode *string   `db:"client_code"`
	DueOn      time.Time `db:"due_on"`
	AssignedTo string    `db:"assigned_to"`
	Topics     []string  `db:"-"`
}

// Overdue reports whether the follow-up is due before the given day.
func (f FollowUp) Overdue(today time.Time) bool {
	return f.DueOn.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
}

func openFollowUps(ctx context.Context, q sqlx.QueryerContext, cond string, args ...any) ([]FollowUp, error) {
	var out []FollowUp
	err := sqlx.SelectContext(ctx, q, &out, `SELECT f.id, f.contact_id, f.client_id, cl.code AS client_code, f.due_on,
		coalesce(nullif(u.display_name, ''), u.subject) AS assigned_to
		FROM follow_ups f JOIN users u ON u.id = f.assigned_to LEFT JOIN clients cl ON cl.id = f.client_id
		WHERE f.done_at IS NULL AND `+cond+` ORDER BY f.due_on, f.id`, args...)
	return out, err
}

// MyFollowUpsDue lists the current user's open follow-ups due by the day.
func MyFollowUpsDue(ctx context.Context, q sqlx.QueryerContext, by time.Time) ([]FollowUp, error) {
	return openFollowUps(ctx, q, `f.assigned_to = app_user_id() AND f.due_on <= $1`, by)
}

// CompleteFollowUp marks a follow-up done.
func CompleteFollowUp(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64) error {
	res, err := q.ExecContext(ctx, `UPDATE follow_ups SET done_at = now() WHERE id = $1 AND done_at IS NULL`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return Audit(ctx, q, Event{Action: "follow_up.done", RecordType: "follow_up", RecordID: idText(id),
		ActorRoles: actor, Purpose: "case work"})
}

package cases

import (
	"context"
	"database/sql"
	"errors"
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
	OwnerID    int64     `db:"owner_id"`
	Topics     []string  `db:"-"`
}

// CompletableBy reports whether the user may mark it done: its owner or a
// manager (CompleteFollowUp); another adviser takes it over first.
func (f FollowUp) CompletableBy(userID int64, actor Roles) bool {
	return f.OwnerID == userID || actor.Has(RoleManager)
}

// Overdue reports whether the follow-up is due before the given day.
func (f FollowUp) Overdue(today time.Time) bool {
	return f.DueOn.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
}

func openFollowUps(ctx context.Context, q sqlx.QueryerContext, cond string, args ...any) ([]FollowUp, error) {
	var out []FollowUp
	err := sqlx.SelectContext(ctx, q, &out, `SELECT f.id, f.contact_id, f.client_id, cl.code AS client_code, f.due_on,
		coalesce(nullif(u.display_name, ''), u.subject) AS assigned_to, f.assigned_to AS owner_id
		FROM follow_ups f JOIN users u ON u.id = f.assigned_to LEFT JOIN clients cl ON cl.id = f.client_id
		WHERE f.done_at IS NULL AND `+cond+` ORDER BY f.due_on, f.id`, args...)
	return out, err
}

// MyFollowUpsDue lists the current user's open follow-ups due by the day.
func MyFollowUpsDue(ctx context.Context, q sqlx.QueryerContext, by time.Time) ([]FollowUp, error) {
	return openFollowUps(ctx, q, `f.assigned_to = app_user_id() AND f.due_on <= $1`, by)
}

// ContactFollowUp is the contact's open follow-up, if any; the client
// link is left out for roles that may not open client files.
func ContactFollowUp(ctx context.Context, q sqlx.QueryerContext, actor Roles, contactID int64) (*FollowUp, error) {
	found, err := openFollowUps(ctx, q, `f.contact_id = $1`, contactID)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	if !actor.SeesClients() {
		found[0].ClientID, found[0].ClientCode = nil, nil
	}
	return &found[0], nil
}

// CompleteFollowUp marks a follow-up done. Its owner may, and so may a
// manager; another adviser takes it over first (TakeOverFollowUp). Doing
// it twice (a double click) changes nothing the second time.
func CompleteFollowUp(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64) error {
	var state struct {
		Mine bool `db:"mine"`
		Done bool `db:"done"`
	}
	err := sqlx.GetContext(ctx, q, &state, `SELECT assigned_to = app_user_id() AS mine, done_at IS NOT NULL AS done
		FROM follow_ups WHERE id = $1 FOR UPDATE`, id)
	mine := state.Mine
	switch {
	case err != nil:
		return notFound(err)
	case !mine && !actor.Has(RoleManager):
		return ErrForbidden
	case state.Done:
		return nil
	}
	if _, err := q.ExecContext(ctx, `UPDATE follow_ups SET done_at = now() WHERE id = $1`, id); err != nil {
		return err
	}
	return Audit(ctx, q, Event{Action: "follow_up.done", RecordType: "follow_up", RecordID: idText(id),
		ActorRoles: actor, Purpose: "case_work", Details: map[string]any{"owner": mine}})
}

// followUpOpen is nil for an open follow-up of the organisation.
func followUpOpen(ctx context.Context, q sqlx.QueryerContext, id int64) error {
	var one int
	return sqlx.GetContext(ctx, q, &one, `SELECT 1 FROM follow_ups WHERE id = $1 AND done_at IS NULL`, id)
}

// TakeOverFollowUp makes the current adviser the owner of a colleague's
// open follow-up, so that they may complete it. The audit event names the
// previous owner.
func TakeOverFollowUp(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64) error {
	if !actor.Has(RoleAdviser) {
		return ErrForbidden
	}
	var previous int64
	err := sqlx.GetContext(ctx, q, &previous, `UPDATE follow_ups f SET assigned_to = app_user_id()
		FROM (SELECT id, assigned_to FROM follow_ups WHERE id = $1 AND done_at IS NULL FOR UPDATE) old
		WHERE f.id = old.id AND old.assigned_to <> app_user_id() RETURNING old.assigned_to`, id)
	if errors.Is(err, sql.ErrNoRows) { // already mine, done, or not ours to see
		return notFound(followUpOpen(ctx, q, id))
	}
	if err != nil {
		return err
	}
	return Audit(ctx, q, Event{Action: "follow_up.take_over", RecordType: "follow_up", RecordID: idText(id),
		ActorRoles: actor, Purpose: "case_work", Details: map[string]any{"from_user": previous}})
}

package cases

import (
	"context"
	"encoding/json"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Event is one audit record. The organisation and actor come from the
// transaction's scope, so an event cannot be written for another
// organisation.
type Event struct {
	Action     string
	RecordType string
	RecordID   string
	Purpose    string
	ActorRoles Roles
	Details    map[string]any
}

// Audit appends an event in the caller's transaction: if the change it
// describes rolls back, so does the event.
func Audit(ctx context.Context, q sqlx.ExtContext, e Event) error {
	details, err := json.Marshal(e.Details)
	if err != nil || e.Details == nil {
		details = []byte("{}")
	}
	_, err = q.ExecContext(ctx, `INSERT INTO audit_events
		(org_id, actor_id, actor_roles, action, record_type, record_id, purpose, details)
		VALUES (app_org_id(), app_user_id(), $1, $2, $3, $4, $5, $6)`,
		pq.Array(e.ActorRoles.Strings()), e.Action, e.RecordType, e.RecordID, e.Purpose, string(details))
	return err
}

// AuditEntry is an audit event as read back.
type AuditEntry struct {
	ID         int64          `db:"id"`
	ActorID    *int64         `db:"actor_id"`
	ActorRoles pq.StringArray `db:"actor_roles"`
	OccurredAt string         `db:"occurred_at"`
	Action     string         `db:"action"`
	RecordType string         `db:"record_type"`
	RecordID   string         `db:"record_id"`
	Purpose    string         `db:"purpose"`
}

// RecentAudit lists the organisation's newest audit events.
func RecentAudit(ctx context.Context, q sqlx.QueryerContext, limit int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := sqlx.SelectContext(ctx, q, &out, `SELECT id, actor_id, actor_roles,
		to_char(occurred_at, 'YYYY-MM-DD HH24:MI:SS') AS occurred_at, action, record_type, record_id, purpose
		FROM audit_events ORDER BY id DESC LIMIT $1`, limit)
	return out, err
}

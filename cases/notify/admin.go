package notify

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// OutboxEntry is a message as the admin page lists it: no body.
type OutboxEntry struct {
	ID        int64      `db:"id"`
	Recipient string     `db:"recipient"`
	Template  string     `db:"template"`
	Subject   string     `db:"subject"`
	Status    string     `db:"status"`
	Attempts  int        `db:"attempts"`
	LastError string     `db:"last_error"`
	CreatedAt time.Time  `db:"created_at"`
	SentAt    *time.Time `db:"sent_at"`
}

// ListOutbox lists the organisation's newest messages, failed ones first.
func ListOutbox(ctx context.Context, q sqlx.QueryerContext, limit int) ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := sqlx.SelectContext(ctx, q, &out, `SELECT id, recipient, template, subject, status, attempts, last_error, created_at, sent_at
		FROM outbox_messages ORDER BY status = 'failed' DESC, created_at DESC, id DESC LIMIT $1`, limit)
	return out, err
}

// Outbox errors the admin page maps to answers.
var (
	ErrNotFound  = errors.New("outbox message not found")
	ErrNotFailed = errors.New("only a failed message can be retried")
)

// Retry puts a failed message back to pending and enqueues a job for it,
// in tx; the caller audits it. The attempt count carries on, so the page
// shows how often it was tried in all.
func (o *Outbox) Retry(ctx context.Context, tx *sqlx.Tx, id int64) error {
	var status string
	err := tx.GetContext(ctx, &status, `SELECT status FROM outbox_messages WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if status != "failed" {
		return ErrNotFailed
	}
	var args SendArgs
	err = tx.GetContext(ctx, &args, `UPDATE outbox_messages SET status = 'pending', last_error = ''
		WHERE id = $1 RETURNING org_id, id`, id)
	if err != nil {
		return err
	}
	return o.jobs.InsertTx(ctx, tx, args, nil)
}

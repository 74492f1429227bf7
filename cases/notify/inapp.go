package notify

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// Notification is one line of a user's in-app list.
type Notification struct {
	ID        int64      `db:"id"`
	Kind      string     `db:"kind"` // a Template; its line is "notice.<kind>"
	Link      string     `db:"link"`
	Number    string     `db:"number"`
	At        *time.Time `db:"at"`
	CreatedAt time.Time  `db:"created_at"`
	ReadAt    *time.Time `db:"read_at"`
}

// Notifications lists the current user's newest notifications; row-level
// security shows a user only their own.
func Notifications(ctx context.Context, q sqlx.QueryerContext, limit int) ([]Notification, error) {
	var out []Notification
	err := sqlx.SelectContext(ctx, q, &out, `SELECT id, kind, link, number, at, created_at, read_at
		FROM notifications ORDER BY created_at DESC, id DESC LIMIT $1`, limit)
	return out, err
}

// Unread counts the current user's unread notifications.
func Unread(ctx context.Context, q sqlx.QueryerContext) (int, error) {
	var n int
	err := sqlx.GetContext(ctx, q, &n, `SELECT count(*) FROM notifications WHERE read_at IS NULL`)
	return n, err
}

// MarkAllRead marks the current user's notifications read.
func MarkAllRead(ctx context.Context, q sqlx.ExecerContext) error {
	_, err := q.ExecContext(ctx, `UPDATE notifications SET read_at = now() WHERE read_at IS NULL`)
	return err
}

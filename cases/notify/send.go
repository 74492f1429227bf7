package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"neuvo/cases/jobs"
)

// MaxAttempts is how often a message is tried before it is marked failed.
// With River's backoff (attempt⁴ seconds) the last try comes about eleven
// hours after the first, long enough to ride out an SMTP outage overnight.
const MaxAttempts = 12

// SendArgs is the job that sends one outbox message: ids only.
type SendArgs struct {
	OrgID     int64 `json:"org_id" db:"org_id"`
	MessageID int64 `json:"message_id" db:"id"`
}

func (SendArgs) Kind() string { return "notify_send" }

// InsertOpts make the job unique while one is waiting or running for the
// same message, so the sweep and a retry never stack up jobs. A finished
// job does not count: a message left pending may be enqueued again.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// outgoing is an outbox row as the sender reads it.
type outgoing struct {
	ID          int64          `db:"id"`
	MessageID   string         `db:"message_id"`
	Recipient   string         `db:"recipient"`
	Lang        string         `db:"lang"`
	Subject     string         `db:"subject"`
	BodyText    string         `db:"body_text"`
	BodyHTML    sql.NullString `db:"body_html"`
	Status      string         `db:"status"`
	CreatedAt   time.Time      `db:"created_at"`
	attachments []Attachment
}

type sender struct {
	river.WorkerDefaults[SendArgs]
	db     *sqlx.DB
	mailer *mailer // nil when SMTP is not configured
	log    *slog.Logger
}

// Work sends a message at most once as far as Neuvo can tell: it locks the
// row, sends only while it is pending, and marks it sent in the same
// transaction right after the server accepted it. Two jobs for one message
// (a sweep, a rescued job) therefore queue on the lock, and the second
// finds it sent.
//
// What remains is the window between the server's "250 OK" and the commit:
// if the process dies or the database connection breaks there, the row is
// still pending and the message is sent again later. SMTP has no way to ask
// the server whether it already has a message, so this cannot be closed;
// the Message-ID stays the same, which lets mail systems that deduplicate
// drop the copy.
func (w *sender) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	var sendErr error
	err := jobs.InOrganisation(ctx, w.db, job.Args.OrgID, func(tx *sqlx.Tx) error {
		msg, err := lockPending(ctx, tx, job.Args.MessageID)
		if errors.Is(err, errNothingToSend) {
			return nil
		}
		if err != nil {
			return err
		}
		if w.mailer == nil {
			w.log.Warn("outbox message stays pending: SMTP is not configured", "outbox_id", msg.ID)
			return nil
		}
		sendErr = w.mailer.send(ctx, msg)
		gaveUp := sendErr != nil && (permanent(sendErr) || job.Attempt >= job.MaxAttempts)
		return recordAttempt(ctx, tx, msg.ID, sendErr, gaveUp)
	})
	if err != nil {
		return err
	}
	if sendErr == nil {
		return nil
	}
	failure := fmt.Errorf("outbox message %d: %s", job.Args.MessageID, describe(sendErr))
	if permanent(sendErr) {
		return river.JobCancel(failure)
	}
	return failure
}

var errNothingToSend = errors.New("outbox message is not pending")

// lockPending reads a pending message with its attachments and holds its
// row until the transaction ends.
func lockPending(ctx context.Context, tx *sqlx.Tx, id int64) (*outgoing, error) {
	var msg outgoing
	err := tx.GetContext(ctx, &msg, `SELECT id, message_id, recipient, lang, subject, body_text, body_html, status, created_at
		FROM outbox_messages WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && msg.Status != "pending") {
		return nil, errNothingToSend
	}
	if err != nil {
		return nil, err
	}
	err = tx.SelectContext(ctx, &msg.attachments, `SELECT name, content_type, content
		FROM outbox_attachments WHERE message_id = $1 ORDER BY position`, id)
	return &msg, err
}

func recordAttempt(ctx context.Context, tx *sqlx.Tx, id int64, sendErr error, gaveUp bool) error {
	if sendErr == nil {
		_, err := tx.ExecContext(ctx, `UPDATE outbox_messages SET status = 'sent', sent_at = now(),
			attempts = attempts + 1, last_error = '' WHERE id = $1`, id)
		return err
	}
	status := "pending"
	if gaveUp {
		status = "failed"
	}
	_, err := tx.ExecContext(ctx, `UPDATE outbox_messages SET status = $2, attempts = attempts + 1,
		last_error = left($3, 500) WHERE id = $1`, id, status, sendErr.Error())
	return err
}

package notify

import (
	"context"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"neuvo/cases/jobs"
)

const (
	// SweepEvery is how often the outbox is swept.
	SweepEvery = 5 * time.Minute
	// stalePending is how long a pending message may wait before the
	// sweep makes sure a job is on its way for it.
	stalePending = 10 * time.Minute
	// keepSent is how long a sent message stays for the admin page; the
	// recipient's address is personal data, so it does not stay forever.
	keepSent = 30 * 24 * time.Hour
)

// SweepArgs is the periodic outbox sweep.
type SweepArgs struct{}

func (SweepArgs) Kind() string { return "notify_sweep" }

// sweeper is the safety net behind the send jobs. In every organisation it
// re-enqueues pending messages that have no live job (one whose job ended
// while SMTP was not configured, or was lost with River's retention), and
// deletes sent messages past keepSent. Send jobs are unique per message,
// so enqueuing one that is still waiting does nothing.
type sweeper struct {
	river.WorkerDefaults[SweepArgs]
	db     *sqlx.DB
	mailOn bool
	log    *slog.Logger
}

func (w *sweeper) Work(ctx context.Context, job *river.Job[SweepArgs]) error {
	orgs, err := jobs.Organisations(ctx, w.db)
	if err != nil {
		return err
	}
	client := jobs.FromWork(ctx)
	for _, org := range orgs {
		err := jobs.InOrganisation(ctx, w.db, org, func(tx *sqlx.Tx) error { return w.sweep(ctx, tx, client) })
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *sweeper) sweep(ctx context.Context, tx *sqlx.Tx, client *jobs.Client) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox_messages WHERE status = 'sent' AND sent_at < now() - $1::interval`,
		keepSent.String()); err != nil {
		return err
	}
	if !w.mailOn {
		return nil
	}
	var pending []SendArgs
	err := tx.SelectContext(ctx, &pending, `SELECT org_id, id FROM outbox_messages
		WHERE status = 'pending' AND created_at < now() - $1::interval ORDER BY id LIMIT 1000`, stalePending.String())
	if err != nil {
		return err
	}
	for _, args := range pending {
		if err := client.InsertTx(ctx, tx, args, nil); err != nil {
			return err
		}
	}
	return nil
}

// Package jobs runs Neuvo's background work on River, a job queue kept in
// the same PostgreSQL as everything else: a job inserted in a request's
// transaction exists only if that transaction commits, and a job survives
// the replica that inserted it.
//
// Over database/sql River cannot LISTEN, so the client polls: a job starts
// within about PollInterval of its commit. That is plenty for e-mail and
// reminders.
//
// Job arguments hold ids and numbers only, never names or texts: River's
// tables carry no organisation, so row-level security does not cover them.
// A job about tenant data carries its organisation's id and does its work
// through InOrganisation.
//
// Adding background work:
//
//	reg := jobs.NewRegistry()
//	jobs.Register(reg, &ReminderWorker{db: db})   // a river.Worker[ReminderArgs]
//	reg.DailyAt(14, 0, ReminderArgs{})            // the leader enqueues it daily at 14:00 Finnish time
//	client, err := jobs.New(db, reg, jobs.Options{Logger: log})
//
// and, inside a request, client.InsertTx(ctx, tx, SomeArgs{OrgID: …, ID: …}, nil).
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
)

// Options tune the client; the zero value is right for production.
type Options struct {
	Logger *slog.Logger
	// PollInterval is how often an idle client looks for new jobs
	// (default 1s).
	PollInterval time.Duration
	// Workers is how many jobs run at once in this process (default 4).
	Workers int
	// RetryPolicy decides when a failed job runs again; River's default
	// waits attempt⁴ seconds. Tests pass a short one.
	RetryPolicy river.ClientRetryPolicy
	// TestOnly starts River's maintenance services without their
	// production start-up delays.
	TestOnly bool
}

// Client inserts jobs and, once started, works them.
type Client struct {
	river *river.Client[*sql.Tx]
}

// New builds the client on the service role's pool. Every job kind that
// will be inserted must have its worker in reg.
func New(db *sqlx.DB, reg *Registry, opts Options) (*Client, error) {
	poll := opts.PollInterval
	if poll <= 0 {
		poll = time.Second
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = 4
	}
	rc, err := river.NewClient(riverdatabasesql.New(db.DB), &river.Config{
		Logger:  opts.Logger,
		Workers: reg.workers,
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}},
		// No LISTEN over database/sql; River refuses a poll interval
		// shorter than the fetch cooldown.
		PollOnly:          true,
		FetchPollInterval: poll,
		FetchCooldown:     min(poll, 100*time.Millisecond),
		PeriodicJobs:      reg.periodic,
		RetryPolicy:       opts.RetryPolicy,
		// REINDEX needs table ownership, which the service role must
		// not have; the owner can reindex River's tables if ever needed.
		ReindexerIndexNames: []string{},
		TestOnly:            opts.TestOnly,
	})
	if err != nil {
		return nil, err
	}
	return &Client{river: rc}, nil
}

// Start begins working jobs and, on the elected leader replica, enqueuing
// periodic ones. It returns at once.
func (c *Client) Start(ctx context.Context) error { return c.river.Start(ctx) }

// Stop lets running jobs finish until ctx ends, then cancels them. A job
// cut off this way is retried by another replica later.
func (c *Client) Stop(ctx context.Context) error {
	err := c.river.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return c.river.StopAndCancel(context.Background())
	}
	return err
}

// InsertTx adds a job in the caller's transaction: it is worked after that
// transaction commits, and never if it rolls back.
func (c *Client) InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	_, err := c.river.InsertTx(ctx, tx.Tx, args, opts)
	return err
}

// FromWork is the client that is working the job of ctx, for a worker that
// enqueues further jobs.
func FromWork(ctx context.Context) *Client {
	return &Client{river: river.ClientFromContext[*sql.Tx](ctx)}
}

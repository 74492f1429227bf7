package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/jobs"
)

type probeArgs struct {
	N int `json:"n"`
}

func (probeArgs) Kind() string { return "test_probe" }

type probeWorker struct {
	river.WorkerDefaults[probeArgs]
	worked chan int
}

func (w *probeWorker) Work(ctx context.Context, job *river.Job[probeArgs]) error {
	w.worked <- job.Args.N
	return nil
}

const poll = 100 * time.Millisecond

// startClient runs a River client as the service role with the probe
// worker, stopped when the test ends.
func startClient(t *testing.T, d *dbtest.DB, reg *jobs.Registry) *jobs.Client {
	t.Helper()
	client, err := jobs.New(d.Service, reg, jobs.Options{PollInterval: poll, TestOnly: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		client.Stop(ctx)
	})
	return client
}

func TestJobInsertedInARequestTransactionRunsOnlyAfterCommit(t *testing.T) {
	d := dbtest.New(t)
	net := d.NewNetwork(t, "Jobs", "https://idp.test/jobs")
	probe := &probeWorker{worked: make(chan int, 10)}
	reg := jobs.NewRegistry()
	jobs.Register(reg, probe)
	client := startClient(t, d, reg)
	ctx := context.Background()

	// As a request does: one transaction, scoped to the organisation.
	tx, err := d.Service.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: net.HubID}); err != nil {
		t.Fatal(err)
	}
	if err := client.InsertTx(ctx, tx, probeArgs{N: 1}, nil); err != nil {
		t.Fatalf("the service role cannot insert a job: %v", err)
	}
	expectNothing(t, probe.worked, 10*poll, "before commit")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-probe.worked:
		if n != 1 {
			t.Fatalf("worked job %d, want 1", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the committed job was not worked within 10 s")
	}

	rolledBack, _ := d.Service.BeginTxx(ctx, nil)
	if err := client.InsertTx(ctx, rolledBack, probeArgs{N: 2}, nil); err != nil {
		t.Fatal(err)
	}
	rolledBack.Rollback()
	expectNothing(t, probe.worked, 10*poll, "after rollback")
	var rows int
	d.Owner.Get(&rows, `SELECT count(*) FROM river_job WHERE kind = 'test_probe' AND args->>'n' = '2'`)
	if rows != 0 {
		t.Fatalf("a rolled-back job left %d rows", rows)
	}
	var completed int
	d.Owner.Get(&completed, `SELECT count(*) FROM river_job WHERE kind = 'test_probe' AND state = 'completed'`)
	if completed != 1 {
		t.Fatalf("%d completed probe jobs, want 1", completed)
	}
}

func TestPeriodicJobIsEnqueuedByTheLeader(t *testing.T) {
	d := dbtest.New(t)
	probe := &probeWorker{worked: make(chan int, 100)}
	reg := jobs.NewRegistry()
	jobs.Register(reg, probe)
	reg.Every(time.Second, probeArgs{N: 7})
	startClient(t, d, reg)
	for range 2 {
		select {
		case n := <-probe.worked:
			if n != 7 {
				t.Fatalf("periodic job carried %d, want 7", n)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the periodic job did not run twice within 20 s")
		}
	}
}

func expectNothing(t *testing.T, worked chan int, wait time.Duration, when string) {
	t.Helper()
	select {
	case n := <-worked:
		t.Fatalf("job %d was worked %s", n, when)
	case <-time.After(wait):
	}
}

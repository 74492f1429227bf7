package notify_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river/rivertype"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/cases/notify/mailpit"
	"neuvo/frontend"
)

// env is the outbox on a fresh database with a running job client.
type env struct {
	t       *testing.T
	d       *dbtest.DB
	net     dbtest.Network
	outbox  *notify.Outbox
	jobs    *jobs.Client
	adviser int64 // a hub user
}

var base, _ = url.Parse("https://neuvo.test")

// quickRetry retries a failed job after 100 ms instead of River's
// attempt⁴ seconds, so a dozen attempts take a second.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(100 * time.Millisecond)
}

// newEnv starts a job client that sends through smtp (the zero value: no
// mail) and stops it when the test ends.
func newEnv(t *testing.T, smtp notify.SMTP) *env {
	t.Helper()
	e := &env{t: t, d: dbtest.New(t)}
	e.net = e.d.NewNetwork(t, "Notify", "https://idp.test/notify")
	e.adviser = e.d.NewUser(t, e.net.HubID, "https://idp.test/notify/hub", "aino", cases.RoleAdviser)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg := jobs.NewRegistry()
	notify.Register(reg, e.d.Service, smtp, log)
	client, err := jobs.New(e.d.Service, reg, jobs.Options{PollInterval: 100 * time.Millisecond, RetryPolicy: quickRetry{},
		TestOnly: true, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	e.jobs = client
	if e.outbox, err = notify.NewOutbox(client, texts(t), base, smtp); err != nil {
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
	return e
}

func texts(t *testing.T) notify.Texts {
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	return func(lang, key string) string { return render.Lang(lang).T(key) }
}

// inHub runs fn in a transaction scoped like an adviser's request.
func (e *env) inHub(fn func(tx *sqlx.Tx) error) {
	e.t.Helper()
	e.d.InScope(e.t, cases.Scope{OrgID: e.net.HubID, UserID: e.adviser}, fn)
}

func (e *env) enqueue(m notify.Message) int64 {
	e.t.Helper()
	var id int64
	e.inHub(func(tx *sqlx.Tx) (err error) {
		id, err = e.outbox.Enqueue(context.Background(), tx, m)
		return err
	})
	return id
}

// row is an outbox message's delivery state as stored.
type row struct {
	Status    string     `db:"status"`
	Attempts  int        `db:"attempts"`
	LastError string     `db:"last_error"`
	MessageID string     `db:"message_id"`
	SentAt    *time.Time `db:"sent_at"`
}

func (e *env) row(id int64) row {
	e.t.Helper()
	var r row
	e.inHub(func(tx *sqlx.Tx) error {
		return tx.Get(&r, `SELECT status, attempts, last_error, message_id, sent_at FROM outbox_messages WHERE id = $1`, id)
	})
	return r
}

// waitRow polls until the message's row satisfies ok.
func (e *env) waitRow(id int64, what string, ok func(row) bool) row {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r := e.row(id)
		if ok(r) {
			return r
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("message %d: waited 20 s for %s; now %+v", id, what, r)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var mailpitBinary = sync.OnceValues(func() (string, error) { return mailpit.Binary(context.Background(), ".") })

// startMailpit runs a real SMTP server on addr (a free port when empty)
// until the test ends.
func startMailpit(t *testing.T, addr string, extra ...string) *mailpit.Process {
	t.Helper()
	bin, err := mailpitBinary()
	if err != nil {
		t.Fatal(err)
	}
	if addr == "" {
		addr = freeAddr(t)
	}
	p, err := mailpit.Start(context.Background(), bin, addr, freeAddr(t), extra...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	return p
}

func freeAddr(t *testing.T) string {
	addr, err := mailpit.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

// caught waits until Mailpit holds n messages and returns them.
func caught(t *testing.T, p *mailpit.Process, n int) []mailpit.Summary {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := p.Messages(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) >= n || time.Now().After(deadline) {
			if len(list) != n {
				t.Fatalf("mailpit holds %d messages, want %d", len(list), n)
			}
			return list
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func smtpTo(addr string) notify.SMTP {
	p := mailpit.Process{SMTPAddr: addr}
	return p.SMTP("Neuvo <neuvo@neuvo.test>")
}

func testMessage(to string) notify.Message {
	return notify.Message{To: to, Lang: "fi", Template: notify.Test, Fields: notify.Fields{Number: "1042", Link: "/notifications"}}
}

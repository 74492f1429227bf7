package main

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/frontend"
)

type demoSupportCounts struct {
	Requests  int `db:"requests"`
	Partners  int `db:"partners"`
	Sectors   int `db:"sectors"`
	Answered  int `db:"answered"`
	Rated     int `db:"rated"`
	Late      int `db:"late"`
	Overdue   int `db:"overdue"`
	Open      int `db:"open"`
	Knowledge int `db:"knowledge"`
	Consent   int `db:"consent"`
	Future    int `db:"future"`
	Internal  int `db:"internal"`
	Meetings  int `db:"meetings"`
}

func TestDemoSupportRequests(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	base, _ := url.Parse("http://127.0.0.1:1")
	idp, err := demoProvider("http://127.0.0.1:2", base)
	if err != nil {
		t.Fatal(err)
	}
	notifier, err := demoNotifier(d.Service, config{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seedDemo(ctx, d.Owner, d.Service, idp, notifier); err != nil {
		t.Fatal(err)
	}
	count := func() demoSupportCounts {
		hub, err := demoOrgID(ctx, d.Service, "Joensuu")
		if err != nil {
			t.Fatal(err)
		}
		var c demoSupportCounts
		d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
			return tx.Get(&c, `SELECT count(*) AS requests, count(DISTINCT org_id) AS partners, count(DISTINCT sector) AS sectors,
				count(*) FILTER (WHERE first_response_at IS NOT NULL AND resolved_at IS NOT NULL) AS answered,
				count(*) FILTER (WHERE rating IS NOT NULL) AS rated,
				count(*) FILTER (WHERE answered_in_target = false) AS late,
				count(*) FILTER (WHERE status IN ('new', 'assigned') AND due_at < now() AND waiting_since IS NULL) AS overdue,
				count(*) FILTER (WHERE status IN ('new', 'assigned')) AS open,
				(SELECT count(*) FROM knowledge_items) AS knowledge,
				count(*) FILTER (WHERE consent_shared) AS consent,
				count(*) FILTER (WHERE created_at > now() OR updated_at > now()) AS future,
				(SELECT count(*) FROM support_messages WHERE internal) AS internal,
				(SELECT count(*) FROM support_messages WHERE consultation_id IS NOT NULL) AS meetings
				FROM support_requests`)
		})
		return c
	}
	c := count()
	t.Logf("%+v", c)
	if c.Requests < 60 || c.Partners != 4 || c.Sectors < 5 || c.Answered < 30 || c.Rated < 15 || c.Late < 3 ||
		c.Overdue < 3 || c.Open < 6 || c.Knowledge < 3 || c.Consent < 3 || c.Future != 0 ||
		c.Internal < 3 || c.Meetings != 1 {
		t.Fatalf("demo support data: %+v", c)
	}
	if _, err := seedDemo(ctx, d.Owner, d.Service, idp, notifier); err != nil {
		t.Fatal(err)
	}
	if again := count(); again != c {
		t.Fatalf("seeding again changed the support requests: %+v", again)
	}
	hub, _ := demoOrgID(ctx, d.Service, "Joensuu")
	var expert int64
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.Get(&expert, `SELECT id FROM users WHERE subject = 'joensuu-adviser'`)
	})
	// The notices wait as jobs, worked in the recipients' organisations by
	// the service's own client once it runs, as this one does.
	workSupportNotices(t, d)
	var notices int
	for deadline := time.Now().Add(20 * time.Second); notices == 0 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		d.InScope(t, cases.Scope{OrgID: hub, UserID: expert}, func(tx *sqlx.Tx) error {
			return tx.Get(&notices, `SELECT count(*) FROM notifications WHERE kind LIKE 'support_%'`)
		})
	}
	if notices == 0 {
		t.Fatal("the demo's expert has no support notifications")
	}
}

// workSupportNotices starts a job client that works the support notices
// (and nothing else) until the test ends.
func workSupportNotices(t *testing.T, d *dbtest.DB) {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg := jobs.NewRegistry()
	notify.Register(reg, d.Service, notify.SMTP{}, quiet)
	support := cases.RegisterSupportJobs(reg, d.Service)
	client, err := jobs.New(d.Service, reg, jobs.Options{PollInterval: 100 * time.Millisecond, TestOnly: true, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("http://127.0.0.1:1")
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	outbox, err := notify.NewOutbox(client, func(lang, key string) string { return render.Lang(lang).T(key) }, base, notify.SMTP{})
	if err != nil {
		t.Fatal(err)
	}
	support.Use(outbox)
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		client.Stop(ctx)
	})
}

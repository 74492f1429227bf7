package notify_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/notify"
)

// An SMTP outage: the messages stay pending and are retried; when the
// server comes back each arrives exactly once, even with a duplicate job.
func TestSMTPOutageDeliversEachMessageOnceWhenTheServerReturns(t *testing.T) {
	addr := freeAddr(t) // nobody listens yet
	e := newEnv(t, smtpTo(addr))
	var ids []int64
	for _, to := range []string{"a@hub.test", "b@hub.test", "c@hub.test"} {
		ids = append(ids, e.enqueue(testMessage(to)))
	}
	for _, id := range ids {
		r := e.waitRow(id, "two failed attempts", func(r row) bool { return r.Attempts >= 2 })
		if r.Status != "pending" || r.LastError == "" {
			t.Fatalf("during the outage: %+v", r)
		}
	}
	var leaked int
	e.d.Owner.Get(&leaked, `SELECT count(*) FROM river_job WHERE errors::text LIKE '%hub.test%'`)
	if leaked != 0 {
		t.Errorf("%d River jobs record an address in their errors", leaked)
	}

	mail := startMailpit(t, addr)
	for _, id := range ids {
		e.waitRow(id, "sent", func(r row) bool { return r.Status == "sent" })
	}
	// A second job for a sent message, as a rescued job would be.
	e.inHub(func(tx *sqlx.Tx) error {
		return e.jobs.InsertTx(context.Background(), tx, notify.SendArgs{OrgID: e.net.HubID, MessageID: ids[0]}, nil)
	})
	waitJobsDone(t, e)
	list := caught(t, mail, 3)
	seen := map[string]bool{}
	for _, m := range list {
		if seen[m.MessageID] {
			t.Errorf("message %s arrived twice", m.MessageID)
		}
		seen[m.MessageID] = true
	}
}

func TestGivingUpMarksFailedAndAnAdminRetrySendsIt(t *testing.T) {
	addr := freeAddr(t)
	e := newEnv(t, smtpTo(addr))
	id := e.enqueue(testMessage("aino@hub.test"))
	r := e.waitRow(id, "failed", func(r row) bool { return r.Status == "failed" })
	if r.Attempts != notify.MaxAttempts || !strings.Contains(r.LastError, "connect") {
		t.Errorf("after giving up: %+v", r)
	}
	waitJobState(t, e, "discarded")

	mail := startMailpit(t, addr)
	e.inHub(func(tx *sqlx.Tx) error {
		return cases.RetryOutboxMessage(context.Background(), tx, e.outbox, cases.Roles{cases.RoleAdmin}, id)
	})
	r = e.waitRow(id, "sent after retry", func(r row) bool { return r.Status == "sent" })
	if r.Attempts != notify.MaxAttempts+1 {
		t.Errorf("attempts %d, want %d", r.Attempts, notify.MaxAttempts+1)
	}
	caught(t, mail, 1)
	var audited int
	e.inHub(func(tx *sqlx.Tx) error {
		return tx.Get(&audited, `SELECT count(*) FROM audit_events WHERE action = 'outbox.retry' AND record_id = $1`, idText(id))
	})
	if audited != 1 {
		t.Errorf("%d audit events for the retry", audited)
	}
	e.inHub(func(tx *sqlx.Tx) error {
		err := cases.RetryOutboxMessage(context.Background(), tx, e.outbox, nil, id)
		if err != notify.ErrNotFailed {
			t.Errorf("retrying a sent message: %v", err)
		}
		return nil
	})
}

func TestAPermanentRefusalFailsAtOnce(t *testing.T) {
	mail := startMailpit(t, "", "--smtp-allowed-recipients", `@hub\.test$`)
	e := newEnv(t, mail.SMTP("neuvo@neuvo.test"))
	id := e.enqueue(testMessage("someone@elsewhere.test"))
	r := e.waitRow(id, "failed", func(r row) bool { return r.Status == "failed" })
	if r.Attempts != 1 || !strings.Contains(r.LastError, "550") {
		t.Errorf("after a 550: %+v", r)
	}
	waitJobState(t, e, "cancelled")
}

// waitJobsDone waits until no send job is waiting or running.
func waitJobsDone(t *testing.T, e *env) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var live int
		e.d.Owner.Get(&live, `SELECT count(*) FROM river_job WHERE kind = 'notify_send'
			AND state NOT IN ('completed', 'cancelled', 'discarded')`)
		if live == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("send jobs still live after 20 s")
}

// waitJobState waits until the one send job has reached state.
func waitJobState(t *testing.T, e *env, want string) {
	t.Helper()
	var state string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if e.d.Owner.Get(&state, `SELECT state FROM river_job WHERE kind = 'notify_send'`); state == want {
			return
		}
	}
	t.Fatalf("River job is %s, want %s", state, want)
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }

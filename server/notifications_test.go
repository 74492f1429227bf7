package server

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/notify/mailpit"
)

var mailpitBinary = sync.OnceValues(func() (string, error) { return mailpit.Binary(context.Background(), ".") })

func startMailpit(t *testing.T) *mailpit.Process {
	t.Helper()
	bin, err := mailpitBinary()
	if err != nil {
		t.Fatal(err)
	}
	smtp, _ := mailpit.FreeAddr()
	ui, _ := mailpit.FreeAddr()
	p, err := mailpit.Start(context.Background(), bin, smtp, ui)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	return p
}

// The whole path through a request: the admin's test notification is in
// their list at once and arrives by real SMTP after the commit.
func TestAdminTestNotificationArrivesByMailAndInTheApp(t *testing.T) {
	h := newHarness(t)
	mail := startMailpit(t)
	h.sendMailThrough(mail.SMTP("Neuvo <neuvo@neuvo.test>"))
	admin := h.login("hub", "hub-admin")
	resp := h.post(admin, "/admin/outbox/test", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/outbox?done=test" {
		t.Fatalf("POST /admin/outbox/test: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var address string
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&address, `SELECT email FROM users WHERE id = $1`, h.users["hub-admin"])
	})
	got := waitForMail(t, mail)
	if len(got.To) != 1 || got.To[0].Address != address || got.Subject != "Neuvo: testiviesti" ||
		!strings.Contains(got.Text, h.base+"/notifications") {
		t.Errorf("mail to %v, subject %q, text:\n%s", got.To, got.Subject, got.Text)
	}

	page := body(t, h.get(admin, "/admin/outbox"))
	mustContain(t, page, `data-configured="yes"`, `data-status="sent"`, address)
	home := body(t, h.get(admin, "/"))
	mustContain(t, home, `id="home-unread"`, "1 lukematonta")
	list := body(t, h.get(admin, "/notifications"))
	mustContain(t, list, `class="unread"`, "Testi-ilmoitus", `href="/notifications"`)
	if resp := h.post(admin, "/notifications/read", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark read: %d", resp.StatusCode)
	}
	if strings.Contains(body(t, h.get(admin, "/notifications")), `class="unread"`) {
		t.Error("still unread after marking all read")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'outbox.test'`); n != 1 {
		t.Errorf("%d audit events for the test notification", n)
	}
}

func waitForMail(t *testing.T, mail *mailpit.Process) mailpit.Message {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		list, err := mail.Messages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) > 0 {
			m, err := mail.Message(ctx, list[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatal("no mail arrived within 20 s")
	return mailpit.Message{}
}

// Without SMTP the page says so; a failed message can be retried, and the
// retry is audited and queues a send job.
func TestOutboxPageWithoutSMTPAndRetry(t *testing.T) {
	h := newHarness(t)
	id := h.failedMessage(h.orgs["hub"])
	admin := h.login("hub", "hub-admin")
	page := body(t, h.get(admin, "/admin/outbox"))
	mustContain(t, page, `data-configured="no"`, "NEUVO_SMTP_HOST", `data-status="failed"`, "connection refused",
		`action="/admin/outbox/`+idString(id)+`/retry"`)
	resp := h.post(admin, "/admin/outbox/"+idString(id)+"/retry", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/outbox?done=retried" {
		t.Fatalf("retry: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM outbox_messages WHERE status = 'pending' AND id = $1`, id); n != 1 {
		t.Error("the retried message is not pending")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'outbox.retry' AND record_id = $1`, idString(id)); n != 1 {
		t.Errorf("%d audit events for the retry", n)
	}
	var jobs int
	h.db.Owner.Get(&jobs, `SELECT count(*) FROM river_job WHERE kind = 'notify_send' AND (args->>'message_id')::bigint = $1`, id)
	if jobs != 1 {
		t.Errorf("%d send jobs queued by the retry", jobs)
	}
	// A second click finds it no longer failed and changes nothing.
	if resp := h.post(admin, "/admin/outbox/"+idString(id)+"/retry", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("second retry: %d", resp.StatusCode)
	}
	mustContain(t, body(t, h.get(admin, "/notifications")), "Sähköposti-ilmoitukset eivät ole käytössä")
}

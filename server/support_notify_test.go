package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/notify/mailpit"
)

// mailTo waits for a message to address and returns it.
func mailTo(t *testing.T, mail *mailpit.Process, address string) mailpit.Message {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		list, err := mail.Messages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range list {
			if len(m.To) == 1 && m.To[0].Address == address {
				full, err := mail.Message(ctx, m.ID)
				if err != nil {
					t.Fatal(err)
				}
				return full
			}
		}
	}
	t.Fatalf("no mail to %s within 20 s", address)
	return mailpit.Message{}
}

// TestSupportNotificationsArriveByMailWithANumberAndALink follows one
// request through real SMTP: the assigned expert, the requester on the
// answer, the coordinator past the target. Every message names the
// request's number and links to it, and carries none of its text.
func TestSupportNotificationsArriveByMailWithANumberAndALink(t *testing.T) {
	h := newHarness(t)
	mail := startMailpit(t)
	h.sendMailThrough(mail.SMTP("Neuvo <neuvo@neuvo.test>"))
	question := "Perheen isä kysyy perheenyhdistämisen käsittelyajasta."
	in := supportQuestion(question)
	in.Urgency = cases.UrgencyToday
	id := h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, in)
	var number string
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&number, `SELECT number FROM support_requests WHERE id = $1`, id)
	})
	link := h.base + "/support/" + idString(id)

	coordinator := h.login("hub", "hub-manager")
	if resp := h.post(coordinator, "/support/"+idString(id)+"/assign", url.Values{"assignee": {idString(h.users["hub-adviser"])}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign: %d", resp.StatusCode)
	}
	assigned := mailTo(t, mail, "hub-adviser@example.test") // pre-registered; not logged in yet
	expert := h.login("hub", "hub-adviser")
	answer := "Käsittelyaika on noin yhdeksän kuukautta."
	h.post(expert, "/support/"+idString(id)+"/messages", url.Values{"kind": {"answer"}, "body": {answer},
		"idempotency_key": {cases.NewIdempotencyKey()}})
	answered := mailTo(t, mail, "partner-worker@example.test")
	for name, m := range map[string]mailpit.Message{"assigned": assigned, "answered": answered} {
		if !strings.Contains(m.Subject, number) || !strings.Contains(m.Text, number) || !strings.Contains(m.Text, link) {
			t.Errorf("%s: subject %q, text lacks the number or %s:\n%s", name, m.Subject, link, m.Text)
		}
		for _, secret := range []string{"Perheen isä", "perheenyhdistämisen", "yhdeksän kuukautta", "Org partner"} {
			if strings.Contains(m.Text, secret) || strings.Contains(m.HTML, secret) || strings.Contains(m.Subject, secret) {
				t.Errorf("%s mail carries %q", name, secret)
			}
		}
	}
	if !strings.Contains(body(t, h.get(h.login("partner", "partner-worker"), "/notifications")), number) {
		t.Error("the requester's notification list lacks the answer")
	}

	late := supportQuestion("Toinen kiireellinen kysymys.")
	late.Urgency = cases.UrgencyToday
	lateID := h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, late)
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		_, err := cases.CheckSupportTargets(context.Background(), tx, h.server.supportNotifier(), time.Now().Add(30*24*time.Hour))
		return err
	})
	overdue := mailTo(t, mail, "mikko@hub.test") // the address their login brought
	if !strings.Contains(overdue.Text, h.base+"/support/"+idString(lateID)) || strings.Contains(overdue.Text, "kiireellinen") {
		t.Errorf("the coordinator's overdue mail:\n%s", overdue.Text)
	}
}

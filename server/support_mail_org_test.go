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
)

// outboxRows counts an organisation's outbox messages of a template to an
// address, as that organisation's admin page lists them.
func (h *harness) outboxRows(org int64, template, address string) int {
	return h.count(org, `SELECT count(*) FROM outbox_messages WHERE template = $1 AND recipient = $2`, template, address)
}

// TestSupportMailIsInTheRecipientsOutbox: a support notice is e-mailed
// from the recipients' organisation's outbox (review M6), as consultation
// notices are: the expert's from the hub's, the partner worker's from the
// partner's, each listed on its own admin's outbox page only.
func TestSupportMailIsInTheRecipientsOutbox(t *testing.T) {
	h := newHarness(t)
	mail := startMailpit(t)
	h.sendMailThrough(mail.SMTP("Neuvo <neuvo@neuvo.test>"))
	id := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Kenen postiin?")))
	coordinator := h.login("hub", "hub-manager")
	if resp := h.post(coordinator, "/support/"+id+"/assign", url.Values{"assignee": {idString(h.users["hub-adviser"])}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign: %d", resp.StatusCode)
	}
	mailTo(t, mail, "hub-adviser@example.test")
	expert := h.login("hub", "hub-adviser")
	if resp := h.post(expert, "/support/"+id+"/messages", url.Values{"kind": {"answer"}, "body": {"Vastaus."},
		"idempotency_key": {cases.NewIdempotencyKey()}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer: %d", resp.StatusCode)
	}
	answered := mailTo(t, mail, "partner-worker@example.test")
	if !strings.Contains(answered.Text, h.base+"/support/"+id) {
		t.Errorf("the answer's mail lacks its link:\n%s", answered.Text)
	}
	hub, partner := h.orgs["hub"], h.orgs["partner"]
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"the answer's mail in the partner's outbox", h.outboxRows(partner, cases.NoticeAnswered, "partner-worker@example.test"), 1},
		{"the answer's mail in the hub's outbox", h.outboxRows(hub, cases.NoticeAnswered, "partner-worker@example.test"), 0},
		{"the assignment's mail in the hub's outbox", h.outboxRows(hub, cases.NoticeAssigned, "hub-adviser@example.test"), 1},
		{"the assignment's mail in the partner's outbox", h.outboxRows(partner, cases.NoticeAssigned, "hub-adviser@example.test"), 0},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	partnerPage := body(t, h.get(h.login("partner", "partner-admin"), "/admin/outbox"))
	hubPage := body(t, h.get(h.login("hub", "hub-admin"), "/admin/outbox"))
	if !strings.Contains(partnerPage, "partner-worker@example.test") || strings.Contains(partnerPage, "hub-adviser@example.test") {
		t.Error("the partner's outbox page does not list exactly its worker's mail")
	}
	if !strings.Contains(hubPage, "hub-adviser@example.test") || strings.Contains(hubPage, "partner-worker@example.test") {
		t.Error("the hub's outbox page does not list exactly its expert's mail")
	}
}

// TestSupportFollowUpReachesTheGroup: a follow-up on a request held by an
// expert group and nobody in person tells the group's members (review
// M7), and one held by a person and a group tells both.
func TestSupportFollowUpReachesTheGroup(t *testing.T) {
	h := newHarness(t)
	mail := startMailpit(t)
	h.sendMailThrough(mail.SMTP("Neuvo <neuvo@neuvo.test>"))
	ctx := context.Background()
	id := h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Ryhmälle"))
	coordinator := h.actorOf("hub", "hub-manager", cases.RoleManager)
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"], UserID: coordinator.UserID}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		hub, err := cases.GetOrganisation(ctx, tx, h.orgs["hub"])
		if err != nil {
			return err
		}
		group, err := cases.SaveExpertGroup(ctx, tx, tax, coordinator.Roles, hub, 0, cases.ExpertGroupInput{Name: "Luvat",
			Topics: []string{"permits"}, Members: []int64{h.users["hub-adviser"], h.users["hub-colleague"]}})
		if err != nil {
			return err
		}
		_, err = cases.AssignSupportRequest(ctx, tx, nil, coordinator, id, cases.Assignment{GroupID: group}, time.Now())
		return err
	})
	worker := h.login("partner", "partner-worker")
	follow := func() {
		t.Helper()
		if resp := h.post(worker, "/support/"+idString(id)+"/messages", url.Values{"body": {"Vielä yksi asia."},
			"idempotency_key": {cases.NewIdempotencyKey()}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("follow-up: %d", resp.StatusCode)
		}
	}
	follow()
	for _, address := range []string{"hub-adviser@example.test", "hub-colleague@example.test"} {
		m := mailTo(t, mail, address)
		if !strings.Contains(m.Text, h.base+"/support/"+idString(id)) || strings.Contains(m.Text, "Vielä yksi") {
			t.Errorf("the follow-up's mail to %s:\n%s", address, m.Text)
		}
		if n := h.outboxRows(h.orgs["hub"], cases.NoticeFollowUp, address); n != 1 {
			t.Errorf("%d follow-up mails to %s in the hub's outbox, want 1", n, address)
		}
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM outbox_messages`); n != 0 {
		t.Errorf("%d mails in the requester's outbox", n)
	}
}

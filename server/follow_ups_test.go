package server

import (
	"net/http"
	"net/url"
	"testing"
)

func TestFollowUpsAreCompletedByTheirOwnerAManagerOrWhoTookThemOver(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	_, _, followUp := h.matrixCase(point) // hub-adviser's follow-up
	done := "/follow-ups/" + idString(followUp) + "/done"
	open := func() int {
		return h.count(h.orgs["hub"], `SELECT count(*) FROM follow_ups WHERE id = $1 AND done_at IS NULL`, followUp)
	}
	colleague := h.login("hub", "hub-colleague")
	if resp := h.post(colleague, done, url.Values{}); resp.StatusCode != http.StatusForbidden || open() != 1 {
		t.Fatalf("another adviser completing it: %d, open %d", resp.StatusCode, open())
	}
	if resp := h.post(colleague, "/follow-ups/"+idString(followUp)+"/take-over", url.Values{"return": {"/"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("take over: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'follow_up.take_over'
		AND actor_id = $1 AND (details->>'from_user')::bigint = $2`, h.users["hub-colleague"], h.users["hub-adviser"]); n != 1 {
		t.Fatalf("%d take-over audit events naming the previous owner", n)
	}
	owner := h.login("hub", "hub-adviser")
	if resp := h.post(owner, done, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the previous owner completing it: %d", resp.StatusCode)
	}
	if resp := h.post(colleague, done, url.Values{}); resp.StatusCode != http.StatusSeeOther || open() != 0 {
		t.Fatalf("the new owner completing it: %d, open %d", resp.StatusCode, open())
	}

	_, _, second := h.matrixCase(point)
	manager := h.login("hub", "hub-manager")
	mustContain(t, body(t, h.get(manager, "/contacts/"+idString(h.contactOf(second)))), `/follow-ups/`+idString(second)+`/done`)
	if resp := h.post(manager, "/follow-ups/"+idString(second)+"/done", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a manager completing it: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM follow_ups WHERE id = $1 AND done_at IS NOT NULL`, second); n != 1 {
		t.Fatal("the manager's completion was not stored")
	}
}

func (h *harness) contactOf(followUp int64) int64 {
	return int64(h.count(h.orgs["hub"], `SELECT contact_id FROM follow_ups WHERE id = $1`, followUp))
}

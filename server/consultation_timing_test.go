package server

import (
	"net/http"
	"testing"
	"time"
)

// TestTheAPIRefusesAnEarlyHoldAndALateCancellationByField: marking held
// days before the start and a partner's cancellation after it answer 422
// naming the status field, and change nothing (review low 2).
func TestTheAPIRefusesAnEarlyHoldAndALateCancellationByField(t *testing.T) {
	h := newHarness(t)
	c := h.bookSlot(h.publishSlot(3, 10))
	path := "/api/v1/consultations/" + idString(c.ID)
	adviser := h.accessToken("hub", "hub-adviser")
	p := h.api(apiCall{method: "GET", path: path + "/contact-draft", token: adviser}).problemOf(t, http.StatusUnprocessableEntity)
	if !p.has("status", "error.hold_too_early") {
		t.Errorf("the draft three days ahead: %+v", p.Errors)
	}
	h.server.now = func() time.Time { return c.StartsAt.Add(5 * time.Minute) }
	worker := h.accessToken("partner", "partner-worker")
	p = h.api(apiCall{method: "POST", path: path + "/status", token: worker, body: `{"status": "cancelled", "reason": "Asukas sairastui"}`}).
		problemOf(t, http.StatusUnprocessableEntity)
	if !p.has("status", "error.cancel_started") {
		t.Errorf("the partner's cancellation after the start: %+v", p.Errors)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations WHERE status = 'booked'`); n != 1 {
		t.Fatal("a refused change was stored")
	}
}

package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestNonInvolvedMunicipalitiesGet404OnConsultations walks every
// consultation and slot ID route as a worker of a municipality the
// consultation is not for, and as an adviser of another network, by
// session and by bearer token: each answers 404 and changes nothing.
// (TestOtherOrganisationsRecordsAnswer404 walks them as the partner's
// adviser and manager.) Slots are the whole network's to book, so only
// another network is walked on them. Routes the walker's roles may not
// use at all answer 403 for every id and are left to the matrix.
func TestNonInvolvedMunicipalitiesGet404OnConsultations(t *testing.T) {
	h := newHarness(t)
	consultation := h.foreignConsultation()
	slot := h.publishSlot(2, 9)
	outsiders := map[string][][3]string{
		"consultations": {{"partner", "partner-worker", "partner_worker"}, {"other", "other-adviser", "adviser,manager"}},
		"slots":         {{"other", "other-adviser", "adviser,manager"}},
	}
	ids := map[string]string{"consultations": idString(consultation.ID), "slots": idString(slot.ID)}
	checked := 0
	for resource, logins := range outsiders {
		for _, who := range logins {
			session, token := h.login(who[0], who[1]), h.accessToken(who[0], who[1])
			for _, r := range h.server.routes() {
				if !strings.Contains(r.path, "/"+resource+"/:id") || !mayUse(policy[r.method+" "+r.path], who[2]) {
					continue
				}
				path := strings.Replace(r.path, ":id", ids[resource], 1)
				for _, by := range []string{"session", "bearer"} {
					if by == "bearer" && !strings.HasPrefix(path, "/api/") {
						continue
					}
					resp := h.isolationRequest(session, token, by, r.method, path)
					if resp.StatusCode != http.StatusNotFound {
						t.Errorf("%s %s by %s (%s): %d, want 404", r.method, path, who[1], by, resp.StatusCode)
					}
					resp.Body.Close()
					checked++
				}
			}
		}
	}
	if checked < 30 {
		t.Fatalf("only %d requests checked: the walk found too few routes", checked)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations WHERE status = 'booked' AND sequence = 0`); n != 1 {
		t.Fatal("the consultation was changed from outside")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultation_slots WHERE withdrawn_at IS NULL`); n != 1 {
		t.Fatal("the slot was withdrawn from outside")
	}
}

// mayUse reports whether any of the roles passes the policy rule.
func mayUse(rule, roles string) bool {
	for _, role := range strings.Split(roles, ",") {
		if expected(rule, role) == "allowed" {
			return true
		}
	}
	return false
}

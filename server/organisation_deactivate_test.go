package server

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/auth/devidp"
	"neuvo/cases"
)

// deactivatePartner saves the partner's settings unchanged except for the
// active box, as the hub admin's form does.
func (h *harness) deactivatePartner(admin *http.Client) {
	h.t.Helper()
	resp := h.post(admin, "/admin/organisations/"+idString(h.orgs["partner"]), url.Values{
		"name": {"Org partner"}, "municipality_code": {"167"}, "issuer": {h.idp.IssuerURL("partner")},
		"client_id": {"neuvo-test"}, "role_claim": {"roles"}, "role_map": {"neuvo-managers=manager"},
		"contact_edit_days": {"14"}, // no "active": the box is unticked
	})
	if resp.StatusCode != http.StatusSeeOther {
		h.t.Fatalf("deactivating the partner: %d", resp.StatusCode)
	}
	if h.count(h.orgs["partner"], `SELECT count(*) FROM organisations WHERE id = $1 AND NOT active`, h.orgs["partner"]) != 1 {
		h.t.Fatal("the partner is still active")
	}
}

func TestDeactivatingOrganisationEndsItsSessionsAtOnce(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["partner"], "Partner desk")
	adviser := h.login("partner", "partner-adviser")
	worker := h.login("partner", "partner-worker")
	hubUser := h.login("hub", "hub-adviser")
	h.deactivatePartner(h.login("hub", "hub-admin"))

	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM sessions`); n != 0 {
		t.Fatalf("%d partner sessions left after deactivation, want 0", n)
	}
	for name, b := range map[string]*http.Client{"adviser": adviser, "worker": worker} {
		if resp := h.get(b, "/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%s's page after deactivation: %d, want a redirect to login", name, resp.StatusCode)
		}
	}
	h.api(apiCall{method: "GET", path: "/api/v1/me", browser: adviser}).problemOf(t, http.StatusUnauthorized)
	h.api(apiCall{method: "POST", path: "/api/v1/contacts", browser: adviser, body: walkInJSON(point, ""),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusUnauthorized)
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("%d contacts created by a session of a deactivated organisation", n)
	}
	if resp := h.get(hubUser, "/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the hub's own session answered %d after a partner was deactivated", resp.StatusCode)
	}
}

// TestInactiveOrganisationsSessionIsRefused is the defence in depth: a
// session row that survives (here the flag is cleared behind the
// service's back) still opens nothing.
func TestInactiveOrganisationsSessionIsRefused(t *testing.T) {
	h := newHarness(t)
	adviser := h.login("partner", "partner-adviser")
	secret := h.cookie(adviser, "neuvo-session").Value
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["partner"]}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`UPDATE organisations SET active = false WHERE id = $1`, h.orgs["partner"])
		return err
	})
	if h.count(h.orgs["partner"], `SELECT count(*) FROM sessions`) != 1 {
		t.Fatal("the test needs the session row to survive")
	}
	if resp := h.get(adviser, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("session of an inactive organisation answered %d, want a redirect to login", resp.StatusCode)
	}
	h.api(apiCall{method: "GET", path: "/api/v1/me", browser: adviser}).problemOf(t, http.StatusUnauthorized)
	var resumed int
	h.db.InScope(t, cases.Scope{}, func(tx *sqlx.Tx) error {
		return tx.Get(&resumed, `SELECT count(*) FROM app_resume_session(sha256(convert_to($1, 'UTF8')), '1 hour', '1 minute')`, secret)
	})
	if resumed != 0 {
		t.Fatal("app_resume_session resumed a session of an inactive organisation")
	}
}

func TestDeactivatingOrganisationRefusesItsBearerTokens(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["partner"], "Partner desk")
	token := h.accessToken("partner", "partner-adviser")
	var me meDoc
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: token}).decode(t, &me)
	if me.OrganisationID != h.orgs["partner"] {
		t.Fatalf("before deactivation the token acts as %+v", me)
	}
	h.deactivatePartner(h.login("hub", "hub-admin"))
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: token}).problemOf(t, http.StatusUnauthorized)
	h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token, body: walkInJSON(point, ""),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusUnauthorized)
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("%d contacts created by a token of a deactivated organisation", n)
	}
}

func TestLoginUnderWayWhenOrganisationIsDeactivatedIsRefused(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	callback, err := devidp.LoginAs(b, h.startLogin(b, "partner", "/"), "partner-adviser")
	if err != nil {
		t.Fatal(err)
	}
	h.deactivatePartner(h.login("hub", "hub-admin"))
	h.callbackRefused(b, callback)
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM sessions`); n != 0 {
		t.Fatalf("%d sessions started for a deactivated organisation", n)
	}
}

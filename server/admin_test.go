package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func (h *harness) auditCount(org int64, action string) int {
	var n int
	h.db.InScope(h.t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
		return tx.Get(&n, `SELECT count(*) FROM audit_events WHERE action = $1`, action)
	})
	return n
}

func TestAdvicePointValidationKeepsTypingAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	resp := h.post(b, "/admin/advice-points", url.Values{"name": {"  "}, "kind": {"castle"}, "address": {"Kauppakatu 1"}})
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid advice point: %d, want 422", resp.StatusCode)
	}
	mustContain(t, page, "Tämä kenttä on pakollinen.", "Valitse jokin vaihtoehdoista.", `value="Kauppakatu 1"`, `aria-invalid="true"`)
	var n int
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&n, `SELECT count(*) FROM advice_points`)
	})
	if n != 0 || h.auditCount(h.orgs["hub"], "advice_point.create") != 0 {
		t.Fatal("an invalid advice point was saved or audited")
	}
}

func TestAdvicePointCreateAndEditAreAudited(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	resp := h.post(b, "/admin/advice-points", url.Values{"name": {"Info desk"}, "kind": {"info_desk"}, "active": {"on"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	mustContain(t, body(t, h.get(b, "/admin/advice-points")), "Info desk", "Infopiste")
	if h.auditCount(h.orgs["hub"], "advice_point.create") != 1 {
		t.Fatal("creating an advice point wrote no audit event")
	}
	dup := h.post(b, "/admin/advice-points", url.Values{"name": {"Info desk"}, "kind": {"office"}})
	if dup.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate name: %d, want 422", dup.StatusCode)
	}
	mustContain(t, body(t, dup), "Tämä on jo käytössä.")
}

func TestOrganisationValidationNamesEachField(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	path := "/admin/organisations/" + idString(h.orgs["hub"])
	resp := h.post(b, path, url.Values{"name": {"Renamed hub"}, "municipality_code": {"16"},
		"issuer": {"http://idp.example.com/x"}, "client_id": {""}, "role_map": {"x=emperor"}, "active": {"on"}})
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid organisation: %d, want 422", resp.StatusCode)
	}
	mustContain(t, page, "Kuntanumerossa on kolme numeroa", "Anna https-osoite", "Tämä kenttä on pakollinen.",
		"Kirjoita yksi pari riville", `value="Renamed hub"`, "x=emperor")
	org, _ := cases.GetOrganisation(context.Background(), h.db.Service, h.orgs["hub"])
	if org.Name != "Org hub" {
		t.Fatalf("invalid change was saved: name %q", org.Name)
	}
}

func TestOrganisationSecretIsNeverShownAndKeptWhenBlank(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	path := "/admin/organisations/" + idString(h.orgs["partner"])
	page := body(t, h.get(b, path))
	if strings.Contains(page, "test-secret") {
		t.Fatal("the client secret is shown in the form")
	}
	resp := h.post(b, path, url.Values{"name": {"Partner renamed"}, "municipality_code": {"426"},
		"issuer": {h.idp.IssuerURL("partner")}, "client_id": {"neuvo-test"}, "role_claim": {"roles"}, "active": {"on"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("hub admin updating partner: %d", resp.StatusCode)
	}
	org, _ := cases.GetOrganisation(context.Background(), h.db.Service, h.orgs["partner"])
	if org.Name != "Partner renamed" || org.ClientSecret != "test-secret" {
		t.Fatalf("after update: name %q, secret kept %v", org.Name, org.ClientSecret == "test-secret")
	}
	if h.auditCount(h.orgs["hub"], "organisation.update") != 1 {
		t.Fatal("organisation update not audited")
	}
	h.login("partner", "partner-worker") // the provider is rediscovered after the settings changed
}

func TestHubAdminAddsPartnerButPartnerAdminCannot(t *testing.T) {
	h := newHarness(t)
	hub := h.login("hub", "hub-admin")
	resp := h.post(hub, "/admin/organisations", url.Values{"name": {"Ilomantsi"}, "municipality_code": {"146"}, "active": {"on"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("hub admin adding a partner: %d", resp.StatusCode)
	}
	mustContain(t, body(t, h.get(hub, "/admin/organisations")), "Ilomantsi", "Org partner")
	partner := h.login("partner", "partner-admin")
	if resp := h.post(partner, "/admin/organisations", url.Values{"name": {"Rogue"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("partner admin adding an organisation: %d, want 403", resp.StatusCode)
	}
	if resp := h.get(partner, "/admin/organisations/new"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("partner admin opening the new-organisation form: %d, want 403", resp.StatusCode)
	}
	list := body(t, h.get(partner, "/admin/organisations"))
	mustContain(t, list, "Org partner")
	if strings.Contains(list, "Org hub") || strings.Contains(list, "Ilomantsi") {
		t.Fatal("a partner admin sees other organisations")
	}
}

func TestAdminRecordsOfOtherOrganisationsAreNotFound(t *testing.T) {
	h := newHarness(t)
	var hubPoint int64
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) (err error) {
		hubPoint, err = cases.CreateAdvicePoint(context.Background(), tx, nil, cases.AdvicePointInput{Name: "Hub desk", Kind: "office", Active: true})
		return err
	})
	partner := h.login("partner", "partner-admin")
	other := h.login("other", "other-admin")
	for _, c := range []struct {
		b    *http.Client
		path string
	}{
		{partner, "/admin/advice-points/" + idString(hubPoint)},
		{partner, "/admin/users/" + idString(h.users["hub-adviser"])},
		{partner, "/admin/organisations/" + idString(h.orgs["hub"])},
		{other, "/admin/organisations/" + idString(h.orgs["partner"])},
		{other, "/admin/users/" + idString(h.users["partner-worker"])},
	} {
		if resp := h.get(c.b, c.path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s from another organisation: %d, want 404", c.path, resp.StatusCode)
		}
		if resp := h.post(c.b, c.path, url.Values{"name": {"x"}, "kind": {"office"}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s from another organisation: %d, want 404", c.path, resp.StatusCode)
		}
	}
}

func TestAdminCannotRemoveOwnAdminRole(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	resp := h.post(b, "/admin/users/"+idString(h.users["hub-admin"]), url.Values{"roles": {"adviser"}, "active": {"on"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("removing own admin role: %d, want 422", resp.StatusCode)
	}
	if resp := h.get(b, "/admin/users"); resp.StatusCode != http.StatusOK {
		t.Fatal("admin lost access")
	}
}

func TestAdminPreRegistersUserWithRoles(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	before := h.auditCount(h.orgs["hub"], "user.create")
	resp := h.post(b, "/admin/users", url.Values{"subject": {"hub-newcomer"}, "name": {"Noora"}, "roles": {"adviser", "manager"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("pre-registering: %d", resp.StatusCode)
	}
	newcomer := h.login("hub", "hub-newcomer")
	mustContain(t, body(t, h.get(newcomer, "/")), "Neuvoja", "Esihenkilö")
	if resp := h.post(b, "/admin/users", url.Values{"subject": {"x"}, "roles": {"emperor"}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown role: %d, want 400", resp.StatusCode)
	}
	if h.auditCount(h.orgs["hub"], "user.create") != before+1 {
		t.Fatal("pre-registration not audited")
	}
}

func TestAuditPageListsAdminActions(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	h.post(b, "/admin/advice-points", url.Values{"name": {"Desk"}, "kind": {"office"}})
	mustContain(t, body(t, h.get(b, "/admin/audit")), "advice_point.create", "login")
}

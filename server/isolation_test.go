package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"neuvo/cases"
)

// TestOtherOrganisationsRecordsAnswer404 walks every ID-bearing case-work
// route of the table, pages and API, with another organisation's adviser
// and manager (by session and, for the API, by bearer token): each answers
// 404, exactly as for a record that does not exist. A new ID route is
// covered without editing this test, or fails it if its resource is new.
func TestOtherOrganisationsRecordsAnswer404(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	contact, client, followUp := h.matrixCase(point)
	upload := strings.TrimPrefix(h.matrixUpload(), "/imports/")
	request := idString(h.fileSupport("hub", "hub-adviser", cases.RoleAdviser, supportQuestion("Keskuksen oma kysymys")))
	ids := map[string]string{"contacts": idString(contact), "clients": idString(client), "follow-ups": idString(followUp),
		"imports": upload, "consultations": idString(h.foreignConsultation().ID), "slots": idString(h.publishSlot(2, 9).ID),
		"support": request, "support-requests": request, "support/groups": idString(h.supportGroup("Hub group")),
		"stats/releases": idString(h.hubRelease())}
	session := h.login("partner", "partner-adviser")
	token := h.accessToken("partner", "partner-adviser")
	checked := 0
	for _, r := range h.server.routes() {
		if !strings.Contains(r.path, ":id") || strings.HasPrefix(r.path, "/admin/") {
			continue
		}
		path := fillID(t, r.path, ids)
		for _, by := range []string{"session", "bearer"} {
			if by == "bearer" && !strings.HasPrefix(path, "/api/") {
				continue
			}
			resp := h.isolationRequest(session, token, by, r.method, path)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s by %s from another organisation: %d, want 404", r.method, path, by, resp.StatusCode)
			}
			resp.Body.Close()
			checked++
		}
	}
	if checked < 15 {
		t.Fatalf("only %d requests checked: the route walk is broken", checked)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE deleted_at IS NULL`); n != 1 {
		t.Fatalf("the hub's contact was changed from outside: %d live contacts", n)
	}
}

func fillID(t *testing.T, path string, ids map[string]string) string {
	segments := strings.Split(strings.TrimPrefix(strings.TrimPrefix(path, "/api/v1"), "/"), "/")
	resource := segments[0]
	if len(segments) > 1 && ids[resource+"/"+segments[1]] != "" { // a sub-resource with ids of its own
		resource += "/" + segments[1]
	}
	id, ok := ids[resource]
	if !ok {
		t.Fatalf("%s: the isolation test has no record of resource %q", path, resource)
	}
	return strings.Replace(path, ":id", id, 1)
}

func (h *harness) isolationRequest(session *http.Client, token, by, method, path string) *http.Response {
	h.t.Helper()
	if !strings.HasPrefix(path, "/api/") {
		if method == http.MethodGet {
			return h.get(session, path)
		}
		return h.post(session, path, url.Values{"reason": {"x"}, "duration_min": {"5"}})
	}
	body := `{}` // a valid document, so that only the record's absence can answer
	if method == http.MethodDelete {
		body = `{"reason":"x"}`
	}
	req, _ := http.NewRequest(method, h.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	client := session
	if by == "bearer" {
		client = h.browser()
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

// TestOtherOrganisationsOutboxAnswers404 walks the outbox's ID routes with
// the admins of a partner in the same network and of another network: a
// hub's message answers 404 and stays as it was, and their outbox pages
// do not list it.
func TestOtherOrganisationsOutboxAnswers404(t *testing.T) {
	h := newHarness(t)
	id := h.failedMessage(h.orgs["hub"])
	checked := 0
	for _, admin := range [][2]string{{"partner", "partner-admin"}, {"other", "other-admin"}} {
		b := h.login(admin[0], admin[1])
		if strings.Contains(body(t, h.get(b, "/admin/outbox")), "aino@hub.test") {
			t.Errorf("%s sees the hub's message", admin[1])
		}
		for _, r := range h.server.routes() {
			if !strings.HasPrefix(r.path, "/admin/outbox/") || !strings.Contains(r.path, ":id") {
				continue
			}
			resp := h.send(b, r.method, strings.Replace(r.path, ":id", idString(id), 1))
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s by %s: %d, want 404", r.method, r.path, admin[1], resp.StatusCode)
			}
			resp.Body.Close()
			checked++
		}
	}
	if checked < 2 {
		t.Fatalf("only %d requests checked: the walk found no outbox ID route", checked)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM outbox_messages WHERE status = 'failed' AND id = $1`, id); n != 1 {
		t.Fatal("the hub's failed message was changed from outside")
	}
}

// TestOtherNetworksProjectAnswers404 walks every project ID route with
// another network's hub admin: each answers 404 and changes nothing.
func TestOtherNetworksProjectAnswers404(t *testing.T) {
	h := newHarness(t)
	id := h.hubProject("Karjalan hanke")
	b := h.login("other", "other-admin")
	checked := 0
	for _, r := range h.server.routes() {
		if !strings.HasPrefix(r.path, "/admin/projects/:id") {
			continue
		}
		path := strings.Replace(r.path, ":id", idString(id), 1)
		var resp *http.Response
		if r.method == http.MethodGet {
			resp = h.get(b, path)
		} else {
			resp = h.post(b, path, url.Values{"name": {"Taken"}, "from": {"2025-01"}, "to": {"2025-12"},
				"members": {idString(h.orgs["other"])}, "target_contacts_0": {"5"}, "share_2025": {"10"}})
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s by another network's admin: %d, want 404", r.method, path, resp.StatusCode)
		}
		resp.Body.Close()
		checked++
	}
	if checked < 4 {
		t.Fatalf("only %d project routes walked", checked)
	}
	if strings.Contains(body(t, h.get(b, "/admin/projects")), "Karjalan hanke") {
		t.Error("another network lists the project")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM projects WHERE name = 'Karjalan hanke'`) +
		h.count(h.orgs["hub"], `SELECT count(*) FROM project_targets`) + h.count(h.orgs["hub"], `SELECT count(*) FROM project_costs`); n != 1 {
		t.Errorf("the project was changed from outside (%d rows)", n)
	}
}

package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// givePurpose answers the purpose form for the session.
func (h *harness) givePurpose(b *http.Client, clientPath, purpose string) {
	h.t.Helper()
	resp := h.post(b, clientPath+"/purpose", url.Values{"purpose": {purpose}, "next": {"file"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != clientPath {
		h.t.Fatalf("purpose %s: %d to %q", purpose, resp.StatusCode, resp.Header.Get("Location"))
	}
}

// clientViews counts a client's audited reads, with their purposes.
func (h *harness) clientViews(clientID string) (n int, purposes string) {
	h.t.Helper()
	var row struct {
		N        int    `db:"n"`
		Purposes string `db:"purposes"`
	}
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&row, `SELECT count(*) AS n, coalesce(string_agg(purpose || '/' || coalesce(details->>'via', ''), ',' ORDER BY id), '') AS purposes
			FROM audit_events WHERE action IN ('client.view', 'client.update') AND record_id = $1`, clientID)
	})
	return row.N, row.Purposes
}

func (h *harness) newClient(b *http.Client, name string) (path, id string) {
	h.t.Helper()
	resp := h.post(b, "/clients", url.Values{"name": {name}, "phone": {"040 123 4567"}})
	resp.Body.Close()
	path = resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(path, "/clients/") {
		h.t.Fatalf("create client: %d to %q", resp.StatusCode, path)
	}
	return path, strings.TrimPrefix(path, "/clients/")
}

func TestOpeningAClientFileAsksThePurposeOncePerSession(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	first, firstID := h.newClient(b, "Amina Example")
	second, secondID := h.newClient(b, "Omar Example")

	resp := h.get(b, first)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != first+"/purpose?next=file" {
		t.Fatalf("first opening: %d to %q, want the purpose form", resp.StatusCode, resp.Header.Get("Location"))
	}
	form := body(t, h.get(b, first+"/purpose?next=file"))
	mustContain(t, form, `value="case_work"`, `value="other"`, `name="purpose_text"`)
	if strings.Contains(form, "Amina") {
		t.Fatal("the purpose form shows the client's name")
	}
	if n, _ := h.clientViews(firstID); n != 0 {
		t.Fatalf("asking the purpose wrote %d audit events", n)
	}

	resp = h.post(b, first+"/purpose", url.Values{"purpose": {"other"}, "next": {"file"}})
	if page := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Kerro lyhyesti") {
		t.Fatalf("other without words: %d", resp.StatusCode)
	}
	resp = h.post(b, first+"/purpose", url.Values{"purpose": {"other"}, "purpose_text": {"Kela letter"}, "next": {"file"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("purpose: %d", resp.StatusCode)
	}
	mustContain(t, body(t, h.get(b, first)), "Amina Example", "Kela letter")
	mustContain(t, body(t, h.get(b, second)), "Omar Example") // remembered: no second question
	if n, p := h.clientViews(firstID); n != 1 || p != "other/file" {
		t.Errorf("first client: %d audited reads %q, want one with purpose other", n, p)
	}
	if n, p := h.clientViews(secondID); n != 1 || p != "other/file" {
		t.Errorf("second client: %d audited reads %q", n, p)
	}
	if h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE details->>'purpose_text' = 'Kela letter'`) != 2 {
		t.Error("the words for other are not in the audit events")
	}
	if fresh := h.login("hub", "hub-adviser"); h.get(fresh, first).StatusCode != http.StatusSeeOther {
		t.Error("a new session was not asked the purpose again")
	}
}

func TestAuditedReadsRefuseCrossSiteRequests(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	path, id := h.newClient(b, "Amina Example")
	h.givePurpose(b, path, "case_work")
	cases := []struct{ name, header, value string }{
		{"a cross-site link", "Sec-Fetch-Site", "cross-site"},
		{"a sibling site", "Sec-Fetch-Site", "same-site"},
		{"an old browser coming from elsewhere", "Referer", "https://evil.example/page"},
	}
	for _, target := range []string{path, path + "/edit", "/api/v1/clients/" + id + "?purpose=case_work"} {
		for _, c := range cases {
			req, _ := http.NewRequest(http.MethodGet, h.base+target, nil)
			req.Header.Set(c.header, c.value)
			resp, err := b.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			page := body(t, resp)
			if resp.StatusCode != http.StatusForbidden || strings.Contains(page, "Amina") {
				t.Errorf("%s to %s: %d", c.name, target, resp.StatusCode)
			}
		}
	}
	if n, _ := h.clientViews(id); n != 0 {
		t.Fatalf("refused cross-site reads wrote %d audit events", n)
	}
	req, _ := http.NewRequest(http.MethodGet, h.base+path, nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if resp, _ := b.Do(req); resp.StatusCode != http.StatusOK {
		t.Fatalf("a same-origin opening: %d", resp.StatusCode)
	}
	req.Header.Set("Sec-Fetch-Site", "none") // typed or bookmarked
	if resp, _ := b.Do(req); resp.StatusCode != http.StatusOK {
		t.Fatalf("a typed address: %d", resp.StatusCode)
	}
}

func TestEveryReadOfIdentifyingDetailsIsAuditedOnceWithItsPurpose(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	token := h.accessToken("hub", "hub-adviser")
	path, id := h.newClient(b, "Amina Example")
	h.givePurpose(b, path, "follow_up")
	key := cases.NewIdempotencyKey()
	create := apiCall{method: http.MethodPost, path: "/api/v1/clients", token: token, body: `{"name":"Replay Person"}`,
		headers: map[string]string{"Idempotency-Key": key}}
	var made clientDoc
	h.api(create).decode(t, &made)
	replayID := idString(made.ID)

	reads := []struct {
		name, client, want string
		read               func() string
	}{
		{"client file page", id, "follow_up/file", func() string { return body(t, h.get(b, path)) }},
		{"client edit page", id, "follow_up/edit", func() string { return body(t, h.get(b, path+"/edit")) }},
		{"API client read", id, "correction/file", func() string {
			return string(h.api(apiCall{method: http.MethodGet, path: "/api/v1/clients/" + id + "?purpose=correction", token: token}).body)
		}},
		{"API client update", id, "case_work/", func() string {
			return string(h.api(apiCall{method: http.MethodPut, path: "/api/v1/clients/" + id, token: token,
				body: `{"name":"Amina Example","status":"open"}`}).body)
		}},
		{"API create replay", replayID, "case_work/create replay", func() string { return string(h.api(create).body) }},
		{"API client history", id, "client_request/contact list", func() string {
			return string(h.api(apiCall{method: http.MethodGet, token: token,
				path: "/api/v1/contacts?purpose=client_request&client_id=" + id}).body)
		}},
	}
	for _, r := range reads {
		before, _ := h.clientViews(r.client)
		answer := r.read()
		after, purposes := h.clientViews(r.client)
		if after != before+1 || !strings.HasSuffix(purposes, r.want) {
			t.Errorf("%s: %d audit events (%s), want exactly one ending %q", r.name, after-before, purposes, r.want)
		}
		if r.name != "API client history" && !strings.Contains(answer, "Example") && !strings.Contains(answer, "Replay Person") {
			t.Errorf("%s did not show the details it audited", r.name)
		}
	}
	missing := h.api(apiCall{method: http.MethodGet, path: "/api/v1/clients/" + id, token: token})
	if p := missing.problemOf(t, http.StatusUnprocessableEntity); !p.has("purpose", "error.purpose_required") {
		t.Errorf("an API read without a purpose: %+v", p)
	}
	if strings.Contains(string(missing.body), "Amina") {
		t.Error("a refused read showed the name")
	}
}

package server

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"neuvo/cases"
)

// TestSupportIdentityFieldsAreGuardedAndKeptOutOfLists: what was shared
// with consent meets the identity guard, the call-back number must be a
// phone number, and neither the number nor the rating's comment leaves
// the request's own page.
func TestSupportIdentityFieldsAreGuardedAndKeptOutOfLists(t *testing.T) {
	h := newHarness(t)
	fi := h.server.pages.Lang("fi")
	worker, expert := h.accessToken("partner", "partner-worker"), h.accessToken("hub", "hub-adviser")
	create := func(extra string) apiResult {
		return h.api(apiCall{method: "POST", path: "/api/v1/support-requests", token: worker,
			body:    `{"sector":"schools","topics":["permits"],"urgency":"this_week","question":"Voisitteko soittaa jatkoluvasta?"` + extra + `}`,
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	var p guardProblem
	hetu := create(`,"consent_shared":true,"consent_what":"henkilötunnus ` + sampleHetu + `","consent_basis":"oral","confirm_findings":true`)
	hetu.decode(t, &p)
	if hetu.status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "consent_what" ||
		p.Errors[0].Code != "error.identity_code" {
		t.Fatalf("an identity code in consent_what: %d %s", hetu.status, hetu.body)
	}
	name := create(`,"answer_channel":"phone","callback_phone":"Ahmed Hassan 040 123 4567"`)
	if !hasFields(t, name, "callback_phone") || !strings.Contains(string(name.body), "error.callback_phone_format") {
		t.Fatalf("a name in callback_phone: %d %s", name.status, name.body)
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests`); n != 0 {
		t.Fatalf("%d refused requests stored", n)
	}
	form := supportForm("Voisitteko soittaa jatkoluvasta?")
	form.Set("answer_channel", "phone")
	form.Set("callback_phone", "asiakas Liisa")
	resp := h.post(h.login("partner", "partner-worker"), "/support", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the form with a name as the number: %d", resp.StatusCode)
	}
	mustContain(t, body(t, resp), `<p class="field-error">`+strings.SplitN(fi.T("error.callback_phone_format"), ",", 2)[0])

	form = supportForm("Voiko jatkolupaa hakea?")
	form.Set("consent_shared", "on")
	form.Set("consent_what", "Henkilötunnus "+sampleHetu)
	form.Set("consent_basis", "oral")
	resp = h.post(h.login("partner", "partner-worker"), "/support", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("the form with an identity code in consent_what: %d", resp.StatusCode)
	}
	mustContain(t, body(t, resp), `id="guard-consent_what"`, sampleHetu+"</mark>",
		`<p class="field-error">`+html.EscapeString(fi.T("error.identity_code")))

	var r supportDoc
	create(`,"answer_channel":"phone","callback_phone":"013 267 1000"`).decode(t, &r)
	call := func(token, method, path, body string) apiResult {
		return h.api(apiCall{method: method, path: "/api/v1/support-requests/" + idString(r.ID) + path, token: token, body: body,
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	if a := call(expert, "POST", "/messages", `{"kind":"call","body":"Soitettu."}`); a.status != http.StatusCreated {
		t.Fatalf("the call: %d %s", a.status, a.body)
	}
	if a := call(worker, "PUT", "/rating", `{"rating":5,"comment":"Kiitos soitosta"}`); a.status != http.StatusOK {
		t.Fatalf("rating: %d %s", a.status, a.body)
	}
	for who, token := range map[string]string{"filed": worker, "queue": expert} {
		list := h.api(apiCall{method: "GET", path: "/api/v1/support-requests?side=" + who, token: token})
		if list.status != http.StatusOK || !strings.Contains(string(list.body), r.Number) ||
			strings.Contains(string(list.body), "callback_phone") || strings.Contains(string(list.body), "rating_comment") ||
			strings.Contains(string(list.body), "267 1000") || strings.Contains(string(list.body), "Kiitos soitosta") {
			t.Errorf("the %s list: %d %s", who, list.status, list.body)
		}
		one := call(token, "GET", "", "")
		if !strings.Contains(string(one.body), `"callback_phone":"013 267 1000"`) || !strings.Contains(string(one.body), `"rating_comment":"Kiitos soitosta"`) {
			t.Errorf("the %s side's read of the request: %s", who, one.body)
		}
	}
	pages := map[string]string{"/support": "partner-worker", "/support?status=closed": "partner-worker"}
	for path, user := range pages {
		page := body(t, h.get(h.login("partner", user), path))
		if !strings.Contains(page, r.Number) || strings.Contains(page, "267 1000") || strings.Contains(page, "Kiitos soitosta") {
			t.Errorf("%s shows the number or the comment (or lacks the request)", path)
		}
	}
	thread := body(t, h.get(h.login("hub", "hub-adviser"), "/support/"+idString(r.ID)))
	mustContain(t, thread, `id="callback-phone">013 267 1000</a>`, html.EscapeString(fi.T("support.callback_phone.of")), "Kiitos soitosta")
}

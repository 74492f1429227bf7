package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"neuvo/cases"
)

type guardProblem struct {
	Status int `json:"status"`
	Errors []struct {
		Field, Code, Kind, Severity string
		Start, End                  *int
	} `json:"errors"`
}

func TestSupportAPIGuardFindingsAndIdempotency(t *testing.T) {
	h := newHarness(t)
	token := h.accessToken("partner", "partner-worker")
	create := func(doc, key string) apiResult {
		return h.api(apiCall{method: "POST", path: "/api/v1/support-requests", token: token, body: doc,
			headers: map[string]string{"Idempotency-Key": key}})
	}
	question := "Äiti Fatima Ali (" + sampleHetu + ") kysyy, voiko hän hakea jatkolupaa."
	doc := func(q string, extra string) string {
		b, _ := json.Marshal(q)
		return `{"sector":"schools","topics":["permit_extension"],"urgency":"today","question":` + string(b) + extra + `}`
	}
	stopped := create(doc(question, `,"confirm_findings":true,"consent_shared":true,"consent_what":"nimi","consent_basis":"oral"`), cases.NewIdempotencyKey())
	stopped.problemOf(t, http.StatusUnprocessableEntity)
	var p guardProblem
	stopped.decode(t, &p)
	if len(p.Errors) != 1 || p.Errors[0].Kind != "identity_code" || p.Errors[0].Code != "error.identity_code" ||
		p.Errors[0].Field != "question" || *p.Errors[0].Start != 17 || *p.Errors[0].End != 28 {
		t.Fatalf("an identity code with consent and confirmation: %s", stopped.body)
	}
	if got := []rune(question)[17:28]; string(got) != sampleHetu {
		t.Fatalf("the span points at %q", string(got))
	}
	names := create(doc("Äiti Fatima Ali kysyy jatkoluvasta.", ""), cases.NewIdempotencyKey())
	names.decode(t, &p)
	if names.status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Severity != "warn" || p.Errors[0].Kind != "possible_name" {
		t.Fatalf("a possible name: %d %s", names.status, names.body)
	}
	if bad := create(`{"sector":"nope","topics":[],"urgency":"soon","question":""}`, cases.NewIdempotencyKey()); !hasFields(t, bad,
		"sector", "topics", "urgency", "question") {
		t.Fatalf("every bad field named: %s", bad.body)
	}
	if r := create(doc("Voiko jatkolupaa hakea?", ""), ""); r.status != http.StatusBadRequest {
		t.Fatalf("without an Idempotency-Key: %d", r.status)
	}
	key := cases.NewIdempotencyKey()
	first := create(doc("Äiti Fatima Ali kysyy jatkoluvasta.", `,"confirm_findings":true`), key)
	again := create(doc("Äiti Fatima Ali kysyy jatkoluvasta.", `,"confirm_findings":true`), key)
	var created, replayed supportDoc
	first.decode(t, &created)
	again.decode(t, &replayed)
	if first.status != http.StatusCreated || again.status != http.StatusOK || created.ID != replayed.ID ||
		first.header.Get("Location") != "/api/v1/support-requests/"+idString(created.ID) {
		t.Fatalf("create %d, retry %d (%d, %d)", first.status, again.status, created.ID, replayed.ID)
	}
	if created.Number == "" || created.Question != "Äiti Fatima Ali kysyy jatkoluvasta." || created.Status != "new" ||
		len(created.Messages) != 1 || created.Profile.AgeBand != "unknown" {
		t.Fatalf("the created request: %+v", created)
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests`); n != 1 {
		t.Fatalf("%d requests stored", n)
	}
}

func hasFields(t *testing.T, r apiResult, fields ...string) bool {
	t.Helper()
	var p guardProblem
	r.decode(t, &p)
	for _, f := range fields {
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == f
		}
		if !found {
			return false
		}
	}
	return r.status == http.StatusUnprocessableEntity
}

func TestSupportAPIThread(t *testing.T) {
	h := newHarness(t)
	id := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Kysymys rajapinnan kautta")))
	expert, coordinator, worker := h.accessToken("hub", "hub-adviser"), h.accessToken("hub", "hub-manager"), h.accessToken("partner", "partner-worker")
	call := func(token, method, path, body string) apiResult {
		return h.api(apiCall{method: method, path: "/api/v1/support-requests/" + id + path, token: token, body: body,
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	if r := call(coordinator, "POST", "/status", `{"status":"assigned","assigned_to":`+idString(h.users["hub-adviser"])+`}`); r.status != http.StatusOK {
		t.Fatalf("assign: %d %s", r.status, r.body)
	}
	if r := call(coordinator, "POST", "/status", `{"status":"answered"}`); !hasFields(t, r, "status") {
		t.Fatalf("an unknown status change: %d %s", r.status, r.body)
	}
	if r := call(expert, "POST", "/messages", `{"kind":"internal_note","body":"Vain meille"}`); r.status != http.StatusCreated {
		t.Fatalf("internal note: %d %s", r.status, r.body)
	}
	if r := call(expert, "POST", "/messages", `{"kind":"answer","body":"Tässä vastaus","minutes":15}`); r.status != http.StatusCreated {
		t.Fatalf("answer: %d %s", r.status, r.body)
	}
	if r := call(worker, "POST", "/messages", `{"kind":"answer","body":"Vastaan itse"}`); r.status != http.StatusForbidden {
		t.Fatalf("the requester answers: %d", r.status)
	}
	var seen supportDoc
	call(worker, "GET", "", "").decode(t, &seen)
	if seen.Status != "answered" || len(seen.Messages) != 2 || seen.AssignedGroupID != nil || strings.Contains(seen.Messages[1].Body, "meille") {
		t.Fatalf("the requester's read: %+v", seen)
	}
	var hub supportDoc
	call(expert, "GET", "", "").decode(t, &hub)
	if len(hub.Messages) != 3 || hub.Messages[2].Minutes != 15 || len(hub.Events) != 3 {
		t.Fatalf("the hub's read: %d messages, %d events", len(hub.Messages), len(hub.Events))
	}
	if r := call(worker, "PUT", "/rating", `{"rating":6}`); !hasFields(t, r, "rating") {
		t.Fatalf("rating 6: %d %s", r.status, r.body)
	}
	if r := call(worker, "PUT", "/rating", `{"rating":4,"comment":"Hyvä"}`); r.status != http.StatusOK || !strings.Contains(string(r.body), `"status":"closed"`) {
		t.Fatalf("rating: %d %s", r.status, r.body)
	}
	var list struct{ Items []supportDoc }
	h.api(apiCall{method: "GET", path: "/api/v1/support-requests?side=filed&status=closed", token: worker}).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].Rating == nil || *list.Items[0].Rating != 4 || list.Items[0].Question != "" {
		t.Fatalf("the partner's list: %+v", list.Items)
	}
	if r := h.api(apiCall{method: "GET", path: "/api/v1/support-requests?side=sideways", token: worker}); r.status != http.StatusBadRequest {
		t.Fatalf("an unknown side: %d", r.status)
	}
}

// TestSupportRoutesAnswer404ToAnotherPartnerAndNetwork walks every
// support ID route, pages and API, with users of another partner of the
// same network and of another network who hold every role that reads
// support requests: each answers 404, and nothing changes.
func TestSupportRoutesAnswer404ToAnotherPartnerAndNetwork(t *testing.T) {
	h := newHarness(t)
	request := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Liperin kysymys")))
	ids := map[string]string{"support": request, "support-requests": request, "support/groups": idString(h.supportGroup("Luvat"))}
	checked := 0
	for _, who := range [][2]string{{"partner2", "partner2-all"}, {"other", "other-all"}} {
		session, token := h.login(who[0], who[1]), h.accessToken(who[0], who[1])
		for _, r := range h.server.routes() {
			if !strings.Contains(r.path, ":id") || !strings.Contains(r.path, "support") {
				continue
			}
			path := fillID(t, r.path, ids)
			for _, by := range []string{"session", "bearer"} {
				if by == "bearer" && !strings.HasPrefix(path, "/api/") {
					continue
				}
				resp := h.isolationRequest(session, token, by, r.method, path)
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s by %s of %s: %d, want 404", r.method, path, by, who[0], resp.StatusCode)
				}
				resp.Body.Close()
				checked++
			}
		}
	}
	if checked < 30 {
		t.Fatalf("only %d requests checked", checked)
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_messages`); n != 1 {
		t.Fatalf("the thread changed from outside: %d messages", n)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM support_requests WHERE status = 'new'`); n != 1 {
		t.Fatal("the request's status changed from outside")
	}
}

package server

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"neuvo/cases"
)

// apiCall is one JSON request; auth is a bearer token, or a browser whose
// session cookie authenticates it.
type apiCall struct {
	method, path, body string
	token              string
	browser            *http.Client
	headers            map[string]string
}

type apiResult struct {
	status int
	header http.Header
	body   []byte
}

func (h *harness) api(call apiCall) apiResult {
	h.t.Helper()
	req, _ := http.NewRequest(call.method, h.base+call.path, strings.NewReader(call.body))
	if call.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range call.headers {
		req.Header.Set(k, v)
	}
	client := call.browser
	if client == nil {
		client = h.browser()
	}
	if call.token != "" {
		req.Header.Set("Authorization", "Bearer "+call.token)
	}
	resp, err := client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return apiResult{status: resp.StatusCode, header: resp.Header, body: b}
}

func (r apiResult) decode(t *testing.T, into any) {
	t.Helper()
	if err := json.Unmarshal(r.body, into); err != nil {
		t.Fatalf("answer %d is not JSON: %v: %s", r.status, err, r.body)
	}
}

// problemOf checks an RFC 9457 answer and returns it.
func (r apiResult) problemOf(t *testing.T, status int) problem {
	t.Helper()
	if r.status != status || r.header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("got %d %s, want %d problem+json: %s", r.status, r.header.Get("Content-Type"), status, r.body)
	}
	var p problem
	r.decode(t, &p)
	if p.Status != status || p.Title == "" || p.Type == "" {
		t.Fatalf("incomplete problem %+v", p)
	}
	return p
}

func (p problem) has(field, code string) bool {
	for _, e := range p.Errors {
		if e.Field == field && e.Code == code && e.Detail != "" {
			return true
		}
	}
	return false
}

func walkInJSON(point int64, extra string) string {
	started := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	return `{"advice_point_id":` + idString(point) + `,"started_at":"` + started + `","duration_min":20,` +
		`"channel":"walk_in","topics":["permits","social_security"],"interpreter":"on_site"` + extra + `}`
}

func TestAPIContactLifecycleByBearerToken(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	token := h.accessToken("hub", "hub-adviser")
	key := cases.NewIdempotencyKey()
	create := apiCall{method: "POST", path: "/api/v1/contacts", body: walkInJSON(point, `,"note":"needs a lawyer"`), token: token,
		headers: map[string]string{"Idempotency-Key": key}}

	first := h.api(create)
	var made contactDoc
	first.decode(t, &made)
	if first.status != http.StatusCreated || first.header.Get("Location") != "/api/v1/contacts/"+idString(made.ID) {
		t.Fatalf("create: %d at %q: %s", first.status, first.header.Get("Location"), first.body)
	}
	if made.Interpreter != "on_site" || made.Profile.AgeBand != cases.Unknown || len(made.Topics) != 2 {
		t.Fatalf("stored %+v", made)
	}
	retry := h.api(create)
	var again contactDoc
	retry.decode(t, &again)
	if retry.status != http.StatusOK || again.ID != made.ID {
		t.Fatalf("retry with the same key: %d, id %d (first %d)", retry.status, again.ID, made.ID)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 1 {
		t.Fatalf("%d contacts after a retried API create", n)
	}

	made.DurationMin = 45
	doc, _ := json.Marshal(made) // read-only fields come back and are ignored
	updated := h.api(apiCall{method: "PUT", path: "/api/v1/contacts/" + idString(made.ID), body: string(doc), token: token})
	var after contactDoc
	updated.decode(t, &after)
	if updated.status != http.StatusOK || after.DurationMin != 45 {
		t.Fatalf("update: %d %s", updated.status, updated.body)
	}

	var list contactListDoc
	h.api(apiCall{method: "GET", path: "/api/v1/contacts?mine=true&limit=10", token: token}).decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != made.ID || made.Note != "needs a lawyer" {
		t.Fatalf("list: %+v (created with note %q)", list, made.Note)
	}
	if list.Items[0].Note != "" {
		t.Fatalf("a list shows the restricted note %q", list.Items[0].Note)
	}
	gone := h.api(apiCall{method: "DELETE", path: "/api/v1/contacts/" + idString(made.ID), body: `{"reason":"entered twice"}`, token: token})
	if gone.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", gone.status, gone.body)
	}
	h.api(apiCall{method: "GET", path: "/api/v1/contacts", token: token}).decode(t, &list)
	if len(list.Items) != 0 {
		t.Fatalf("a deleted contact is still listed: %+v", list.Items)
	}
}

func TestAPIRefusesBadInputNamingTheField(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	token := h.accessToken("hub", "hub-adviser")
	post := func(body string, headers map[string]string) apiResult {
		if headers == nil {
			headers = map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}
		}
		return h.api(apiCall{method: "POST", path: "/api/v1/contacts", body: body, token: token, headers: headers})
	}
	future := time.Now().AddDate(0, 0, 2).UTC().Format(time.RFC3339)
	for name, c := range map[string]struct {
		body          string
		status        int
		field, code   string
		headerMissing bool
	}{
		"unknown field":  {walkInJSON(point, `,"colour":"red"`), 400, "colour", "error.unknown_field", false},
		"wrong type":     {strings.Replace(walkInJSON(point, ""), `"duration_min":20`, `"duration_min":"20"`, 1), 400, "duration_min", "error.type", false},
		"nested type":    {walkInJSON(point, `,"profile":{"age_band":5}`), 400, "profile.age_band", "error.type", false},
		"future date":    {strings.Replace(walkInJSON(point, ""), time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), future, 1), 422, "started_at", "error.future_date", false},
		"eight hours":    {strings.Replace(walkInJSON(point, ""), `"duration_min":20`, `"duration_min":481`, 1), 422, "duration_min", "error.duration_max", false},
		"unknown code":   {strings.Replace(walkInJSON(point, ""), `"permits"`, `"astrology"`, 1), 422, "topics", "error.unknown_code", false},
		"empty group":    {walkInJSON(point, `,"kind":"group_session","participants":0`), 422, "participants", "error.participants", false},
		"bad date":       {strings.Replace(walkInJSON(point, ""), `"started_at":"`, `"started_at":"yesterday`, 1), 422, "started_at", "error.date_time", false},
		"no idempotency": {walkInJSON(point, ""), 400, "Idempotency-Key", "error.idempotency_key_missing", true},
		"NUL in note":    {walkInJSON(point, `,"note":"a\u0000b"`), 422, "note", "error.text", false},
		"foreign point":  {walkInJSON(h.addPoint(h.orgs["other"], "Elsewhere"), ""), 422, "advice_point", "error.unknown_record", false},
	} {
		t.Run(name, func(t *testing.T) {
			headers := map[string]string(nil)
			if c.headerMissing {
				headers = map[string]string{}
			}
			p := post(c.body, headers).problemOf(t, c.status)
			if !p.has(c.field, c.code) {
				t.Fatalf("problem does not name %s %s: %+v", c.field, c.code, p)
			}
		})
	}
	post(`{"advice_point_id":`, nil).problemOf(t, 400)
	post(walkInJSON(point, "")+`{}`, nil).problemOf(t, 400)
	plain := h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token, body: "x",
		headers: map[string]string{"Content-Type": "text/plain", "Idempotency-Key": cases.NewIdempotencyKey()}})
	plain.problemOf(t, http.StatusUnsupportedMediaType)
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("%d contacts saved from bad input", n)
	}
}

func TestAPIBearerTokensAreCheckedAgainstTheOrganisationsIssuer(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	access, idToken := h.tokens("hub", "hub-adviser")
	var me meDoc
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: access}).decode(t, &me)
	if me.OrganisationID != h.orgs["hub"] || me.UserID != h.users["hub-adviser"] {
		t.Fatalf("token acts as %+v", me)
	}
	tampered := access[:len(access)-4] + "AAAA"
	newcomer := h.accessToken("hub", "hub-newcomer") // valid at the issuer, but no Neuvo user yet
	for name, token := range map[string]string{"ID token": idToken, "tampered": tampered, "garbage": "not-a-jwt",
		"unknown user": newcomer} {
		r := h.api(apiCall{method: "GET", path: "/api/v1/me", token: token})
		r.problemOf(t, http.StatusUnauthorized)
		if !strings.Contains(r.header.Get("WWW-Authenticate"), `error="invalid_token"`) {
			t.Errorf("%s: WWW-Authenticate %q", name, r.header.Get("WWW-Authenticate"))
		}
	}
	anonymous := h.api(apiCall{method: "GET", path: "/api/v1/contacts"})
	anonymous.problemOf(t, http.StatusUnauthorized)
	if !strings.HasPrefix(anonymous.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("anonymous API call: WWW-Authenticate %q", anonymous.header.Get("WWW-Authenticate"))
	}
	other := h.accessToken("other", "other-admin")
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: other}).decode(t, &me)
	if me.OrganisationID != h.orgs["other"] {
		t.Fatalf("another issuer's token acts in organisation %d", me.OrganisationID)
	}
	h.api(apiCall{method: "GET", path: "/api/v1/contacts", token: other}).problemOf(t, http.StatusForbidden)
	h.api(apiCall{method: "GET", path: "/api/v1/nothing-here", token: access}).problemOf(t, http.StatusNotFound)
}

func TestAPIBySessionKeepsCrossSiteProtection(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	var me meDoc
	h.api(apiCall{method: "GET", path: "/api/v1/me", browser: b}).decode(t, &me)
	if me.UserID != h.users["hub-adviser"] {
		t.Fatalf("session acts as %+v", me)
	}
	h.api(apiCall{method: "POST", path: "/api/v1/contacts", browser: b, body: walkInJSON(point, ""),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey(), "Sec-Fetch-Site": "cross-site"}}).problemOf(t, http.StatusForbidden)
	ok := h.api(apiCall{method: "POST", path: "/api/v1/contacts", browser: b, body: walkInJSON(point, ""),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey(), "Sec-Fetch-Site": "same-origin"}})
	if ok.status != http.StatusCreated {
		t.Fatalf("same-origin create by session: %d %s", ok.status, ok.body)
	}
}

func TestAPIClientsShowDetailsOnlyInTheAuditedFile(t *testing.T) {
	h := newHarness(t)
	token := h.accessToken("hub", "hub-adviser")
	create := apiCall{method: "POST", path: "/api/v1/clients", token: token,
		body:    `{"name":"Test Person","birth_year":1990,"profile":{"citizenship":"SY"}}`,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}
	var made clientDoc
	first := h.api(create)
	first.decode(t, &made)
	if first.status != http.StatusCreated || made.Code == "" {
		t.Fatalf("create client: %d %s", first.status, first.body)
	}
	if again := h.api(create); again.status != http.StatusOK {
		t.Fatalf("retried client create: %d", again.status)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM clients`); n != 1 {
		t.Fatalf("%d clients after a retry", n)
	}
	list := h.api(apiCall{method: "GET", path: "/api/v1/clients", token: token})
	if list.status != 200 || strings.Contains(string(list.body), "Test Person") || !strings.Contains(string(list.body), made.Code) {
		t.Fatalf("client list shows identifying details or misses the client: %s", list.body)
	}
	audits := func() int {
		return h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'client.view' AND record_id = $1`, idString(made.ID))
	}
	before := audits()
	file := h.api(apiCall{method: "GET", path: "/api/v1/clients/" + idString(made.ID) + "?purpose=follow_up", token: token})
	if file.status != 200 || !strings.Contains(string(file.body), "Test Person") {
		t.Fatalf("client file: %d %s", file.status, file.body)
	}
	if audits() != before+1 {
		t.Fatalf("one API read wrote %d audit events", audits()-before)
	}
	manager := h.accessToken("hub", "hub-manager")
	h.api(apiCall{method: "GET", path: "/api/v1/clients", token: manager}).problemOf(t, http.StatusForbidden)
	history := "/api/v1/contacts?purpose=case_work&client_id=" + idString(made.ID)
	h.api(apiCall{method: "GET", path: history, token: manager}).problemOf(t, http.StatusForbidden)
	if r := h.api(apiCall{method: "GET", path: history, token: token}); r.status != http.StatusOK || audits() != before+2 {
		t.Fatalf("an adviser listing a client's contacts: %d, %d audit events (want %d)", r.status, audits(), before+2)
	}
}

func TestAPITaxonomiesReadByAllEditedByHubAdmins(t *testing.T) {
	h := newHarness(t)
	var topics taxonomyDoc
	h.api(apiCall{method: "GET", path: "/api/v1/taxonomies/topic", token: h.accessToken("partner", "partner-worker")}).decode(t, &topics)
	if len(topics.Items) < 10 || topics.Items[0].LabelSV == "" {
		t.Fatalf("topics: %+v", topics)
	}
	item := `{"code":"api_test","label_fi":"Testi","label_sv":"Test","label_en":"Test","sort":999}`
	h.api(apiCall{method: "POST", path: "/api/v1/taxonomies/topic", token: h.accessToken("partner", "partner-admin"), body: item}).problemOf(t, http.StatusForbidden)
	admin := h.accessToken("hub", "hub-admin")
	if r := h.api(apiCall{method: "POST", path: "/api/v1/taxonomies/topic", token: admin, body: item}); r.status != http.StatusCreated {
		t.Fatalf("hub admin adds a topic: %d %s", r.status, r.body)
	}
	retire := h.api(apiCall{method: "PUT", path: "/api/v1/taxonomies/topic/api_test", token: admin,
		body: `{"label_fi":"Testi","label_sv":"Test","label_en":"Test","sort":999,"retired":true}`})
	var got taxonomyItemDoc
	retire.decode(t, &got)
	if retire.status != 200 || !got.Retired {
		t.Fatalf("retire: %d %s", retire.status, retire.body)
	}
	h.api(apiCall{method: "GET", path: "/api/v1/taxonomies/no_such_kind", token: admin}).problemOf(t, http.StatusNotFound)
}

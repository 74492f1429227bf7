package server

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func (h *harness) closePoint(org, point int64) {
	h.db.InScope(h.t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error {
		return cases.UpdateAdvicePoint(context.Background(), tx, nil, point, cases.AdvicePointInput{Name: "Old desk", Kind: "office"})
	})
}

func (h *harness) message(key string) string {
	return `<p class="field-error">` + html.EscapeString(h.server.pages.Lang("fi").T(key))
}

func TestClosedAdvicePointIsRefusedForNewContactsOnly(t *testing.T) {
	h := newHarness(t)
	hub := h.orgs["hub"]
	desk := h.addPoint(hub, "Desk")
	old := h.addPoint(hub, "Old desk")
	token := h.accessToken("hub", "hub-adviser")
	key := cases.NewIdempotencyKey()
	create := func(point int64, key string) apiResult {
		return h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token, body: walkInJSON(point, ""),
			headers: map[string]string{"Idempotency-Key": key}})
	}
	var atOld, atDesk contactDoc
	create(old, key).decode(t, &atOld)
	create(desk, cases.NewIdempotencyKey()).decode(t, &atDesk)
	h.closePoint(hub, old)
	atOldCount := func() int { return h.count(hub, `SELECT count(*) FROM contacts WHERE advice_point_id = $1`, old) }

	if p := create(old, cases.NewIdempotencyKey()).problemOf(t, http.StatusUnprocessableEntity); !p.has("advice_point", "error.advice_point_inactive") {
		t.Fatalf("API create at a closed point: %+v", p)
	}
	if replay := create(old, key); replay.status != http.StatusOK || !strings.Contains(string(replay.body), fmt.Sprintf(`"id":%d,`, atOld.ID)) {
		t.Fatalf("the replay of a create made before the point closed: %d %s", replay.status, replay.body)
	}
	put := func(c contactDoc) apiResult {
		doc, _ := json.Marshal(c)
		return h.api(apiCall{method: "PUT", path: "/api/v1/contacts/" + idString(c.ID), token: token, body: string(doc)})
	}
	moved := atDesk
	moved.AdvicePointID = old
	if p := put(moved).problemOf(t, http.StatusUnprocessableEntity); !p.has("advice_point", "error.advice_point_inactive") {
		t.Fatalf("API PUT moving a contact to a closed point: %+v", p)
	}
	atOld.DurationMin = 45
	if r := put(atOld); r.status != http.StatusOK {
		t.Fatalf("API PUT of a contact that already was at the closed point: %d %s", r.status, r.body)
	}
	if n := h.count(hub, `SELECT count(*) FROM contacts WHERE advice_point_id = $1 AND duration_min = 45`, old); n != 1 || atOldCount() != 1 {
		t.Fatalf("after the API: %d edited, %d at the closed point; want 1 and 1", n, atOldCount())
	}

	b := h.login("hub", "hub-adviser")
	page := body(t, h.get(b, "/contacts/new"))
	if strings.Contains(page, fmt.Sprintf(`<option value="%d" selected>`, old)) || !strings.Contains(page, fmt.Sprintf(`<option value="%d" selected>`, desk)) {
		t.Fatal("the new form starts at the closed point the adviser used last")
	}
	form := h.quickEntry(b)
	form.Set("advice_point", idString(old))
	resp := h.post(b, "/contacts", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("form at a closed point: %d", resp.StatusCode)
	}
	mustContain(t, body(t, resp), h.message("error.advice_point_inactive"))
	form.Set("duration_min", "50")
	if resp := h.post(b, "/contacts/"+idString(atOld.ID), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form edit keeping the closed point: %d %s", resp.StatusCode, body(t, resp))
	}
	if n := h.count(hub, `SELECT count(*) FROM contacts WHERE advice_point_id = $1 AND duration_min = 50`, old); n != 1 || atOldCount() != 1 {
		t.Fatalf("after the form: %d edited, %d at the closed point; want 1 and 1", n, atOldCount())
	}

	path := h.uploaded(b, "log.csv", importLog("DAY;9.15;20;Puhelin;permits;"))
	check := body(t, h.post(b, path+"/check", importMapping(old)))
	mustContain(t, check, `<dd id="bad-rows">1</dd>`, html.EscapeString(h.server.pages.Lang("fi").T("error.advice_point_inactive")))
	if n := h.count(hub, `SELECT count(*) FROM contacts`); n != 2 || atOldCount() != 1 {
		t.Fatalf("%d contacts, %d at the closed point; want 2 and 1", n, atOldCount())
	}
}

func TestClientStatusIsOpenOrClosedNothingElse(t *testing.T) {
	h := newHarness(t)
	token := h.accessToken("hub", "hub-adviser")
	create := func(doc string) apiResult {
		return h.api(apiCall{method: "POST", path: "/api/v1/clients", token: token, body: doc,
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	var made clientDoc
	create(`{}`).decode(t, &made)
	closed := h.api(apiCall{method: "PUT", path: "/api/v1/clients/" + idString(made.ID), token: token, body: `{"status":"closed"}`})
	if closed.status != http.StatusOK || !strings.Contains(string(closed.body), `"status":"closed"`) {
		t.Fatalf("closing the client: %d %s", closed.status, closed.body)
	}
	if p := create(`{"status":"bogus"}`).problemOf(t, http.StatusUnprocessableEntity); !p.has("status", "error.choose") {
		t.Fatalf("create with status bogus: %+v", p)
	}
	put := h.api(apiCall{method: "PUT", path: "/api/v1/clients/" + idString(made.ID), token: token, body: `{"status":"bogus","name":"Typo"}`})
	if p := put.problemOf(t, http.StatusUnprocessableEntity); !p.has("status", "error.choose") {
		t.Fatalf("PUT with status bogus: %+v", p)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM clients WHERE status = 'closed' AND name = ''`); n != 1 {
		t.Fatal("a refused status reopened or changed the client")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM clients`); n != 1 {
		t.Fatalf("%d clients, want 1", n)
	}
}

func TestFollowUpFarAheadIsRefused(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	token := h.accessToken("hub", "hub-adviser")
	r := h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token,
		body:    walkInJSON(point, `,"outcome":"follow_up_planned","follow_up_on":"9999-12-31"`),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	if p := r.problemOf(t, http.StatusUnprocessableEntity); !p.has("follow_up_on", "error.follow_up_far") {
		t.Fatalf("follow-up on 9999-12-31: %+v", p)
	}
	b := h.login("hub", "hub-adviser")
	form := h.quickEntry(b)
	form.Set("outcome", "follow_up_planned")
	form.Set("follow_up_on", time.Now().AddDate(3, 0, 0).Format("2006-01-02"))
	resp := h.post(b, "/contacts", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("form with a follow-up in three years: %d", resp.StatusCode)
	}
	mustContain(t, body(t, resp), h.message("error.follow_up_far"))
	form.Set("follow_up_on", time.Now().AddDate(1, 0, 0).Format("2006-01-02"))
	if resp := h.post(b, "/contacts", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form with a follow-up in a year: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM follow_ups`); n != 1 {
		t.Fatalf("%d follow-ups, want only the one a year ahead", n)
	}
}

func TestListParametersAreRefusedNeverClampedOrDefaulted(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	token := h.accessToken("hub", "hub-adviser")
	for _, minutes := range []int{10, 30} {
		h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token,
			body:    strings.Replace(walkInJSON(point, ""), `"duration_min":20`, fmt.Sprintf(`"duration_min":%d`, minutes), 1),
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	for query, field := range map[string]string{
		"adviser_id=99999999999999999999": "adviser_id", // once the largest integer: everyone's contacts but nobody's
		"advice_point_id=-4":              "advice_point_id",
		"order=sideways":                  "order",
		"sort=bogus":                      "sort",
		"mine=yes":                        "mine",
		"limit=201":                       "limit",
	} {
		r := h.api(apiCall{method: "GET", path: "/api/v1/contacts?" + query, token: token})
		if p := r.problemOf(t, http.StatusBadRequest); len(p.Errors) == 0 || p.Errors[0].Field != field || p.Errors[0].Detail == "" {
			t.Errorf("%s: %+v", query, p)
		}
	}
	var list contactListDoc
	h.api(apiCall{method: "GET", path: "/api/v1/contacts?sort=duration_min&order=asc", token: token}).decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].DurationMin != 10 {
		t.Fatalf("order=asc: %+v", list.Items)
	}

	b := h.login("hub", "hub-adviser")
	for query, key := range map[string]string{"dir=sideways": "error.choose", "sort=bogus": "error.choose",
		"scope=everyone": "error.choose", "scope=org&adviser=99999999999999999999": "error.number"} {
		resp := h.get(b, "/contacts?"+query)
		page := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, html.EscapeString(h.server.pages.Lang("fi").T(key))) {
			t.Errorf("page list with %s: %d", query, resp.StatusCode)
		}
		if strings.Contains(page, `id="contact-list"`) {
			t.Errorf("page list with %s still lists contacts", query)
		}
	}
}

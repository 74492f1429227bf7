package server

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"neuvo/cases"
)

// jsonList is a JSON array of n codes: the first few real ones, then
// made-up ones, so that the list is long and distinct.
func jsonList(real []string, n int) string {
	out := make([]string, n)
	for i := range out {
		if i < len(real) {
			out[i] = `"` + real[i] + `"`
		} else {
			out[i] = fmt.Sprintf(`"x%d"`, i)
		}
	}
	return "[" + strings.Join(out, ",") + "]"
}

func TestOversizedListsAreRefusedWithTheFieldNamed(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	token := h.accessToken("hub", "hub-adviser")
	create := func(extra string) apiResult {
		return h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token, body: walkInJSON(point, extra),
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	topics := []string{"permits", "permit_application", "social_security", "money", "housing"}

	// The symptom of issue 7: 80,000 distinct languages kept a transaction
	// open for 15 s of CPU. Now they are refused before any is looked at.
	start := time.Now()
	many := create(`,"service_languages":` + jsonList([]string{"fi"}, 80_000))
	if p := many.problemOf(t, http.StatusUnprocessableEntity); !p.has("service_languages", "error.too_many_languages") {
		t.Fatalf("80,000 languages: %s", many.body[:min(len(many.body), 400)])
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("refusing 80,000 languages took %v", took)
	}
	for field, code := range map[string]string{"topics": "error.too_many_topics", "actions": "error.too_many_actions",
		"referrals": "error.too_many_referrals"} {
		r := create(`,"` + field + `":` + jsonList(topics, 21))
		if p := r.problemOf(t, http.StatusUnprocessableEntity); !p.has(field, code) {
			t.Errorf("21 %s: %s", field, r.body)
		}
	}
	ok := create(`,"topics":` + jsonList(topics, 5) + `,"service_languages":["fi","sv","fi"]`)
	var made contactDoc
	ok.decode(t, &made)
	if ok.status != http.StatusCreated || strings.Join(made.ServiceLanguages, ",") != "fi,sv" {
		t.Fatalf("a list within its limit, with a repeat: %d %s", ok.status, ok.body)
	}
	doc := fmt.Sprintf(`{"advice_point_id":%d,"started_at":%q,"duration_min":20,"channel":"walk_in","topics":["permits"],"service_languages":%s}`,
		point, made.StartedAt, jsonList(strings.Split("fi,sv,en,ar,so,ru,fa,ku,uk,et,th", ","), 11))
	put := h.api(apiCall{method: "PUT", path: "/api/v1/contacts/" + idString(made.ID), token: token, body: doc})
	if p := put.problemOf(t, http.StatusUnprocessableEntity); !p.has("service_languages", "error.too_many_languages") {
		t.Fatalf("PUT with 11 languages: %s", put.body)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE service_languages = '{fi,sv}'`); n != 1 {
		t.Fatalf("%d contacts as created, want 1 (the refused PUT must change nothing)", n)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 1 {
		t.Fatalf("%d contacts stored, want only the one within limits", n)
	}

	b := h.login("hub", "hub-adviser")
	form := h.quickEntry(b)
	form["topics"] = append(topics, strings.Split(strings.Repeat("x,", 16), ",")...)[:21]
	resp := h.post(b, "/contacts", form)
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("form with 21 topics: %d", resp.StatusCode)
	}
	mustContain(t, page, `<p class="field-error">`+html.EscapeString(h.server.pages.Lang("fi").T("error.too_many_topics")))

	path := h.uploaded(b, "log.csv", importLog("DAY;9.15;20;Puhelin;"+strings.Join(append(topics, strings.Split(strings.Repeat("x;", 16), ";")...)[:21], "|")+";"))
	check := body(t, h.post(b, path+"/check", importMapping(point)))
	mustContain(t, check, `<dd id="bad-rows">1</dd>`, html.EscapeString(h.server.pages.Lang("fi").T("error.too_many_topics")))
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 1 {
		t.Fatalf("%d contacts after the refused form and import, want 1", n)
	}
}

// TestOpenAPIStatesTheListLimits keeps the document's maxItems and ranges
// in step with the limits the domain enforces.
func TestOpenAPIStatesTheListLimits(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					MaxItems *int `json:"maxItems"`
					Maximum  *int `json:"maximum"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	contact := doc.Components.Schemas["Contact"].Properties
	for field, limit := range map[string]int{"topics": cases.MaxTopics, "service_languages": cases.MaxServiceLanguages,
		"actions": cases.MaxActions, "referrals": cases.MaxReferrals} {
		if got := contact[field].MaxItems; got == nil || *got != limit {
			t.Errorf("Contact.%s maxItems %v, the domain allows %d", field, got, limit)
		}
	}
	if got := doc.Components.Schemas["TaxonomyItem"].Properties["sort"].Maximum; got == nil || *got != cases.MaxSortOrder {
		t.Errorf("TaxonomyItem.sort maximum %v, the domain allows %d", got, cases.MaxSortOrder)
	}
}

package server

import (
	"context"
	"encoding/base64"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// badInput is one request that once answered 500. An API request expects a
// problem naming field; a form expects the translated message of key next
// to the field; a path expects 404; want overrides the status when a
// correct answer is not a 4xx (a valid cursor past 2^31 is a page).
type badInput struct {
	name        string
	who         string
	method      string
	path        string
	form        url.Values
	json        string
	bearer      string
	field, key  string
	want        int
	wantProblem bool
}

// TestBadInputNeverAnswers500 sends every input issue 7 found answering
// 500, and the ones found since by the same search, through the real
// server. Each answers a 4xx with the field named (API) or its message
// next to the field (forms), and nothing is written.
func TestBadInputNeverAnswers500(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	own := h.recordContact(h.orgs["hub"], "hub-adviser", point)
	hidden := h.recordContact(h.orgs["partner"], "partner-adviser", h.addPoint(h.orgs["partner"], "Partner desk"))
	browsers := map[string]*http.Client{"hub-adviser": h.login("hub", "hub-adviser"), "hub-admin": h.login("hub", "hub-admin")}
	upload := h.uploaded(browsers["hub-adviser"], "log.csv", importLog("DAY;9.15;20;Puhelin;Lupahakemus;"))
	mapping := func(extra map[string]string) url.Values {
		form := importMapping(point)
		for k, v := range extra {
			form.Set(k, v)
		}
		return form
	}
	org := func(extra map[string]string) url.Values {
		form := url.Values{"name": {"Org hub"}, "municipality_code": {"167"}, "issuer": {h.idp.IssuerURL("hub")},
			"client_id": {"neuvo-test"}, "role_claim": {"roles"}, "active": {"on"}, "contact_edit_days": {"14"}}
		for k, v := range extra {
			form.Set(k, v)
		}
		return form
	}
	label := `"label_fi":"Uusi","label_sv":"Ny","label_en":"New"`
	durationCursor := base64.RawURLEncoding.EncodeToString([]byte("duration_min|99999999999|5"))
	nulIssuer := "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(`{"iss":"\u0000x","sub":"a"}`)) + ".c2ln"
	ownPath, hiddenPath := "/contacts/"+idString(own), "/contacts/"+idString(hidden)
	hubOrg := "/admin/organisations/" + idString(h.orgs["hub"])

	table := []badInput{
		{name: "empty reason, contact not visible (form)", who: "hub-adviser", method: "POST", path: hiddenPath + "/delete",
			form: url.Values{"reason": {""}}, want: http.StatusNotFound},
		{name: "empty reason, contact not visible (API)", who: "hub-adviser", method: "DELETE", path: "/api/v1" + hiddenPath,
			json: `{"reason":""}`, field: "reason"},
		{name: "NUL in a delete reason (form)", who: "hub-adviser", method: "POST", path: ownPath + "/delete",
			form: url.Values{"reason": {"typo\x00"}}, field: "reason", key: "error.text"},
		{name: "invalid UTF-8 in a delete reason (form)", who: "hub-adviser", method: "POST", path: ownPath + "/delete",
			form: url.Values{"reason": {"typo\xff"}}, field: "reason", key: "error.text"},
		{name: "NUL in a delete reason (API)", who: "hub-adviser", method: "DELETE", path: "/api/v1" + ownPath,
			json: `{"reason":"typo\u0000"}`, field: "reason"},
		{name: "NUL in the channel filter (API)", who: "hub-adviser", method: "GET", path: "/api/v1/contacts?channel=%00", field: "channel"},
		{name: "invalid UTF-8 in the topic filter (API)", who: "hub-adviser", method: "GET", path: "/api/v1/contacts?topic=%FF", field: "topic"},
		{name: "NUL in the channel filter (page)", who: "hub-adviser", method: "GET", path: "/contacts?channel=%00",
			field: "channel", key: "error.text"},
		{name: "invalid UTF-8 in the topic filter (page)", who: "hub-adviser", method: "GET", path: "/contacts?topic=%FF",
			field: "topic", key: "error.text"},
		{name: "NUL in an advice point's name", who: "hub-admin", method: "POST", path: "/admin/advice-points",
			form: url.Values{"name": {"Desk\x00"}, "kind": {"office"}}, field: "name", key: "error.text"},
		{name: "invalid UTF-8 in an advice point's address", who: "hub-admin", method: "POST", path: "/admin/advice-points/" + idString(point),
			form: url.Values{"name": {"Desk"}, "kind": {"office"}, "address": {"Katu \xff"}}, field: "address", key: "error.text"},
		{name: "NUL in a pre-registered user's subject", who: "hub-admin", method: "POST", path: "/admin/users",
			form: url.Values{"subject": {"sub\x00"}}, field: "subject", key: "error.text"},
		{name: "invalid UTF-8 in a pre-registered user's name", who: "hub-admin", method: "POST", path: "/admin/users",
			form: url.Values{"subject": {"new-user"}, "name": {"Name \xff"}}, field: "name", key: "error.text"},
		{name: "NUL in a pre-registered user's e-mail", who: "hub-admin", method: "POST", path: "/admin/users",
			form: url.Values{"subject": {"new-user"}, "email": {"a\x00@b.fi"}}, field: "email", key: "error.text"},
		{name: "NUL in an organisation's name", who: "hub-admin", method: "POST", path: hubOrg,
			form: org(map[string]string{"name": "Org\x00"}), field: "name", key: "error.text"},
		{name: "invalid UTF-8 in an organisation's client id", who: "hub-admin", method: "POST", path: hubOrg,
			form: org(map[string]string{"client_id": "neuvo\xff"}), field: "client_id", key: "error.text"},
		{name: "NUL in an organisation's role map", who: "hub-admin", method: "POST", path: hubOrg,
			form: org(map[string]string{"role_map": "group\x00=admin"}), field: "role_map", key: "error.text"},
		{name: "NUL in an organisation's client secret", who: "hub-admin", method: "POST", path: hubOrg,
			form: org(map[string]string{"client_secret": "s\x00"}), field: "client_secret", key: "error.text"},
		{name: "NUL in a new partner's name", who: "hub-admin", method: "POST", path: "/admin/organisations",
			form: url.Values{"name": {"Partner\x00"}, "contact_edit_days": {"14"}}, field: "name", key: "error.text"},
		{name: "NUL in an import mapping's name", who: "hub-adviser", method: "POST", path: upload + "/check",
			form: mapping(map[string]string{"mapping_name": "Desk\x00"}), field: "mapping_name", key: "error.text"},
		{name: "NUL in an import mapping's default", who: "hub-adviser", method: "POST", path: upload + "/check",
			form: mapping(map[string]string{"default_channel": "phone\x00", "mapping_name": "Desk"}), field: "channel", key: "error.text"},
		{name: "NUL in a taxonomy code in the path (API)", who: "hub-admin", method: "PUT", path: "/api/v1/taxonomies/topic/%00",
			json: `{` + label + `}`, want: http.StatusNotFound},
		{name: "invalid UTF-8 in a taxonomy code in the path (page)", who: "hub-admin", method: "POST", path: "/admin/taxonomies/topic/%FF",
			form: url.Values{"label_fi": {"a"}, "label_sv": {"b"}, "label_en": {"c"}}, want: http.StatusNotFound},
		{name: "duration cursor past the column (API)", who: "hub-adviser", method: "GET",
			path: "/api/v1/contacts?sort=duration_min&cursor=" + durationCursor, field: "cursor"},
		{name: "duration cursor past the column (page)", who: "hub-adviser", method: "GET",
			path: "/contacts?sort=duration_min&cursor=" + durationCursor, field: "cursor", key: "error.cursor"},
		{name: "client cursor past 2^31 is a page", who: "hub-adviser", method: "GET", path: "/api/v1/clients?cursor=zzzzzz",
			want: http.StatusOK},
		{name: "client cursor past 2^63", who: "hub-adviser", method: "GET", path: "/api/v1/clients?cursor=zzzzzzzzzzzzzz", field: "cursor"},
		{name: "taxonomy sort 99999999999 (API add)", who: "hub-admin", method: "POST", path: "/api/v1/taxonomies/topic",
			json: `{"code":"new_topic",` + label + `,"sort":99999999999}`, field: "sort"},
		{name: "taxonomy sort 99999999999 (API update)", who: "hub-admin", method: "PUT", path: "/api/v1/taxonomies/topic/permits",
			json: `{` + label + `,"sort":99999999999}`, field: "sort"},
		{name: "taxonomy sort 99999999999 (page update)", who: "hub-admin", method: "POST", path: "/admin/taxonomies/topic/permits",
			form: url.Values{"label_fi": {"a"}, "label_sv": {"b"}, "label_en": {"c"}, "sort": {"99999999999"}}, field: "sort", key: "error.sort_order"},
		{name: "taxonomy sort 99999999999 (page add)", who: "hub-admin", method: "POST", path: "/admin/taxonomies/topic",
			form:  url.Values{"code": {"new_topic"}, "label_fi": {"a"}, "label_sv": {"b"}, "label_en": {"c"}, "sort": {"99999999999"}},
			field: "sort", key: "error.sort_order"},
		{name: "NUL issuer in an unverified bearer token", method: "GET", path: "/api/v1/me", bearer: nulIssuer,
			want: http.StatusUnauthorized, wantProblem: true},
		{name: "invalid UTF-8 in a login's return address", method: "POST", path: "/login",
			form: url.Values{"org": {idString(h.orgs["hub"])}, "return": {"/contacts?q=\xff"}}, want: http.StatusSeeOther},
		{name: "first and last dates a calendar has", who: "hub-adviser", method: "GET",
			path: "/api/v1/contacts?from=0001-01-01&to=9999-12-31", want: http.StatusOK},
	}
	audits := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events`)
	fi := h.server.pages.Lang("fi")
	for _, tc := range table {
		status, answer := h.sendBadInput(browsers[tc.who], tc)
		switch {
		case status >= 500:
			t.Errorf("%s: answered %d", tc.name, status)
		case tc.want != 0 && status != tc.want:
			t.Errorf("%s: answered %d, want %d", tc.name, status, tc.want)
		case tc.want == 0 && (status < 400 || status >= 500):
			t.Errorf("%s: answered %d, want a 4xx", tc.name, status)
		case tc.wantProblem || (tc.field != "" && tc.key == ""):
			if !strings.Contains(answer, `"status":`+idString(int64(status))) ||
				(tc.field != "" && !strings.Contains(answer, `{"field":"`+tc.field+`"`)) {
				t.Errorf("%s: the problem does not name %q: %s", tc.name, tc.field, answer)
			}
		case tc.key != "":
			message := `<p class="field-error">` + html.EscapeString(fi.T(tc.key))
			if fi.T(tc.key) == tc.key || !strings.Contains(answer, message) {
				t.Errorf("%s: the page lacks the message %q for %s", tc.name, fi.T(tc.key), tc.field)
			}
		}
	}
	if after := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events`); after != audits {
		t.Errorf("refused input wrote %d audit events", after-audits)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM taxonomy_items WHERE code = 'new_topic' OR sort_order > 1000000`); n != 0 {
		t.Errorf("%d taxonomy items were written from refused input", n)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE deleted_at IS NOT NULL`); n != 0 {
		t.Errorf("%d contacts were deleted with a refused reason", n)
	}
}

func (h *harness) sendBadInput(b *http.Client, tc badInput) (int, string) {
	h.t.Helper()
	if b == nil {
		b = h.browser()
	}
	var req *http.Request
	switch {
	case tc.form != nil:
		req, _ = http.NewRequest(tc.method, h.base+tc.path, strings.NewReader(tc.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case tc.json != "":
		req, _ = http.NewRequest(tc.method, h.base+tc.path, strings.NewReader(tc.json))
		req.Header.Set("Content-Type", "application/json")
	default:
		req, _ = http.NewRequest(tc.method, h.base+tc.path, nil)
	}
	if tc.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+tc.bearer)
	}
	resp, err := b.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.StatusCode, body(h.t, resp)
}

// recordContact records a walk-in by one of the organisation's users.
func (h *harness) recordContact(org int64, subject string, point int64) int64 {
	h.t.Helper()
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: org, UserID: h.users[subject]}, func(tx *sqlx.Tx) error {
		ctx := context.Background()
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		in := cases.ContactInput{AdvicePointID: point, StartedAt: time.Now().Add(-time.Hour), DurationMin: 10,
			Channel: "walk_in", Topics: []string{"permits"}}
		id, _, err = cases.CreateContact(ctx, tx, tax, nil, in, time.Now())
		return err
	})
	return id
}

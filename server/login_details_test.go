package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/auth/devidp"
	"neuvo/cases"
)

// auth0Claims are the hub newcomer's claims in Auth0's shape: custom
// claims namespaced by a URL, dots and slashes included.
var auth0Claims = map[string]any{
	"https://neuvo.test/roles": []string{"neuvo-managers"},
	"https://neuvo.test/app":   map[string]any{"neuvo.groups": []string{"neuvo-managers"}},
}

// withQuery returns the callback with key set, or removed when value is "".
func withQuery(t *testing.T, raw, key, value string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func TestCallbackChecksTheIssParameter(t *testing.T) {
	h := newHarness(t)
	callback := func(slug, subject string) (*http.Client, string) {
		b := h.browser()
		cb, err := devidp.LoginAs(b, h.startLogin(b, slug, "/"), subject)
		if err != nil {
			t.Fatal(err)
		}
		return b, cb
	}
	// The partner's provider advertises RFC 9207: iss must come, and match.
	b, cb := callback("partner", "partner-worker")
	if mustQuery(t, cb, "iss") != h.idp.IssuerURL("partner") {
		t.Fatalf("the partner's provider sent iss %q", mustQuery(t, cb, "iss"))
	}
	if resp := h.getURL(b, cb); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login with the right iss: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	b, cb = callback("partner", "partner-worker")
	h.callbackRefused(b, withQuery(t, cb, "iss", ""))
	b, cb = callback("partner", "partner-worker")
	h.callbackRefused(b, withQuery(t, cb, "iss", h.idp.IssuerURL("hub")))

	// The hub's provider does not advertise it: no iss is fine, a wrong one is not.
	b, cb = callback("hub", "hub-adviser")
	h.callbackRefused(b, withQuery(t, cb, "iss", h.idp.IssuerURL("partner")))
	b, cb = callback("hub", "hub-adviser")
	h.callbackRefused(b, withQuery(t, cb, "iss", h.idp.IssuerURL("hub")+"/"))
	b, cb = callback("hub", "hub-adviser")
	if resp := h.getURL(b, withQuery(t, cb, "iss", h.idp.IssuerURL("hub"))); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login with the hub's own iss: %d", resp.StatusCode)
	}
}

// TestRoleClaimNamesWithDotsAndSlashesMatch sets the hub's role claim on
// the admin form, as an admin would for Auth0, and checks the roles a first
// login seeds from it.
func TestRoleClaimNamesWithDotsAndSlashesMatch(t *testing.T) {
	for _, path := range []string{`https://neuvo.test/roles`, `"https://neuvo.test/roles"`, `"https://neuvo.test/app"."neuvo.groups"`} {
		t.Run(path, func(t *testing.T) {
			h := newHarness(t)
			resp := h.post(h.login("hub", "hub-admin"), "/admin/organisations/"+idString(h.orgs["hub"]), url.Values{
				"name": {"Org hub"}, "municipality_code": {"167"}, "issuer": {h.idp.IssuerURL("hub")},
				"client_id": {"neuvo-test"}, "role_claim": {path}, "role_map": {"neuvo-managers=manager"},
				"contact_edit_days": {"14"}, "active": {"on"},
			})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("saving role claim %s: %d", path, resp.StatusCode)
			}
			h.login("hub", "hub-newcomer")
			var roles []string
			h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
				return tx.Select(&roles, `SELECT role FROM user_roles JOIN users ON users.id = user_id WHERE subject = 'hub-newcomer'`)
			})
			if strings.Join(roles, ",") != "manager" {
				t.Fatalf("roles seeded from %s: %v, want [manager]", path, roles)
			}
		})
	}
}

// TestRefusedOpaqueTokenIsLogged: a token that is not a JWT (an opaque
// access token from a provider configured that way) is refused with a log
// line that says why, and the token itself never reaches the log.
func TestRefusedOpaqueTokenIsLogged(t *testing.T) {
	h := newHarness(t)
	opaque := "opaque-4Kq8ZrT1xVb7NwYp"
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: opaque}).problemOf(t, http.StatusUnauthorized)
	logs := h.logs.String()
	if !strings.Contains(logs, "bearer token refused") || !strings.Contains(logs, "not a JWT") {
		t.Fatalf("no log line says why the opaque token was refused:\n%s", logs)
	}
	if strings.Contains(logs, opaque) {
		t.Fatal("the refused token reached the log")
	}
}

// TestIssuerMismatchIsShownToAdminsNotUsers: an issuer entered with a
// trailing slash fails discovery. Users see the generic "not answering";
// the organisation's admin page says why, with both issuers.
func TestIssuerMismatchIsShownToAdminsNotUsers(t *testing.T) {
	h := newHarness(t)
	admin := h.login("partner", "partner-admin")
	page := body(t, h.get(admin, "/admin/organisations/"+idString(h.orgs["partner"])))
	mustContain(t, page, "Tunnistuspalvelu vastaa")
	wrong := h.idp.IssuerURL("partner") + "/"
	resp := h.post(admin, "/admin/organisations/"+idString(h.orgs["partner"]), url.Values{
		"name": {"Org partner"}, "municipality_code": {"167"}, "issuer": {wrong}, "client_id": {"neuvo-test"},
		"role_claim": {"roles"}, "role_map": {"neuvo-managers=manager"}, "contact_edit_days": {"14"}, "active": {"on"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the issuer: %d", resp.StatusCode)
	}

	user := h.browser()
	resp = h.post(user, "/login", url.Values{"org": {idString(h.orgs["partner"])}, "return": {"/"}})
	text := body(t, resp)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(text, "kirjautumispalvelu ei vastaa") {
		t.Fatalf("user's login: %d, want 503 with the generic message", resp.StatusCode)
	}
	if strings.Contains(text, wrong) || strings.Contains(text, "issuer") {
		t.Fatal("the user's page shows the cause")
	}

	page = body(t, h.get(admin, "/admin/organisations/"+idString(h.orgs["partner"])))
	mustContain(t, page, `id="provider-problem"`, "nimeää eri issuerin", "loppukauttaviiva",
		`<dd class="mono">`+wrong+`</dd>`, `<dd class="mono">`+h.idp.IssuerURL("partner")+`</dd>`)
}

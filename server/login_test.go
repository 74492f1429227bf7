package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/auth/devidp"
	"neuvo/cases"
)

func TestLoginLandsOnHomeWithOrganisationAndRoles(t *testing.T) {
	h := newHarness(t)
	b := h.login("partner", "partner-worker")
	page := body(t, h.get(b, "/"))
	mustContain(t, page, "Pia Partner", "Org partner", "Kumppanikunnan työntekijä")
	var logins int
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["partner"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&logins, `SELECT count(*) FROM audit_events WHERE action = 'login'`)
	})
	if logins != 1 {
		t.Errorf("%d login audit events, want 1", logins)
	}
}

func TestLoginPageListsOrganisations(t *testing.T) {
	h := newHarness(t)
	page := body(t, h.get(h.browser(), "/login"))
	mustContain(t, page, "Org hub", "Org partner", "Org other", `name="org"`)
}

func TestAnonymousIsSentToLoginAndBack(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	resp := h.get(b, "/admin/users?x=1")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?return=%2Fadmin%2Fusers%3Fx%3D1" {
		t.Fatalf("anonymous: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	callback, err := devidp.LoginAs(b, h.startLogin(b, "hub", "/admin/users?x=1"), "hub-admin")
	if err != nil {
		t.Fatal(err)
	}
	if loc := h.getURL(b, callback).Header.Get("Location"); loc != "/admin/users?x=1" {
		t.Fatalf("after login: sent to %q", loc)
	}
}

func TestReturnAddressStaysOnSite(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	callback, _ := devidp.LoginAs(b, h.startLogin(b, "hub", "//evil.example/x"), "hub-admin")
	if loc := h.getURL(b, callback).Header.Get("Location"); loc != "/" {
		t.Fatalf("return address //evil.example/x became %q", loc)
	}
	for raw, want := range map[string]string{
		"/a?b=c": "/a?b=c", "https://evil.example/": "/", "//evil.example": "/", "/\\evil.example": "/",
		"": "/", "javascript:alert(1)": "/", "/ok/../path": "/ok/../path", "/x\r\nSet-Cookie: a=b": "/",
	} {
		if got := safeReturn(raw); got != want {
			t.Errorf("safeReturn(%q) = %q, want %q", raw, got, want)
		}
	}
}

func TestFirstLoginCreatesUserWithRolesFromClaim(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-newcomer")
	page := body(t, h.get(b, "/"))
	mustContain(t, page, "Noora New", "Esihenkilö")
	var roles []string
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Select(&roles, `SELECT role FROM user_roles JOIN users ON users.id = user_id WHERE subject = 'hub-newcomer'`)
	})
	if len(roles) != 1 || roles[0] != "manager" {
		t.Fatalf("seeded roles %v, want [manager] (neuvo-managers mapped, unrelated ignored)", roles)
	}
}

// callbackRefused asserts the callback answers 400 and starts no session.
func (h *harness) callbackRefused(b *http.Client, callback string) {
	h.t.Helper()
	resp := h.getURL(b, callback)
	text := body(h.t, resp)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(text, "Kirjautuminen ei onnistunut") {
		h.t.Fatalf("callback answered %d, want 400 with the login-failed message", resp.StatusCode)
	}
	if h.get(b, "/").StatusCode != http.StatusSeeOther {
		h.t.Fatal("a refused login left a session")
	}
}

func TestCallbackRefusesWrongState(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	callback, _ := devidp.LoginAs(b, h.startLogin(b, "hub", "/"), "hub-adviser")
	u, _ := url.Parse(callback)
	q := u.Query()
	q.Set("state", q.Get("state")+"x")
	u.RawQuery = q.Encode()
	h.callbackRefused(b, u.String())
}

func TestCallbackRefusesStateFromAnotherBrowser(t *testing.T) {
	h := newHarness(t)
	victim, attacker := h.browser(), h.browser()
	callback, _ := devidp.LoginAs(attacker, h.startLogin(attacker, "hub", "/"), "hub-adviser")
	h.callbackRefused(victim, callback)
}

func TestCallbackRefusesWrongNonce(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	authURL := h.startLogin(b, "hub", "/")
	state := mustQuery(t, authURL, "state")
	h.ownerOnLoginTransaction(state, `UPDATE login_transactions SET nonce = 'not-the-nonce'`)
	callback, _ := devidp.LoginAs(b, authURL, "hub-adviser")
	h.callbackRefused(b, callback)
}

func TestCallbackRefusesExpiredTransaction(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	authURL := h.startLogin(b, "hub", "/")
	h.ownerOnLoginTransaction(mustQuery(t, authURL, "state"), `UPDATE login_transactions SET expires_at = now() - interval '1 second'`)
	callback, _ := devidp.LoginAs(b, authURL, "hub-adviser")
	h.callbackRefused(b, callback)
}

func TestCallbackRefusesReplayedTransaction(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	authURL := h.startLogin(b, "hub", "/")
	callback, _ := devidp.LoginAs(b, authURL, "hub-adviser")
	loginCookie := h.cookie(b, h.server.cookies.login)
	if resp := h.getURL(b, callback); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first callback: %d", resp.StatusCode)
	}
	// The same authorization request again yields a fresh, valid code with
	// the old state: only Neuvo's one-time transaction can refuse it.
	replay := h.browser()
	h.setCookie(replay, loginCookie)
	again, err := devidp.LoginAs(replay, authURL, "hub-adviser")
	if err != nil {
		t.Fatal(err)
	}
	h.callbackRefused(replay, again)
}

func TestCallbackRefusesCodeExchangedTwice(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	first, _ := devidp.LoginAs(b, h.startLogin(b, "hub", "/"), "hub-adviser")
	h.getURL(b, first)
	other := h.browser()
	second, _ := devidp.LoginAs(other, h.startLogin(other, "hub", "/"), "hub-adviser")
	u, _ := url.Parse(second)
	q := u.Query()
	q.Set("code", mustQuery(t, first, "code"))
	u.RawQuery = q.Encode()
	h.callbackRefused(other, u.String())
}

func TestCallbackRefusesCodeFromAnotherOrganisationsIssuer(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	authURL := h.startLogin(b, "partner", "/")
	// Send the same request to the hub's issuer: its code, for the partner's login.
	swapped := strings.Replace(authURL, h.idp.IssuerURL("partner"), h.idp.IssuerURL("hub"), 1)
	callback, err := devidp.LoginAs(b, swapped, "hub-adviser")
	if err != nil {
		t.Fatal(err)
	}
	h.callbackRefused(b, callback)
}

func TestCallbackRefusesDeactivatedUser(t *testing.T) {
	h := newHarness(t)
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`UPDATE users SET active = false WHERE subject = 'hub-adviser'`)
		return err
	})
	b := h.browser()
	callback, _ := devidp.LoginAs(b, h.startLogin(b, "hub", "/"), "hub-adviser")
	resp := h.getURL(b, callback)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("deactivated user's login: %d, want 403", resp.StatusCode)
	}
}

func (h *harness) ownerOnLoginTransaction(state, statement string) {
	h.t.Helper()
	tx := h.db.Owner.MustBegin()
	defer tx.Rollback()
	tx.MustExec(`SELECT set_config('app.login_state', encode(sha256(convert_to($1, 'UTF8')), 'hex'), true)`, state)
	res := tx.MustExec(statement)
	if n, _ := res.RowsAffected(); n != 1 {
		h.t.Fatalf("%s touched %d login transactions", statement, n)
	}
	if err := tx.Commit(); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) cookie(b *http.Client, name string) *http.Cookie {
	u, _ := url.Parse(h.base)
	for _, c := range b.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	h.t.Fatalf("no cookie %s", name)
	return nil
}

func (h *harness) setCookie(b *http.Client, c *http.Cookie) {
	u, _ := url.Parse(h.base)
	b.Jar.SetCookies(u, []*http.Cookie{c})
}

func mustQuery(t *testing.T, raw, key string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Query().Get(key) == "" {
		t.Fatalf("no %s in %s", key, raw)
	}
	return u.Query().Get(key)
}

var _ = context.Background

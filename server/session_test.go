package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func TestLogoutEndsSessionAndVisitsProvider(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	resp := h.post(b, "/logout", nil)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, h.idp.IssuerURL("hub")+"/end_session?") {
		t.Fatalf("logout: %d to %q, want the hub's end_session endpoint", resp.StatusCode, loc)
	}
	if mustQuery(t, loc, "id_token_hint") == "" || mustQuery(t, loc, "post_logout_redirect_uri") != h.base+"/logged-out" {
		t.Fatalf("end_session URL lacks id_token_hint or the post-logout address: %s", loc)
	}
	if resp := h.get(b, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after logout / answered %d, want a redirect to login", resp.StatusCode)
	}
	back := h.getURL(b, loc)
	if back.StatusCode != http.StatusFound || !strings.HasPrefix(back.Header.Get("Location"), h.base+"/logged-out") {
		t.Fatalf("provider logout: %d to %q", back.StatusCode, back.Header.Get("Location"))
	}
	var sessions int
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&sessions, `SELECT count(*) FROM sessions`)
	})
	if sessions != 0 {
		t.Fatalf("%d sessions left after logout", sessions)
	}
}

func TestLogoutIsPostOnly(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	if resp := h.get(b, "/logout"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET /logout: %d, want 405", resp.StatusCode)
	}
	if resp := h.get(b, "/"); resp.StatusCode != http.StatusOK {
		t.Fatal("GET /logout ended the session")
	}
}

func TestSessionEndsAfterIdleAndAbsoluteLimits(t *testing.T) {
	for name, statement := range map[string]string{
		"idle":     `UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`,
		"absolute": `UPDATE sessions SET expires_at = now() - interval '1 second'`,
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			b := h.login("hub", "hub-adviser")
			h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
				_, err := tx.Exec(statement)
				return err
			})
			if resp := h.get(b, "/"); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("expired session still served /: %d", resp.StatusCode)
			}
		})
	}
}

func TestSessionCookieIsHardened(t *testing.T) {
	h := newHarness(t)
	b := h.browser()
	callback, _ := loginCallbackURL(h, b, "hub", "hub-adviser")
	resp := h.getURL(b, callback)
	var found bool
	for _, c := range resp.Cookies() {
		if c.Name == "neuvo-session" {
			found = true
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || len(c.Value) < 40 {
				t.Errorf("session cookie %+v", c)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie set at login")
	}
	secure := newCookieNames(true)
	if secure.session != "__Host-neuvo-session" || secure.login != "__Host-neuvo-login" {
		t.Errorf("https cookie names %+v", secure)
	}
}

func TestSessionIDIsStoredOnlyAsHash(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	secret := h.cookie(b, "neuvo-session").Value
	var stored []byte
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&stored, `SELECT id_hash FROM sessions`)
	})
	if len(stored) != 32 || strings.Contains(string(stored), secret) {
		t.Fatalf("stored session id is not a SHA-256 hash")
	}
}

func TestNewSessionIDAtEveryLogin(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	first := h.cookie(b, "neuvo-session").Value
	callback, _ := loginCallbackURL(h, b, "hub", "hub-adviser")
	h.getURL(b, callback)
	if h.cookie(b, "neuvo-session").Value == first {
		t.Fatal("the session id did not change at login")
	}
}

func TestDeactivatingUserEndsTheirSessionsAtOnce(t *testing.T) {
	h := newHarness(t)
	adviser := h.login("hub", "hub-adviser")
	admin := h.login("hub", "hub-admin")
	resp := h.post(admin, "/admin/users/"+idString(h.users["hub-adviser"]), url.Values{"roles": {"adviser"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivating: %d", resp.StatusCode)
	}
	if resp := h.get(adviser, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivated user's session still answered %d", resp.StatusCode)
	}
}

func TestLanguageChoiceIsRememberedPerUser(t *testing.T) {
	h := newHarness(t)
	b := h.login("partner", "partner-worker")
	resp := h.post(b, "/language", url.Values{"lang": {"en"}, "return": {"/"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("language switch: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	mustContain(t, body(t, h.get(b, "/")), "Partner-municipality worker", `lang="en"`)
	elsewhere := h.login("partner", "partner-worker")
	mustContain(t, body(t, h.get(elsewhere, "/")), "Partner-municipality worker")
	if resp := h.post(b, "/language", url.Values{"lang": {"de"}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown language: %d, want 400", resp.StatusCode)
	}
}

func TestAnonymousLanguageFromCookieAndAcceptLanguage(t *testing.T) {
	h := newHarness(t)
	req, _ := http.NewRequest(http.MethodGet, h.base+"/login", nil)
	req.Header.Set("Accept-Language", "sv-FI,sv;q=0.9,en;q=0.5")
	resp, err := h.browser().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, body(t, resp), "Logga in i Neuvo")
	b := h.browser()
	h.post(b, "/language", url.Values{"lang": {"en"}, "return": {"/login"}})
	mustContain(t, body(t, h.get(b, "/login")), "Log in to Neuvo")
}

func loginCallbackURL(h *harness, b *http.Client, slug, subject string) (string, error) {
	return devidpLogin(b, h.startLogin(b, slug, "/"), subject)
}

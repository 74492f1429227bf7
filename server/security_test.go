package server

import (
	"net/http"
	"strings"
	"testing"
)

func TestCrossSitePostIsRefused(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	for _, header := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://evil.example"},
	} {
		req, _ := http.NewRequest(http.MethodPost, h.base+"/logout", nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := b.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("cross-site POST with %v: %d, want 403", header, resp.StatusCode)
		}
		checkSecurityHeaders(t, resp, false)
	}
	if resp := h.get(b, "/"); resp.StatusCode != http.StatusOK {
		t.Fatal("a refused cross-site logout ended the session")
	}
	req, _ := http.NewRequest(http.MethodPost, h.base+"/language", strings.NewReader("lang=en&return=/"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if resp, _ := b.Do(req); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("same-origin POST: %d, want 303", resp.StatusCode)
	}
}

func TestSecurityHeadersOnPagesAndErrors(t *testing.T) {
	h := newHarness(t)
	b := h.login("partner", "partner-worker")
	for path, status := range map[string]int{"/": 200, "/no-such-page": 404, "/admin/users": 403, "/healthz": 200} {
		resp := h.get(b, path)
		if resp.StatusCode != status {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, status)
		}
		checkSecurityHeaders(t, resp, true)
	}
	resp := h.get(b, "/no-such-page")
	page := body(t, resp)
	mustContain(t, page, "Sivua ei löytynyt")
	nonce := strings.TrimSuffix(strings.SplitN(resp.Header.Get("Content-Security-Policy"), "'nonce-", 2)[1], "'")
	nonce = nonce[:strings.Index(nonce, "'")]
	mustContain(t, page, `nonce="`+nonce+`"`)
	mustContain(t, body(t, h.get(b, "/admin/users")), "Ei käyttöoikeutta")
}

func checkSecurityHeaders(t *testing.T, resp *http.Response, noStore bool) {
	t.Helper()
	csp := resp.Header.Get("Content-Security-Policy")
	for _, part := range []string{"default-src 'self'", "script-src 'self' 'nonce-", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("%s: CSP %q lacks %q", resp.Request.URL.Path, csp, part)
		}
	}
	want := map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
	if noStore {
		want["Cache-Control"] = "no-store"
	}
	for k, v := range want {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", resp.Request.URL.Path, k, got, v)
		}
	}
}

func TestStaticAssetsAreChecksummedAndCached(t *testing.T) {
	h := newHarness(t)
	url := h.server.pages.Assets.URL("app.css")
	resp := h.get(h.browser(), url)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("%s: %d %v", url, resp.StatusCode, resp.Header)
	}
	if resp := h.get(h.browser(), "/static/app.css"); resp.StatusCode != 404 {
		t.Fatalf("unchecksummed asset name answered %d", resp.StatusCode)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	h := newHarness(t)
	if resp := h.get(h.browser(), "/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz %d", resp.StatusCode)
	}
	if resp := h.get(h.browser(), "/readyz"); resp.StatusCode != 200 {
		t.Fatalf("readyz %d", resp.StatusCode)
	}
	h.db.Owner.MustExec(`INSERT INTO schema_migrations (version, name) VALUES (9999, 'from the future')`)
	if resp := h.get(h.browser(), "/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a schema the binary does not know: %d, want 503", resp.StatusCode)
	}
}

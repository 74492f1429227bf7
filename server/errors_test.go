package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/frontend"
)

func bareServer(t testing.TB, base string) *Server {
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(base)
	return New(Config{BaseURL: u, Session: harnessPolicy}, nil, nil, render, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

func TestPanicBecomesGenericErrorPage(t *testing.T) {
	s := bareServer(t, "http://localhost:8080")
	engine := s.engine()
	engine.GET("/boom", func(*gin.Context) { panic("secret internal detail") })
	rec := httptest.NewRecorder()
	engine.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("panic answered %d, want 500", rec.Code)
	}
	page := rec.Body.String()
	if strings.Contains(page, "secret internal detail") || !strings.Contains(page, "Jotain meni vikaan") {
		t.Fatal("the 500 page is not the generic translated page")
	}
	if !strings.Contains(rec.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Fatal("the 500 page lacks security headers")
	}
}

func TestHTTPSAddsHSTSAndHostCookies(t *testing.T) {
	s := bareServer(t, "https://neuvo.example.fi")
	rec := httptest.NewRecorder()
	s.engine().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if !strings.HasPrefix(rec.Header().Get("Strict-Transport-Security"), "max-age=") {
		t.Fatal("no HSTS over https")
	}
	if s.cookies.session != "__Host-neuvo-session" || !s.cookies.secure {
		t.Fatalf("cookies over https: %+v", s.cookies)
	}
	plain := bareServer(t, "http://localhost:8080")
	rec = httptest.NewRecorder()
	plain.engine().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Header().Get("Strict-Transport-Security") != "" {
		t.Fatal("HSTS sent over plain http")
	}
}

func TestLoginSkipsPickerWithOneOrganisation(t *testing.T) {
	h := newHarness(t)
	for _, slug := range []string{"partner", "partner2", "other"} {
		scope := cases.Scope{OrgID: h.orgs[slug]}
		h.db.InScope(t, scope, func(tx *sqlx.Tx) error {
			_, err := tx.Exec(`UPDATE organisations SET active = false WHERE id = $1`, h.orgs[slug])
			return err
		})
	}
	resp := h.get(h.browser(), "/login")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), h.idp.IssuerURL("hub")+"/") {
		t.Fatalf("one organisation: %d to %q, want straight to the hub's provider", resp.StatusCode, resp.Header.Get("Location"))
	}
}

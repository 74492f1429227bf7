package server

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/auth/devidp"
	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/notify"
	"neuvo/frontend"
)

// harness is Neuvo on a fresh database with the real demo OpenID provider
// in-process: one hub and one partner in one network, and an unrelated
// network with its own hub.
type harness struct {
	t       *testing.T
	db      *dbtest.DB
	base    string
	server  *Server
	idp     *devidp.Provider
	orgs    map[string]int64 // slug -> organisation id
	users   map[string]int64 // subject -> user id
	session auth.SessionPolicy
	logs    *logBuffer // the server's log lines
	pool    *sqlx.DB   // the server's own connections, bounded as in production
}

// harnessOptions are the server's pool and limits; the transport tests
// tighten them to see stalls quickly.
type harnessOptions struct {
	poolSize int
	timeouts cases.Timeouts
	limits   Limits
}

var defaultHarness = harnessOptions{
	poolSize: 8,
	timeouts: cases.Timeouts{Statement: 20 * time.Second, Lock: 3 * time.Second, IdleInTransaction: 30 * time.Second},
	limits:   Limits{RequestTimeout: 30 * time.Second, PoolWait: 5 * time.Second},
}

var harnessPolicy = auth.SessionPolicy{Idle: 30 * time.Minute, Absolute: 10 * time.Hour}

var harnessUsers = map[string][]devidp.User{
	"hub": {
		{Subject: "hub-adviser", Name: "Aino Adviser", Email: "aino@hub.test", Roles: []string{"adviser"}},
		{Subject: "hub-colleague", Name: "Kalle Colleague", Email: "kalle@hub.test", Roles: []string{"adviser"}},
		{Subject: "hub-manager", Name: "Mikko Manager", Email: "mikko@hub.test", Roles: []string{"manager"}},
		{Subject: "hub-admin", Name: "Anna Admin", Email: "anna@hub.test", Roles: []string{"admin"}},
		{Subject: "hub-newcomer", Name: "Noora New", Email: "noora@hub.test", Roles: []string{"neuvo-managers", "unrelated"},
			Claims: auth0Claims},
	},
	"partner": {
		{Subject: "partner-worker", Name: "Pia Partner", Email: "pia@partner.test", Roles: []string{"partner_worker"}},
		{Subject: "partner-admin", Name: "Paavo Admin", Email: "paavo@partner.test", Roles: []string{"admin"}},
		{Subject: "partner-adviser", Name: "Petra Adviser", Email: "petra@partner.test", Roles: []string{"adviser", "manager"}},
	},
	"other": {
		{Subject: "other-admin", Name: "Olli Other", Email: "olli@other.test", Roles: []string{"admin"}},
		{Subject: "other-adviser", Name: "Oona Other", Email: "oona@other.test", Roles: []string{"adviser", "manager"}},
		{Subject: "other-all", Name: "Oili Other", Email: "oili@other.test", Roles: []string{"partner_worker", "adviser", "manager"}},
	},
	// A second partner of the hub's network, whose users hold every role
	// that reads support requests: the isolation walk of another partner.
	"partner2": {
		{Subject: "partner2-all", Name: "Ville Partner", Email: "ville@partner2.test", Roles: []string{"partner_worker", "adviser", "manager"}},
	},
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, defaultHarness)
}

func newHarnessWith(t *testing.T, opts harnessOptions) *harness {
	t.Helper()
	h := &harness{t: t, db: dbtest.New(t), orgs: map[string]int64{}, users: map[string]int64{}, session: harnessPolicy}
	idpListener, _ := net.Listen("tcp", "127.0.0.1:0")
	neuvoListener, _ := net.Listen("tcp", "127.0.0.1:0")
	h.base = "http://" + neuvoListener.Addr().String()
	baseURL, _ := url.Parse(h.base)
	cfg := devidp.Config{BaseURL: "http://" + idpListener.Addr().String(), Client: devidp.Client{
		ID: "neuvo-test", Secret: "test-secret",
		RedirectURIs: []string{RedirectURL(baseURL)}, PostLogoutRedirectURIs: []string{PostLogoutURL(baseURL)}}}
	for _, slug := range []string{"hub", "partner", "partner2", "other"} {
		// The partner's issuer follows RFC 9207 (iss in every authorization
		// response), so both kinds of provider are logged in to everywhere.
		cfg.Issuers = append(cfg.Issuers, devidp.Issuer{Slug: slug, Title: slug, Users: harnessUsers[slug],
			IssParameter: slug == "partner"})
	}
	idp, err := devidp.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.idp = idp
	startServer(t, idpListener, idp)
	h.seed()
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	registry := auth.NewRegistry(context.Background(), http.DefaultClient, RedirectURL(baseURL))
	orgs, _ := cases.AllOrganisations(context.Background(), h.db.Service)
	registry.Load(orgs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	h.logs = &logBuffer{}
	h.pool, err = cases.Open(context.Background(), cases.WithTimeouts(h.db.ServiceURL, opts.timeouts), opts.poolSize)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.pool.Close() })
	outbox := h.outbox(render, baseURL, notify.SMTP{}, false)
	h.server = New(Config{BaseURL: baseURL, Session: h.session, Version: "test", Limits: opts.limits, Outbox: outbox},
		h.pool, registry, render, slog.New(slog.NewJSONHandler(h.logs, nil)))
	startServer(t, neuvoListener, h.server.Handler())
	return h
}

func startServer(t *testing.T, l net.Listener, handler http.Handler) {
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: handler}}
	srv.Start()
	t.Cleanup(srv.Close)
}

func (h *harness) seed() {
	input := func(slug string) cases.OrganisationInput {
		return cases.OrganisationInput{Name: "Org " + slug, MunicipalityCode: "167", Issuer: h.idp.IssuerURL(slug),
			ClientID: "neuvo-test", ClientSecret: "test-secret", RoleClaim: "roles",
			RoleMap: "neuvo-managers=manager", Active: true, ContactEditDays: 14}
	}
	ctx := context.Background()
	var err error
	for _, slug := range []string{"hub", "other"} {
		if h.orgs[slug], err = cases.CreateNetwork(ctx, h.db.Owner, "Network "+slug, input(slug)); err != nil {
			h.t.Fatal(err)
		}
	}
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) (err error) {
		if h.orgs["partner"], err = cases.CreatePartner(ctx, tx, nil, input("partner")); err != nil {
			return err
		}
		partner2 := input("partner2")
		partner2.MunicipalityCode = "276"
		h.orgs["partner2"], err = cases.CreatePartner(ctx, tx, nil, partner2)
		return err
	})
	for slug, users := range harnessUsers {
		for _, u := range users {
			var roles []cases.Role
			for _, r := range u.Roles {
				if role, ok := cases.ParseRole(r); ok {
					roles = append(roles, role)
				}
			}
			if u.Subject != "hub-newcomer" {
				h.users[u.Subject] = h.db.NewUser(h.t, h.orgs[slug], h.idp.IssuerURL(slug), u.Subject, roles...)
			}
		}
	}
}

// browser is an HTTP client with cookies that does not follow redirects,
// so tests see every hop.
func (h *harness) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// startLogin posts the login form and returns the provider's URL.
func (h *harness) startLogin(b *http.Client, slug, returnTo string) string {
	h.t.Helper()
	resp := h.post(b, "/login", url.Values{"org": {idString(h.orgs[slug])}, "return": {returnTo}})
	if resp.StatusCode != http.StatusSeeOther {
		h.t.Fatalf("POST /login: %d", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

// login runs the whole flow for a user and returns a logged-in browser.
func (h *harness) login(slug, subject string) *http.Client {
	h.t.Helper()
	b := h.browser()
	callback, err := devidp.LoginAs(b, h.startLogin(b, slug, "/"), subject)
	if err != nil {
		h.t.Fatal(err)
	}
	resp := h.getURL(b, callback)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		h.t.Fatalf("callback for %s: %d to %q", subject, resp.StatusCode, resp.Header.Get("Location"))
	}
	return b
}

func (h *harness) get(b *http.Client, path string) *http.Response {
	return h.getURL(b, h.base+path)
}

func (h *harness) getURL(b *http.Client, u string) *http.Response {
	h.t.Helper()
	resp, err := b.Get(u)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

func (h *harness) post(b *http.Client, path string, form url.Values) *http.Response {
	h.t.Helper()
	resp, err := b.PostForm(h.base+path, form)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustContain(t *testing.T, text string, wanted ...string) {
	t.Helper()
	for _, w := range wanted {
		if !strings.Contains(text, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

var devidpLogin = devidp.LoginAs

// TestMain quiets the demo provider's library, which logs every refused
// request through the default logger; the tests assert on those refusals.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	m.Run()
}

package devidp

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

const (
	testClientID     = "neuvo"
	testClientSecret = "demo-secret"
	rpCallback       = "http://localhost:8080/auth/callback"
	rpLoggedOut      = "http://localhost:8080/"
)

var testIssuers = []Issuer{
	{Slug: "liperi", Title: "Liperi (demo)", Users: []User{
		{Subject: "liperi-partner", Name: "Pirjo Partner", Email: "pirjo@liperi.example", Roles: []string{"partner"}},
		{Subject: "liperi-admin", Name: "Aki Admin", Email: "aki@liperi.example", Roles: []string{"admin", "partner"}},
	}},
	{Slug: "joensuu", Title: "Joensuu (demo)", Users: []User{
		{Subject: "joensuu-partner", Name: "Jaana Partner", Email: "jaana@joensuu.example", Roles: []string{"partner"}},
		{Subject: "joensuu-guest", Name: "Ville Vieras", Email: "ville@joensuu.example"},
	}},
}

// startProvider listens first because the issuer URL must be known before
// the handler is built.
func startProvider(t *testing.T) *Provider {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{
		BaseURL: "http://" + ln.Addr().String(),
		Issuers: testIssuers,
		Client: Client{
			ID:                     testClientID,
			Secret:                 testClientSecret,
			RedirectURIs:           []string{rpCallback},
			PostLogoutRedirectURIs: []string{rpLoggedOut},
		},
	})
	if err != nil {
		ln.Close()
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: p}}
	srv.Start()
	t.Cleanup(srv.Close)
	return p
}

// relyingParty is what Neuvo keeps per issuer.
type relyingParty struct {
	provider   *oidc.Provider
	verifier   *oidc.IDTokenVerifier
	config     oauth2.Config
	endSession string
}

func newRelyingParty(t *testing.T, issuerURL string) *relyingParty {
	t.Helper()
	provider, err := oidc.NewProvider(t.Context(), issuerURL)
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := provider.Claims(&meta); err != nil {
		t.Fatal(err)
	}
	return &relyingParty{
		provider: provider,
		verifier: provider.Verifier(&oidc.Config{ClientID: testClientID}),
		config: oauth2.Config{
			ClientID:     testClientID,
			ClientSecret: testClientSecret,
			Endpoint:     provider.Endpoint(),
			RedirectURL:  rpCallback,
			Scopes:       []string{oidc.ScopeOpenID, "profile", "email"},
		},
		endSession: meta.EndSession,
	}
}

type loginResult struct {
	nonce, verifier, code string
}

func (rp *relyingParty) login(t *testing.T, subject string) loginResult {
	t.Helper()
	state, nonce, verifier := rand.Text(), rand.Text(), oauth2.GenerateVerifier()
	authURL := rp.config.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
	callback, err := LoginAs(browser(t), authURL, subject)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(callback, rpCallback+"?") {
		t.Fatalf("callback %q does not go to %q", callback, rpCallback)
	}
	u, err := url.Parse(callback)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Query().Get("state"); got != state {
		t.Fatalf("state = %q, want %q", got, state)
	}
	code := u.Query().Get("code")
	if code == "" {
		t.Fatalf("no code in %q", callback)
	}
	return loginResult{nonce: nonce, verifier: verifier, code: code}
}

// exchange returns the token and its verified ID token, as Neuvo would.
func (rp *relyingParty) exchange(t *testing.T, l loginResult) (*oauth2.Token, string, *oidc.IDToken) {
	t.Helper()
	tok, err := rp.config.Exchange(t.Context(), l.code, oauth2.VerifierOption(l.verifier))
	if err != nil {
		t.Fatal(err)
	}
	rawID, _ := tok.Extra("id_token").(string)
	idt, err := rp.verifier.Verify(t.Context(), rawID)
	if err != nil {
		t.Fatal(err)
	}
	if idt.Nonce != l.nonce {
		t.Fatalf("nonce = %q, want %q", idt.Nonce, l.nonce)
	}
	if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
		t.Fatal(err)
	}
	return tok, rawID, idt
}

func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

func noRedirects() *http.Client {
	return &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

type userClaims struct {
	Subject           string   `json:"sub"`
	Name              string   `json:"name"`
	Email             string   `json:"email"`
	PreferredUsername string   `json:"preferred_username"`
	Roles             []string `json:"roles"`
	Groups            []string `json:"groups"`
}

func checkClaims(t *testing.T, what string, got userClaims, want User) {
	t.Helper()
	wantRoles := want.Roles
	if wantRoles == nil {
		wantRoles = []string{}
	}
	if got.Subject != want.Subject || got.Name != want.Name || got.Email != want.Email ||
		got.PreferredUsername != want.Email ||
		!slices.Equal(got.Roles, wantRoles) || !slices.Equal(got.Groups, wantRoles) {
		t.Errorf("%s claims = %+v, want user %+v", what, got, want)
	}
}

func TestLoginFlow(t *testing.T) {
	p := startProvider(t)
	for _, ic := range testIssuers {
		t.Run(ic.Slug, func(t *testing.T) {
			issuerURL := p.IssuerURL(ic.Slug)
			if strings.HasSuffix(issuerURL, "/") {
				t.Errorf("issuer %q has a trailing slash", issuerURL)
			}
			rp := newRelyingParty(t, issuerURL)
			for _, user := range ic.Users {
				l := rp.login(t, user.Subject)
				tok, _, idt := rp.exchange(t, l)

				if idt.Issuer != issuerURL {
					t.Errorf("iss = %q, want %q", idt.Issuer, issuerURL)
				}
				var idClaims userClaims
				if err := idt.Claims(&idClaims); err != nil {
					t.Fatal(err)
				}
				checkClaims(t, "ID token", idClaims, user)

				at, err := rp.verifier.Verify(t.Context(), tok.AccessToken)
				if err != nil {
					t.Fatalf("access token does not verify: %v", err)
				}
				var atClaims userClaims
				if err := at.Claims(&atClaims); err != nil {
					t.Fatal(err)
				}
				if at.Subject != user.Subject || !slices.Equal(atClaims.Roles, idClaims.Roles) {
					t.Errorf("access token sub %q roles %v, want %q %v", at.Subject, atClaims.Roles, user.Subject, idClaims.Roles)
				}

				info, err := rp.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok))
				if err != nil {
					t.Fatal(err)
				}
				var infoClaims userClaims
				if err := info.Claims(&infoClaims); err != nil {
					t.Fatal(err)
				}
				checkClaims(t, "userinfo", infoClaims, user)

				_, err = rp.config.Exchange(t.Context(), l.code, oauth2.VerifierOption(l.verifier))
				var re *oauth2.RetrieveError
				if !errors.As(err, &re) || re.ErrorCode != "invalid_grant" {
					t.Errorf("second exchange of a code: err = %v, want invalid_grant", err)
				}
			}
		})
	}
}

func TestTokensAreBoundToTheirIssuer(t *testing.T) {
	p := startProvider(t)
	liperi := newRelyingParty(t, p.IssuerURL("liperi"))
	joensuu := newRelyingParty(t, p.IssuerURL("joensuu"))

	tok, rawID, _ := liperi.exchange(t, liperi.login(t, "liperi-admin"))
	if _, err := joensuu.verifier.Verify(t.Context(), rawID); err == nil {
		t.Error("joensuu's verifier accepted liperi's ID token")
	}
	if _, err := joensuu.verifier.Verify(t.Context(), tok.AccessToken); err == nil {
		t.Error("joensuu's verifier accepted liperi's access token")
	}
	if _, err := joensuu.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok)); err == nil {
		t.Error("joensuu's userinfo accepted liperi's access token")
	}
	// A code is only redeemable at the issuer that minted it.
	l := liperi.login(t, "liperi-partner")
	if _, err := joensuu.config.Exchange(t.Context(), l.code, oauth2.VerifierOption(l.verifier)); err == nil {
		t.Error("joensuu redeemed liperi's code")
	}
}

func TestExchangeNeedsTheRightVerifier(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p.IssuerURL("liperi"))
	l := rp.login(t, "liperi-partner")
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"wrong verifier": {oauth2.VerifierOption(oauth2.GenerateVerifier())},
		"no verifier":    nil,
	} {
		_, err := rp.config.Exchange(t.Context(), l.code, opts...)
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) || !strings.Contains(re.ErrorDescription, "code_verifier") {
			t.Errorf("%s: err = %v, want a code_verifier error", name, err)
		}
	}
	// Failed attempts do not burn the code.
	rp.exchange(t, l)
}

func TestConcurrentExchangesOfOneCode(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p.IssuerURL("liperi"))
	for range 5 {
		l := rp.login(t, "liperi-admin")
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := rp.config.Exchange(t.Context(), l.code, oauth2.VerifierOption(l.verifier))
				errs <- err
			}()
		}
		if err1, err2 := <-errs, <-errs; (err1 == nil) == (err2 == nil) {
			t.Fatalf("want exactly one successful exchange, got errors %v and %v", err1, err2)
		}
	}
}

func TestAuthorizeRequiresS256AndNonce(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p.IssuerURL("liperi"))
	verifier := oauth2.GenerateVerifier()
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"no PKCE":    {oidc.Nonce(rand.Text())},
		"plain PKCE": {oidc.Nonce(rand.Text()), oauth2.SetAuthURLParam("code_challenge", verifier), oauth2.SetAuthURLParam("code_challenge_method", "plain")},
		"no nonce":   {oauth2.S256ChallengeOption(verifier)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoginAs(browser(t), rp.config.AuthCodeURL(rand.Text(), opts...), "liperi-partner")
			if err == nil || !strings.Contains(err.Error(), "invalid_request") {
				t.Errorf("LoginAs error = %v, want invalid_request", err)
			}
		})
	}
}

func TestLoginAsUnknownSubject(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p.IssuerURL("joensuu"))
	authURL := rp.config.AuthCodeURL(rand.Text(), oidc.Nonce(rand.Text()), oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	// A liperi user does not exist at joensuu.
	if _, err := LoginAs(browser(t), authURL, "liperi-partner"); err == nil {
		t.Fatal("LoginAs with a subject from another issuer succeeded")
	}
}

func TestLoginPage(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p.IssuerURL("liperi"))
	authURL := rp.config.AuthCodeURL(rand.Text(), oidc.Nonce(rand.Text()), oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	resp, err := browser(t).Get(authURL) // follows the redirect to the picker
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	page := string(body)
	for _, want := range []string{
		"Liperi (demo)", "Demo login — not a real identity provider",
		"Aki Admin", "aki@liperi.example", "admin, partner", `value="liperi-admin"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("login page lacks %q", want)
		}
	}
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Error("login page has a script")
	}
}

func TestEndSession(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p.IssuerURL("joensuu"))
	if rp.endSession != p.IssuerURL("joensuu")+"/end_session" {
		t.Fatalf("end_session_endpoint = %q", rp.endSession)
	}
	tok, rawID, _ := rp.exchange(t, rp.login(t, "joensuu-partner"))

	get := func(q url.Values) *http.Response {
		t.Helper()
		resp, err := noRedirects().Get(rp.endSession + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}

	resp := get(url.Values{"id_token_hint": {rawID}, "post_logout_redirect_uri": {"http://evil.example/"}, "state": {"s"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unregistered post_logout_redirect_uri: status %d, want 400", resp.StatusCode)
	}

	resp = get(url.Values{"id_token_hint": {rawID}, "post_logout_redirect_uri": {rpLoggedOut}, "state": {"bye 1"}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != rpLoggedOut+"?state=bye+1" {
		t.Errorf("logout: status %d Location %q, want 302 to %s?state=bye+1", resp.StatusCode, loc, rpLoggedOut)
	}
	if _, err := rp.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok)); err == nil {
		t.Error("userinfo still accepts the access token after logout")
	}

	resp = get(url.Values{})
	if loc := resp.Header.Get("Location"); loc != p.IssuerURL("joensuu")+"/logged-out" {
		t.Errorf("logout without a hint redirects to %q", loc)
	}
}

func TestParallelLogins(t *testing.T) {
	p := startProvider(t)
	rps := map[string]*relyingParty{}
	for _, ic := range testIssuers {
		rps[ic.Slug] = newRelyingParty(t, p.IssuerURL(ic.Slug))
	}
	for i := range 8 {
		ic := testIssuers[i%len(testIssuers)]
		user := ic.Users[(i/len(testIssuers))%len(ic.Users)]
		t.Run(fmt.Sprintf("%d-%s", i, user.Subject), func(t *testing.T) {
			t.Parallel()
			rp := rps[ic.Slug]
			_, _, idt := rp.exchange(t, rp.login(t, user.Subject))
			var claims userClaims
			if err := idt.Claims(&claims); err != nil {
				t.Fatal(err)
			}
			checkClaims(t, "ID token", claims, user)
		})
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	good := Config{BaseURL: "http://localhost:9090", Issuers: testIssuers[:1],
		Client: Client{ID: "c", Secret: "s", RedirectURIs: []string{rpCallback}}}
	for name, mutate := range map[string]func(*Config){
		"relative base": func(c *Config) { c.BaseURL = "localhost:9090" },
		"no issuers":    func(c *Config) { c.Issuers = nil },
		"bad slug":      func(c *Config) { c.Issuers = []Issuer{{Slug: "a/b", Users: testIssuers[0].Users}} },
		"dup slug":      func(c *Config) { c.Issuers = []Issuer{testIssuers[0], testIssuers[0]} },
		"no secret":     func(c *Config) { c.Client.Secret = "" },
		"no redirect":   func(c *Config) { c.Client.RedirectURIs = nil },
		"dup subject": func(c *Config) {
			c.Issuers = []Issuer{{Slug: "x", Users: []User{{Subject: "a"}, {Subject: "a"}}}}
		},
	} {
		cfg := good
		mutate(&cfg)
		if _, err := validated(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

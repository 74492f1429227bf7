package auth

import (
	"context"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"neuvo/auth/devidp"
	"neuvo/cases"
)

func TestClaimValuesFollowsPaths(t *testing.T) {
	claims := map[string]any{
		"roles":        []any{"a", "b", 3},
		"groups":       "single",
		"realm_access": map[string]any{"roles": []any{"neuvo-admin"}},
		// Auth0 namespaces its custom claims with URLs, dots and slashes included.
		"https://neuvo.example/roles": []any{"auth0-admin"},
		"https://neuvo.example/app":   map[string]any{"neuvo.groups": []any{"nested"}},
		"a.b":                         "whole",
		"a":                           map[string]any{"b": "nested-a-b"},
	}
	for path, want := range map[string][]string{
		"roles": {"a", "b"}, "groups": {"single"}, "realm_access.roles": {"neuvo-admin"},
		"missing": nil, "roles.deeper": nil, "": nil,
		"https://neuvo.example/roles":                {"auth0-admin"},
		`"https://neuvo.example/roles"`:              {"auth0-admin"},
		`"https://neuvo.example/app"."neuvo.groups"`: {"nested"},
		`"https://neuvo.example/app".neuvo.groups`:   nil,
		"a.b":                          {"whole"}, // the whole name first
		`a."b"`:                        {"nested-a-b"},
		`"https://neuvo.example/roles`: nil,
	} {
		if got := claimValues(claims, path); !reflect.DeepEqual(got, want) {
			t.Errorf("claimValues(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestRoleMapParsesAndMaps(t *testing.T) {
	m, err := cases.ParseRoleMap("neuvo-admin=admin\n g1 = adviser , g2=adviser")
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Map([]string{"g1", "g2", "neuvo-admin", "other"}); !reflect.DeepEqual(got, cases.Roles{"adviser", "admin"}) {
		t.Errorf("mapped %v", got)
	}
	for _, bad := range []string{"x=emperor", "=admin", "noequals"} {
		if _, err := cases.ParseRoleMap(bad); err == nil {
			t.Errorf("ParseRoleMap(%q) accepted", bad)
		}
	}
}

// tokenFrom logs in at one issuer of a demo provider and returns the raw
// ID token, without Neuvo.
func tokenFrom(t *testing.T, idp *devidp.Provider, slug, subject string, redirect string) (string, string) {
	ctx := context.Background()
	p, err := oidc.NewProvider(ctx, idp.IssuerURL(slug))
	if err != nil {
		t.Fatal(err)
	}
	cfg := oauth2.Config{ClientID: "neuvo", ClientSecret: "s", Endpoint: p.Endpoint(), RedirectURL: redirect,
		Scopes: []string{"openid", "profile", "email"}}
	verifier := oauth2.GenerateVerifier()
	jar, _ := cookiejar.New(nil)
	callback, err := devidp.LoginAs(&http.Client{Jar: jar}, cfg.AuthCodeURL("state", oidc.Nonce("n-1"), oauth2.S256ChallengeOption(verifier)), subject)
	if err != nil {
		t.Fatal(err)
	}
	code := callback[strings.Index(callback, "code=")+5:]
	code = strings.SplitN(code, "&", 2)[0]
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	return tok.Extra("id_token").(string), tok.AccessToken
}

func TestProviderRefusesTokenFromAnotherIssuer(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	redirect := "http://127.0.0.1:1/auth/callback"
	idp, err := devidp.New(devidp.Config{BaseURL: "http://" + l.Addr().String(),
		Client: devidp.Client{ID: "neuvo", Secret: "s", RedirectURIs: []string{redirect}},
		Issuers: []devidp.Issuer{
			{Slug: "a", Users: []devidp.User{{Subject: "u", Name: "U"}}},
			{Slug: "b", Users: []devidp.User{{Subject: "u", Name: "U"}}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: idp}}
	srv.Start()
	defer srv.Close()

	registry := NewRegistry(context.Background(), http.DefaultClient, redirect)
	a, err := registry.For(cases.Organisation{ID: 1, Issuer: idp.IssuerURL("a"), ClientID: "neuvo", UpdatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	fromA, accessA := tokenFrom(t, idp, "a", "u", redirect)
	fromB, _ := tokenFrom(t, idp, "b", "u", redirect)
	ctx := context.Background()
	good, err := a.verifier.Verify(ctx, fromA)
	if err != nil {
		t.Fatalf("A's own token: %v", err)
	}
	if _, err := a.verifier.Verify(ctx, fromB); err == nil {
		t.Fatal("A's verifier accepted an ID token from issuer B")
	}
	if err := a.checkToken(good, Transaction{Nonce: "n-1"}, accessA); err != nil {
		t.Fatalf("matching nonce refused: %v", err)
	}
	if err := a.checkToken(good, Transaction{Nonce: "n-2"}, accessA); err == nil {
		t.Fatal("a wrong nonce was accepted")
	}
	if err := a.checkToken(good, Transaction{Nonce: "n-1"}, accessA+"x"); err == nil {
		t.Fatal("an access token not matching at_hash was accepted")
	}
	if _, err := a.Complete(ctx, Transaction{OrgID: 1, Issuer: idp.IssuerURL("b")}, Callback{Code: "code"}); err == nil {
		t.Fatal("a login transaction started at another issuer was completed")
	}
}

func TestEndSessionURL(t *testing.T) {
	p := &Provider{endSession: "https://idp.example/logout", oauth: oauth2.Config{ClientID: "c"}}
	u := p.EndSessionURL("tok", "https://neuvo.example/logged-out", "st")
	for _, part := range []string{"id_token_hint=tok", "post_logout_redirect_uri=https%3A%2F%2Fneuvo.example%2Flogged-out", "state=st"} {
		if !strings.Contains(u, part) {
			t.Errorf("%s lacks %s", u, part)
		}
	}
	if (&Provider{}).EndSessionURL("tok", "x", "s") != "" {
		t.Error("a provider without end_session_endpoint produced a logout URL")
	}
}

func TestAccessTokenShape(t *testing.T) {
	jwt := func(header string) string {
		return base64.RawURLEncoding.EncodeToString([]byte(header)) + ".e30.sig"
	}
	plain := jwt(`{"alg":"RS256","typ":"JWT"}`)
	for name, c := range map[string]struct {
		raw    string
		claims map[string]any
		ok     bool
	}{
		"RFC 9068 header":       {jwt(`{"alg":"RS256","typ":"at+jwt"}`), map[string]any{}, true},
		"Keycloak access token": {plain, map[string]any{"typ": "Bearer", "nonce": "n"}, true},
		"Zitadel access token":  {plain, map[string]any{"client_id": "neuvo", "jti": "x"}, true},
		"Entra access token":    {plain, map[string]any{"scp": "Neuvo.Api"}, true},
		"ID token with at_hash": {plain, map[string]any{"client_id": "neuvo", "at_hash": "h"}, false},
		"ID token with nonce":   {plain, map[string]any{"nonce": "n", "scope": "openid"}, false},
		"Keycloak ID token":     {plain, map[string]any{"typ": "ID", "client_id": "neuvo"}, false},
		"no mark of either":     {plain, map[string]any{"sub": "x"}, false},
	} {
		if err := accessTokenShape(c.raw, c.claims); (err == nil) != c.ok {
			t.Errorf("%s: err %v, want ok %v", name, err, c.ok)
		}
	}
}

// TestFailedDiscoveryIsNotRepeatedAtOnce: during a provider's outage,
// requests must not each wait for a discovery of their own.
func TestFailedDiscoveryIsNotRepeatedAtOnce(t *testing.T) {
	hits := 0
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	r := NewRegistry(context.Background(), down.Client(), "http://localhost/auth/callback")
	org := cases.Organisation{ID: 7, Issuer: down.URL, ClientID: "neuvo", Active: true, UpdatedAt: time.Now()}
	if _, err := r.For(org); err == nil {
		t.Fatal("discovery of a failing provider succeeded")
	}
	if _, err := r.For(org); err == nil || hits != 1 {
		t.Fatalf("second lookup: err %v, %d requests to the provider (want the remembered failure, 1 request)", err, hits)
	}
	org.UpdatedAt = org.UpdatedAt.Add(time.Second) // an admin changed the settings: try again at once
	r.For(org)
	if hits != 2 {
		t.Fatalf("%d requests after a settings change, want 2", hits)
	}
}

// TestAuthorizedPartyIsCheckedWheneverPresent: azp names the client the ID
// token was issued to; another client's token is refused even with one
// audience.
func TestAuthorizedPartyIsCheckedWheneverPresent(t *testing.T) {
	for name, c := range map[string]struct {
		aud []string
		azp string
		ok  bool
	}{
		"one audience, no azp":          {[]string{"neuvo"}, "", true},
		"one audience, azp this client": {[]string{"neuvo"}, "neuvo", true},
		"one audience, azp another":     {[]string{"neuvo"}, "other-app", false},
		"several, azp this client":      {[]string{"neuvo", "api"}, "neuvo", true},
		"several, azp another":          {[]string{"neuvo", "api"}, "other-app", false},
		"several, no azp":               {[]string{"neuvo", "api"}, "", false},
	} {
		if err := authorizedParty(c.aud, c.azp, "neuvo"); (err == nil) != c.ok {
			t.Errorf("%s: err %v, want ok %v", name, err, c.ok)
		}
	}
}

// TestProviderProblemNamesTheCause: what an admin is told for each way
// discovery fails.
func TestProviderProblemNamesTheCause(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/broken") {
			http.Error(w, "not here", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"issuer": "` + srvURL + `/realm"}`))
	}))
	defer srv.Close()
	srvURL = srv.URL
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedURL := "http://" + closed.Addr().String()
	closed.Close()
	r := NewRegistry(context.Background(), srv.Client(), "http://localhost/auth/callback")
	id := int64(0)
	for issuer, want := range map[string]ProviderProblem{
		srv.URL + "/realm/": {Kind: ProblemIssuerMismatch, Configured: srv.URL + "/realm/", Discovered: srv.URL + "/realm"},
		closedURL:           {Kind: ProblemUnreachable, Configured: closedURL},
		srv.URL + "/broken": {Kind: ProblemDiscovery, Configured: srv.URL + "/broken"},
	} {
		id++
		got := r.Check(cases.Organisation{ID: id, Issuer: issuer, ClientID: "neuvo", Active: true, UpdatedAt: time.Now()})
		if got == nil || got.Kind != want.Kind || got.Configured != want.Configured || got.Discovered != want.Discovered {
			t.Errorf("%s: %+v, want %+v", issuer, got, want)
		} else if want.Kind != ProblemIssuerMismatch && got.Detail == "" {
			t.Errorf("%s: no detail for the admin", issuer)
		}
	}
}

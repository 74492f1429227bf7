package server

import (
	"context"
	"net/url"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"neuvo/auth/devidp"
)

// tokens runs the code flow at an organisation's demo issuer the way an
// API client would, and returns the access token and the ID token.
func (h *harness) tokens(slug, subject string) (access, id string) {
	h.t.Helper()
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, h.idp.IssuerURL(slug))
	if err != nil {
		h.t.Fatal(err)
	}
	base, _ := url.Parse(h.base)
	cfg := oauth2.Config{ClientID: "neuvo-test", ClientSecret: "test-secret", Endpoint: provider.Endpoint(),
		RedirectURL: RedirectURL(base), Scopes: []string{oidc.ScopeOpenID, "profile"}}
	verifier := oauth2.GenerateVerifier()
	authURL := cfg.AuthCodeURL("api-client-state", oauth2.S256ChallengeOption(verifier), oidc.Nonce("api-client-nonce"))
	callback, err := devidp.LoginAs(h.browser(), authURL, subject)
	if err != nil {
		h.t.Fatal(err)
	}
	back, _ := url.Parse(callback)
	token, err := cfg.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		h.t.Fatal(err)
	}
	id, _ = token.Extra("id_token").(string)
	return token.AccessToken, id
}

func (h *harness) accessToken(slug, subject string) string {
	access, _ := h.tokens(slug, subject)
	return access
}

package auth

import (
	"context"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"neuvo/cases"
)

// Result is a verified login.
type Result struct {
	Identity cases.LoginIdentity
	IDToken  string
}

// Callback is what the provider sent back to the redirect URI.
type Callback struct {
	Code      string
	Issuer    string // the RFC 9207 iss parameter
	HasIssuer bool
}

// Complete checks the response's issuer, exchanges the code and verifies
// the ID token against the issuer the transaction was started with (mix-up
// defence), then checks the nonce itself: go-oidc does not.
func (p *Provider) Complete(ctx context.Context, t Transaction, cb Callback) (Result, error) {
	if p.OrgID != t.OrgID || p.Issuer != t.Issuer {
		return Result{}, refuse("provider changed since the login started")
	}
	if err := p.checkResponseIssuer(cb); err != nil {
		return Result{}, err
	}
	ctx = oidc.ClientContext(ctx, p.client)
	token, err := p.oauth.Exchange(ctx, cb.Code, oauth2.VerifierOption(t.Verifier))
	if err != nil {
		return Result{}, refuse("code exchange: %v", err)
	}
	raw, _ := token.Extra("id_token").(string)
	if raw == "" {
		return Result{}, refuse("no id_token in token response")
	}
	idToken, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return Result{}, refuse("id_token: %v", err)
	}
	if err := p.checkToken(idToken, t, token.AccessToken); err != nil {
		return Result{}, err
	}
	identity, err := p.identity(idToken)
	return Result{Identity: identity, IDToken: raw}, err
}

func (p *Provider) checkToken(idToken *oidc.IDToken, t Transaction, accessToken string) error {
	if !equalSecrets(idToken.Nonce, t.Nonce) {
		return refuse("nonce mismatch")
	}
	if idToken.AccessTokenHash != "" {
		if err := idToken.VerifyAccessToken(accessToken); err != nil {
			return refuse("at_hash: %v", err)
		}
	}
	var claims struct {
		AZP string `json:"azp"`
	}
	if err := idToken.Claims(&claims); err != nil {
		return refuse("claims: %v", err)
	}
	return authorizedParty(idToken.Audience, claims.AZP, p.oauth.ClientID)
}

// checkResponseIssuer is RFC 9207's mix-up defence: the code is sent to
// this provider's token endpoint only if the response names this issuer.
// A provider that advertises the parameter must send it; a mismatching
// one is refused whoever sent it.
func (p *Provider) checkResponseIssuer(cb Callback) error {
	switch {
	case cb.HasIssuer && cb.Issuer != p.Issuer:
		return refuse("the authorization response's iss %q is not the login's issuer %q", cb.Issuer, p.Issuer)
	case !cb.HasIssuer && p.issParameter:
		return refuse("the provider advertises the iss parameter (RFC 9207) but the response has none")
	}
	return nil
}

// authorizedParty checks azp whenever the token carries it, and requires
// it when the token has several audiences (OpenID Connect Core 3.1.3.7).
func authorizedParty(audience []string, azp, clientID string) error {
	if azp != "" && azp != clientID {
		return refuse("azp %q is not this client", azp)
	}
	if len(audience) > 1 && azp == "" {
		return refuse("several audiences and no azp")
	}
	return nil
}

func (p *Provider) identity(idToken *oidc.IDToken) (cases.LoginIdentity, error) {
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return cases.LoginIdentity{}, refuse("claims: %v", err)
	}
	name, _ := claims["name"].(string)
	email, _ := claims["email"].(string)
	if name == "" {
		name, _ = claims["preferred_username"].(string)
	}
	if idToken.Subject == "" {
		return cases.LoginIdentity{}, refuse("no subject")
	}
	roles := p.roleMap.Map(claimValues(claims, p.roleClaim))
	slices.Sort(roles)
	return cases.LoginIdentity{Issuer: idToken.Issuer, Subject: idToken.Subject, Name: name, Email: email, SeedRoles: roles}, nil
}

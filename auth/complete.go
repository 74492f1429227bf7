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

// Complete exchanges the code and verifies the ID token against the issuer
// the transaction was started with (mix-up defence), then checks the nonce
// itself: go-oidc does not.
func (p *Provider) Complete(ctx context.Context, t Transaction, code string) (Result, error) {
	if p.OrgID != t.OrgID || p.Issuer != t.Issuer {
		return Result{}, refuse("provider changed since the login started")
	}
	ctx = oidc.ClientContext(ctx, p.client)
	token, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(t.Verifier))
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
	if len(idToken.Audience) > 1 {
		var claims struct {
			AZP string `json:"azp"`
		}
		if err := idToken.Claims(&claims); err != nil || claims.AZP != p.oauth.ClientID {
			return refuse("several audiences and azp is not this client")
		}
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

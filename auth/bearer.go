package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
)

// TokenIssuer reads a JWT's "iss" without verifying anything, only to pick
// the provider that will verify it. Nothing else of the token is trusted.
func TokenIssuer(raw string) (string, error) {
	if strings.Count(raw, ".") != 2 {
		return "", refuse("bearer token is not a JWT")
	}
	var claims struct {
		Issuer string `json:"iss"`
	}
	if err := jwtPart(raw, 1, &claims); err != nil || claims.Issuer == "" {
		return "", refuse("bearer token has no issuer")
	}
	return claims.Issuer, nil
}

// VerifyBearer checks a JWT access token from the organisation's provider:
// signature by the issuer's keys, issuer, expiry, Neuvo's client id as
// audience, and that it is an access token, not an ID token.
func (p *Provider) VerifyBearer(ctx context.Context, raw string) (subject string, err error) {
	ctx = oidc.ClientContext(ctx, p.client)
	token, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return "", refuse("bearer token: %v", err)
	}
	var claims map[string]any
	if err := token.Claims(&claims); err != nil {
		return "", refuse("bearer token claims: %v", err)
	}
	if err := accessTokenShape(raw, claims); err != nil {
		return "", err
	}
	if token.Subject == "" {
		return "", refuse("bearer token has no subject")
	}
	return token.Subject, nil
}

// accessTokenShape tells an access token from an ID token, which carries
// the same issuer and audience. An access token must show one mark of its
// kind: the RFC 9068 header type at+jwt, Keycloak's typ "Bearer", or the
// client_id, scp or scope claims of RFC 9068, Zitadel and Entra ID. Marks
// of an ID token (its typ "ID", at_hash, c_hash, or a nonce outside
// Keycloak's access tokens) refuse it.
func accessTokenShape(raw string, claims map[string]any) error {
	typ, _ := claims["typ"].(string)
	if typ == "Bearer" {
		return nil
	}
	for _, mark := range []string{"at_hash", "c_hash", "nonce"} {
		if _, ok := claims[mark]; ok {
			return refuse("an ID token is not an access token")
		}
	}
	if typ == "ID" {
		return refuse("an ID token is not an access token")
	}
	if strings.EqualFold(headerType(raw), "at+jwt") {
		return nil
	}
	for _, mark := range []string{"client_id", "scp", "scope"} {
		if _, ok := claims[mark]; ok {
			return nil
		}
	}
	return refuse("bearer token does not look like an access token")
}

func headerType(raw string) string {
	var h struct {
		Typ string `json:"typ"`
	}
	jwtPart(raw, 0, &h)
	return h.Typ
}

// jwtPart decodes one part of a JWT (0 header, 1 claims) without
// verifying anything.
func jwtPart(raw string, i int, into any) error {
	parts := strings.Split(raw, ".")
	if len(parts) <= i {
		return refuse("not a JWT")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		return refuse("JWT part %d: %v", i, err)
	}
	return json.Unmarshal(b, into)
}

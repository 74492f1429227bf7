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
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return "", refuse("bearer token is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", refuse("bearer token payload: %v", err)
	}
	var claims struct {
		Issuer string `json:"iss"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil || claims.Issuer == "" {
		return "", refuse("bearer token has no issuer")
	}
	return claims.Issuer, nil
}

// VerifyBearer checks a JWT access token from the organisation's provider:
// signature by the issuer's keys, issuer, expiry, and Neuvo's client id as
// audience. ID tokens are refused: they always carry the nonce Neuvo sent
// at login, access tokens never do.
func (p *Provider) VerifyBearer(ctx context.Context, raw string) (subject string, err error) {
	ctx = oidc.ClientContext(ctx, p.client)
	token, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return "", refuse("bearer token: %v", err)
	}
	if token.Nonce != "" {
		return "", refuse("an ID token is not an access token")
	}
	if token.Subject == "" {
		return "", refuse("bearer token has no subject")
	}
	return token.Subject, nil
}

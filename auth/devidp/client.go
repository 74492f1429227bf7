package devidp

import (
	"net/url"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// client is our own op.Client rather than zitadel's example storage client:
// the example registers clients in a package-level map (RegisterClients),
// which would be shared by every issuer and every test in the process.
type client struct {
	id, secret             string
	redirectURIs           []string
	postLogoutRedirectURIs []string
	loginPath              string
}

func newClient(c Client, loginPath string) *client {
	return &client{
		id:                     c.ID,
		secret:                 c.Secret,
		redirectURIs:           slices.Clone(c.RedirectURIs),
		postLogoutRedirectURIs: slices.Clone(c.PostLogoutRedirectURIs),
		loginPath:              loginPath,
	}
}

func (c *client) GetID() string                    { return c.id }
func (c *client) RedirectURIs() []string           { return c.redirectURIs }
func (c *client) PostLogoutRedirectURIs() []string { return c.postLogoutRedirectURIs }
func (c *client) ApplicationType() op.ApplicationType {
	return op.ApplicationTypeWeb
}
func (c *client) AuthMethod() oidc.AuthMethod { return oidc.AuthMethodBasic }

// Only the code flow: Neuvo is a confidential server-side client, and no
// implicit flow or refresh tokens means less demo surface to get wrong.
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType { return []oidc.GrantType{oidc.GrantTypeCode} }

func (c *client) LoginURL(authRequestID string) string {
	return c.loginPath + "?id=" + url.QueryEscape(authRequestID)
}

// JWT access tokens let a relying party verify a bearer token with the
// issuer's keys instead of calling userinfo or introspection.
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }
func (c *client) IDTokenLifetime() time.Duration      { return time.Hour }

// DevMode would allow non-compliant redirect URIs; http:// redirect URIs are
// already allowed for a confidential client using the code flow.
func (c *client) DevMode() bool { return false }

func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// IsScopeAllowed rejects custom scopes (zitadel then silently drops them):
// roles and groups are emitted for every login, so none are needed.
func (c *client) IsScopeAllowed(string) bool { return false }

// Without this, zitadel leaves profile and e-mail claims out of the ID token
// whenever an access token is issued too (that is, always in the code flow).
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }

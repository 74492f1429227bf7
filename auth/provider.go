package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"neuvo/cases"
)

// Provider is one organisation's OpenID provider, discovered once.
type Provider struct {
	OrgID      int64
	Issuer     string
	version    time.Time
	client     *http.Client
	verifier   *oidc.IDTokenVerifier
	oauth      oauth2.Config
	endSession string
	// issParameter: discovery says every authorization response carries
	// iss (RFC 9207), so one without it is refused.
	issParameter bool
	roleClaim    string
	roleMap      cases.RoleMap
}

// discover builds a provider from the organisation's settings. ctx must
// outlive the provider: go-oidc refreshes signing keys with it later.
func discover(ctx context.Context, client *http.Client, redirectURL string, org cases.Organisation) (*Provider, error) {
	if org.Issuer == "" {
		return nil, fmt.Errorf("organisation %d has no OpenID issuer", org.ID)
	}
	ctx = oidc.ClientContext(ctx, client)
	discoverCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(discoverCtx, org.Issuer)
	if err != nil {
		return nil, fmt.Errorf("discovering %s: %w", org.Issuer, err)
	}
	var meta struct {
		EndSession   string `json:"end_session_endpoint"`
		IssParameter bool   `json:"authorization_response_iss_parameter_supported"`
	}
	if err := p.Claims(&meta); err != nil {
		return nil, err
	}
	verifier := p.VerifierContext(ctx, &oidc.Config{ClientID: org.ClientID})
	return &Provider{
		OrgID:        org.ID,
		Issuer:       org.Issuer,
		version:      org.UpdatedAt,
		client:       client,
		verifier:     verifier,
		endSession:   meta.EndSession,
		issParameter: meta.IssParameter,
		roleClaim:    org.RoleClaim,
		roleMap:      org.RoleMap,
		oauth: oauth2.Config{
			ClientID:     org.ClientID,
			ClientSecret: org.ClientSecret,
			Endpoint:     p.Endpoint(),
			RedirectURL:  redirectURL,
			Scopes:       []string{oidc.ScopeOpenID, "profile", "email"},
		},
	}, nil
}

// EndSessionURL is where logout sends the browser, or "" when the provider
// offers no RP-initiated logout.
func (p *Provider) EndSessionURL(idToken, postLogoutRedirect, state string) string {
	if p.endSession == "" {
		return ""
	}
	q := url.Values{"post_logout_redirect_uri": {postLogoutRedirect}, "state": {state}, "client_id": {p.oauth.ClientID}}
	if idToken != "" {
		q.Set("id_token_hint", idToken)
	}
	sep := "?"
	if strings.Contains(p.endSession, "?") {
		sep = "&"
	}
	return p.endSession + sep + q.Encode()
}

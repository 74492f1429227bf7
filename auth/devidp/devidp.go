// Package devidp is a local demo OpenID provider for `make run` and the test
// suite. It is never used in production: anyone who can reach it can log in as
// any configured user by clicking a button.
//
// One Provider serves several issuers (one per demo municipality) on one
// listener, each a separate zitadel op.Provider with its own issuer string,
// signing key and in-memory storage.
package devidp

import (
	"fmt"
	"net/http"
)

// User is a demo account offered on an issuer's login page.
type User struct {
	Subject string // stable id, e.g. "liperi-partner"
	Name    string // display name
	Email   string
	Roles   []string // emitted as the "roles" and "groups" claims
	// Claims are further claims for the ID and access tokens, for the
	// shapes other providers use (Auth0's "https://example.com/roles").
	Claims map[string]any
}

// Issuer is one demo municipality, served under BaseURL + "/" + Slug.
type Issuer struct {
	Slug  string // URL path segment, e.g. "liperi"
	Title string // shown on the login page, e.g. "Liperi (demo)"
	Users []User
	// IssParameter makes the issuer follow RFC 9207: discovery advertises
	// authorization_response_iss_parameter_supported and every authorization
	// response carries iss.
	IssParameter bool
}

// Client is the confidential client registered at every issuer.
type Client struct {
	ID, Secret             string
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
}

// Config describes all issuers served by one Provider.
type Config struct {
	BaseURL string // e.g. "http://localhost:9090" (no trailing slash)
	Issuers []Issuer
	Client  Client
}

// Provider serves every configured issuer; it is safe for concurrent use.
type Provider struct {
	issuerURLs map[string]string
	mux        *http.ServeMux
}

// New builds all issuers. Signing keys are generated here, so it takes a
// moment (one RSA key per issuer).
func New(cfg Config) (*Provider, error) {
	cfg, err := validated(cfg)
	if err != nil {
		return nil, err
	}
	p := &Provider{
		issuerURLs: make(map[string]string, len(cfg.Issuers)),
		mux:        http.NewServeMux(),
	}
	for _, ic := range cfg.Issuers {
		iss, err := newIssuer(cfg.BaseURL, ic, cfg.Client)
		if err != nil {
			return nil, fmt.Errorf("devidp: issuer %q: %w", ic.Slug, err)
		}
		p.issuerURLs[ic.Slug] = iss.url
		p.mux.Handle(iss.pathPrefix+"/", http.StripPrefix(iss.pathPrefix, iss.handler))
	}
	p.mux.Handle("GET /{$}", indexPage(cfg))
	return p, nil
}

func (p *Provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mux.ServeHTTP(w, r)
}

// IssuerURL returns the issuer string exactly as in that issuer's discovery
// document: BaseURL + "/" + slug, without a trailing slash. It returns "" for
// an unknown slug.
func (p *Provider) IssuerURL(slug string) string {
	return p.issuerURLs[slug]
}

package devidp

import (
	"crypto/rand"
	"net/http"
	"net/url"
	"slices"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// issuer is one op.Provider plus the pages zitadel leaves to us (login,
// logged out), mounted under pathPrefix.
type issuer struct {
	url        string // exactly as in discovery, no trailing slash
	pathPrefix string // url's path, e.g. "/liperi"
	handler    http.Handler
}

func newIssuer(baseURL string, ic Issuer, c Client) (*issuer, error) {
	issuerURL := baseURL + "/" + ic.Slug
	u, err := url.Parse(issuerURL)
	if err != nil {
		return nil, err
	}
	key, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	loginPath := u.Path + "/login"
	store := newStorage(ic.Users, newClient(c, loginPath), key)

	config := &op.Config{
		// Encrypts authorization codes; a fresh key per start is fine because
		// nothing outlives the process.
		CryptoKey:                [32]byte(randomBytes(32)),
		CryptoKeyId:              "devidp",
		DefaultLogoutRedirectURI: issuerURL + "/logged-out",
		CodeMethodS256:           true,
		AuthMethodPost:           true,
		SupportedScopes:          []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail},
		SupportedClaims:          append(slices.Clone(op.DefaultSupportedClaims), claimRoles, claimGroups),
	}
	var opts []op.Option
	if u.Scheme == "http" {
		opts = append(opts, op.WithAllowInsecure())
	}
	provider, err := op.NewProvider(config, store, op.StaticIssuer(issuerURL), opts...)
	if err != nil {
		return nil, err
	}

	login := &loginPage{
		title:       ic.Title,
		users:       ic.Users,
		store:       store,
		issuerURL:   issuerURL,
		formAction:  loginPath,
		callbackURL: op.AuthCallbackURL(provider),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", login.show)
	mux.HandleFunc("POST /login", login.submit)
	mux.Handle("GET /logged-out", loggedOutPage(ic.Title))
	if ic.IssParameter {
		mux.Handle("/", withIssParameter(provider, issuerURL, c.RedirectURIs))
	} else {
		mux.Handle("/", provider)
	}

	return &issuer{url: issuerURL, pathPrefix: u.Path, handler: mux}, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never returns an error (crypto/rand, Go ≥ 1.24)
	return b
}

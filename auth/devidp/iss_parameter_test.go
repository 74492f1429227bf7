package devidp

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

func TestIssParameterAndFurtherClaims(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	auth0Roles := "https://neuvo.example/roles"
	p, err := New(Config{BaseURL: "http://" + ln.Addr().String(), Client: Client{ID: testClientID, Secret: testClientSecret,
		RedirectURIs: []string{rpCallback}},
		Issuers: []Issuer{
			{Slug: "rfc9207", IssParameter: true, Users: []User{{Subject: "u", Name: "U", Email: "u@example.test",
				Claims: map[string]any{auth0Roles: []string{"neuvo-admin"}}}}},
			{Slug: "plain", Users: []User{{Subject: "v"}}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: p}}
	srv.Start()
	t.Cleanup(srv.Close)

	for slug, want := range map[string]bool{"rfc9207": true, "plain": false} {
		rp := newRelyingParty(t, p.IssuerURL(slug))
		var meta struct {
			Supported bool `json:"authorization_response_iss_parameter_supported"`
		}
		rp.provider.Claims(&meta)
		if meta.Supported != want {
			t.Errorf("%s: discovery advertises the iss parameter: %v, want %v", slug, meta.Supported, want)
		}
		subject := map[string]string{"rfc9207": "u", "plain": "v"}[slug]
		callback, err := LoginAs(browser(t), rp.config.AuthCodeURL("s", oidc.Nonce("n"), oauth2.S256ChallengeOption(oauth2.GenerateVerifier())), subject)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(callback)
		if got, wantIss := u.Query().Get("iss"), map[bool]string{true: p.IssuerURL(slug)}[want]; got != wantIss {
			t.Errorf("%s: iss in the authorization response %q, want %q", slug, got, wantIss)
		}
	}

	rp := newRelyingParty(t, p.IssuerURL("rfc9207"))
	_, _, idt := rp.exchange(t, rp.login(t, "u"))
	var claims map[string]any
	idt.Claims(&claims)
	if !reflect.DeepEqual(claims[auth0Roles], []any{"neuvo-admin"}) {
		t.Errorf("ID token's %s = %v", auth0Roles, claims[auth0Roles])
	}
}

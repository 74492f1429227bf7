package devidp

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// LoginAs drives the provider's login page for tests without a browser:
// authURL is an authorization URL (as produced by oauth2.Config.AuthCodeURL)
// for one of the issuers, subject the user to pick. It returns the redirect
// the provider sends to the relying party's redirect_uri (with code and
// state), without requesting it.
//
// httpClient's cookie jar and transport are used; its redirect policy is
// not: LoginAs follows redirects itself, only within the provider's origin,
// and fails on a redirect anywhere else. An error response to the redirect
// URI (?error=...) is returned as an error.
func LoginAs(httpClient *http.Client, authURL, subject string) (string, error) {
	start, err := url.Parse(authURL)
	if err != nil {
		return "", fmt.Errorf("devidp: LoginAs: %w", err)
	}
	rp, err := url.Parse(start.Query().Get("redirect_uri"))
	if err != nil || rp.Host == "" {
		return "", fmt.Errorf("devidp: LoginAs: authorization URL has no absolute redirect_uri")
	}
	d := &loginDriver{client: withoutRedirects(httpClient), provider: start, rp: rp}

	loginURL, err := d.redirect(http.MethodGet, start, nil)
	if err != nil {
		return "", err
	}
	if d.atRP(loginURL) {
		return d.rpResponse(loginURL)
	}
	if err := d.get200(loginURL); err != nil {
		return "", err
	}
	form := url.Values{"id": {loginURL.Query().Get("id")}, "subject": {subject}}
	callbackURL, err := d.redirect(http.MethodPost, loginURL, form)
	if err != nil {
		return "", err
	}
	final, err := d.redirect(http.MethodGet, callbackURL, nil)
	if err != nil {
		return "", err
	}
	if !d.atRP(final) {
		return "", fmt.Errorf("devidp: LoginAs: expected a redirect to %s, got %s", d.rp, final)
	}
	return d.rpResponse(final)
}

type loginDriver struct {
	client   *http.Client
	provider *url.URL // origin all intermediate hops must stay on
	rp       *url.URL // the relying party's redirect_uri
}

func withoutRedirects(c *http.Client) *http.Client {
	cp := http.Client{}
	if c != nil {
		cp = *c
	}
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// redirect sends a request that must answer with a redirect, and returns
// the target if it is on the provider or at the relying party.
func (d *loginDriver) redirect(method string, u *url.URL, form url.Values) (*url.URL, error) {
	resp, err := d.do(method, u, form)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 300 || resp.StatusCode > 399 {
		return nil, unexpected(method, u, resp)
	}
	io.Copy(io.Discard, resp.Body)
	loc, err := resp.Location()
	if err != nil {
		return nil, fmt.Errorf("devidp: LoginAs: %s %s: %w", method, u, err)
	}
	if d.atRP(loc) || sameOrigin(loc, d.provider) {
		return loc, nil
	}
	return nil, fmt.Errorf("devidp: LoginAs: %s %s redirected to a foreign origin: %s", method, u, loc)
}

func (d *loginDriver) get200(u *url.URL) error {
	resp, err := d.do(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return unexpected(http.MethodGet, u, resp)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func (d *loginDriver) do(method string, u *url.URL, form url.Values) (*http.Response, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("devidp: LoginAs: %w", err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("devidp: LoginAs: %w", err)
	}
	return resp, nil
}

func (d *loginDriver) atRP(u *url.URL) bool {
	return sameOrigin(u, d.rp) && u.Path == d.rp.Path
}

func (d *loginDriver) rpResponse(u *url.URL) (string, error) {
	q := u.Query()
	if e := q.Get("error"); e != "" {
		return "", fmt.Errorf("devidp: LoginAs: provider answered %s: %s", e, q.Get("error_description"))
	}
	return u.String(), nil
}

func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && a.Host == b.Host
}

func unexpected(method string, u *url.URL, resp *http.Response) error {
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	return fmt.Errorf("devidp: LoginAs: %s %s: unexpected %s: %s",
		method, u, resp.Status, strings.TrimSpace(string(msg)))
}

package devidp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// withIssParameter makes an issuer follow RFC 9207, which zitadel does not
// implement: discovery advertises authorization_response_iss_parameter_supported
// and every redirect to the client's redirect URI carries iss.
func withIssParameter(next http.Handler, issuerURL string, redirectURIs []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/openid-configuration" {
			advertiseIssParameter(next, w, r)
			return
		}
		next.ServeHTTP(&issRedirect{ResponseWriter: w, issuer: issuerURL, redirectURIs: redirectURIs}, r)
	})
}

func advertiseIssParameter(next http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := &recorded{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, r)
	var doc map[string]any
	if rec.status != http.StatusOK || json.Unmarshal(rec.body.Bytes(), &doc) != nil {
		http.Error(w, "discovery failed", http.StatusInternalServerError)
		return
	}
	doc["authorization_response_iss_parameter_supported"] = true
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(doc)
}

// recorded keeps a response in memory so that it can be changed.
type recorded struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorded) Header() http.Header         { return r.header }
func (r *recorded) WriteHeader(status int)      { r.status = status }
func (r *recorded) Write(b []byte) (int, error) { return r.body.Write(b) }

// issRedirect adds iss to a redirect to the client, success or error alike.
type issRedirect struct {
	http.ResponseWriter
	issuer       string
	redirectURIs []string
}

func (w *issRedirect) WriteHeader(status int) {
	if status >= 300 && status < 400 {
		if loc := w.Header().Get("Location"); w.toClient(loc) {
			w.Header().Set("Location", withQuery(loc, "iss", w.issuer))
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *issRedirect) toClient(loc string) bool {
	for _, uri := range w.redirectURIs {
		if loc == uri || strings.HasPrefix(loc, uri+"?") {
			return true
		}
	}
	return false
}

func withQuery(raw, key, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

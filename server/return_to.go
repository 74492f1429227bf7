package server

import (
	"net/url"
	"strings"

	"neuvo/cases"
)

// safeReturn keeps a return address only when it is a path on this site:
// no scheme, no host, no "//" or "/\" tricks. Anything else becomes "/".
func safeReturn(raw string) string {
	if raw == "" || !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") || strings.HasPrefix(raw, "/\\") {
		return "/"
	}
	if strings.ContainsAny(raw, "\\\r\n\t") || !cases.Storable(raw) { // it is kept with the login
		return "/"
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return u.RequestURI()
}

package server

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	linkPattern = regexp.MustCompile(`\shref="(/[^"]*)"`)
	formPattern = regexp.MustCompile(`<form[^>]*\smethod="(get|post)"[^>]*\saction="(/[^"]*)"|<form[^>]*\saction="(/[^"]*)"[^>]*\smethod="(get|post)"`)
)

// TestNoRoleSeesALinkItCannotFollow opens every page each role may open
// and checks every link and form on it against the policy table: a link
// that answers 403 is a broken promise.
func TestNoRoleSeesALinkItCannotFollow(t *testing.T) {
	h := newHarness(t)
	params := h.matrixParams()
	for role, who := range roleLogins {
		b := h.login(who[0], who[1])
		for _, r := range h.server.routes() {
			if r.method != http.MethodGet || strings.HasPrefix(r.path, "/api/") || r.path == "/static/:file" ||
				expected(policy["GET "+r.path], role) != "allowed" {
				continue
			}
			page := body(t, h.get(b, fillParamsAs(r.path, role, params)))
			for _, target := range pageTargets(page) {
				rule, ok := h.policyFor(target.method, target.path)
				if !ok {
					t.Errorf("%s on %s: %s %s matches no route", role, r.path, target.method, target.path)
				} else if expected(rule, role) != "allowed" {
					t.Errorf("%s on %s sees %s %s, which the policy gives to %q", role, r.path, target.method, target.path, rule)
				}
			}
		}
	}
}

type target struct{ method, path string }

func pageTargets(page string) []target {
	var out []target
	for _, m := range linkPattern.FindAllStringSubmatch(page, -1) {
		out = append(out, target{http.MethodGet, m[1]})
	}
	for _, m := range formPattern.FindAllStringSubmatch(page, -1) {
		method, action := m[1], m[2]
		if action == "" {
			method, action = m[4], m[3]
		}
		out = append(out, target{strings.ToUpper(method), action})
	}
	return out
}

// policyFor finds the policy rule of the route a path belongs to.
func (h *harness) policyFor(method, rawPath string) (string, bool) {
	u, err := url.Parse(strings.ReplaceAll(rawPath, "&amp;", "&"))
	if err != nil {
		return "", false
	}
	for _, r := range h.server.routes() {
		if r.method == method && routeMatches(r.path, u.Path) {
			return policy[r.method+" "+r.path], true
		}
	}
	return "", false
}

func routeMatches(pattern, path string) bool {
	want, got := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if !strings.HasPrefix(want[i], ":") && want[i] != got[i] {
			return false
		}
	}
	return true
}

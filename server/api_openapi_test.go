package server

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestOpenAPIDocumentMatchesTheRoutes fails when an API route is missing
// from the served document or the document promises a route that is not
// there.
func TestOpenAPIDocumentMatchesTheRoutes(t *testing.T) {
	h := newHarness(t)
	served := h.api(apiCall{method: "GET", path: "/api/v1/openapi.json"})
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	served.decode(t, &doc)
	if served.status != 200 || !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi.json: %d, version %q", served.status, doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, methods := range doc.Paths {
		for method := range methods {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	for _, r := range h.server.routes() {
		if !strings.HasPrefix(r.path, "/api/") {
			continue
		}
		key := r.method + " " + param.ReplaceAllString(r.path, "{$1}")
		if !documented[key] {
			t.Errorf("%s is served but not documented", key)
		}
		delete(documented, key)
	}
	for key := range documented {
		t.Errorf("%s is documented but not served", key)
	}
	if served.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type %q", served.header.Get("Content-Type"))
	}
}

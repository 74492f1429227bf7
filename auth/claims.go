package auth

import (
	"strings"

	"neuvo/cases"
)

// claimValues reads the role claim path (cases.ClaimPath) and returns its
// string values, accepting a single string or a list. An unquoted path is
// first tried as one whole claim name, so that an admin who types Auth0's
// https://example.com/roles without quotes gets what they meant.
func claimValues(claims map[string]any, path string) []string {
	if path == "" {
		return nil
	}
	if whole, ok := claims[path]; ok && !strings.Contains(path, `"`) {
		return stringValues(whole)
	}
	names, err := cases.ParseClaimPath(path)
	if err != nil {
		return nil
	}
	var node any = claims
	for _, name := range names {
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[name]
	}
	return stringValues(node)
}

func stringValues(node any) []string {
	switch v := node.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, item := range v {
			if s, ok := item.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

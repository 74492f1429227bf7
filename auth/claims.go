package auth

import "strings"

// claimValues reads a dotted claim path such as "realm_access.roles" and
// returns its string values, accepting a single string or a list.
func claimValues(claims map[string]any, path string) []string {
	if path == "" {
		return nil
	}
	var node any = claims
	for _, part := range strings.Split(path, ".") {
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[part]
	}
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

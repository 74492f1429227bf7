package cases

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ClaimPath is where a provider puts a user's roles: claim names separated
// by dots for nesting (realm_access.roles). A name that itself holds dots,
// as Auth0's namespaced claims do, is written in double quotes:
// "https://example.com/roles", or app."https://example.com/x".roles.
type ClaimPath []string

const maxClaimPath = 200

var errClaimPath = errors.New("not a claim path")

// ParseClaimPath reads the syntax above; an empty text is no path.
func ParseClaimPath(raw string) (ClaimPath, error) {
	if len(raw) > maxClaimPath || !utf8.ValidString(raw) {
		return nil, errClaimPath
	}
	var path ClaimPath
	for rest := raw; rest != ""; {
		name, after, err := claimName(rest)
		if err != nil {
			return nil, err
		}
		path = append(path, name)
		if after == "" {
			break
		}
		if rest = strings.TrimPrefix(after, "."); rest == after || rest == "" {
			return nil, errClaimPath // names must be separated by one dot, and none may be empty
		}
	}
	return path, nil
}

// claimName reads one name, quoted or not, and returns what follows it.
func claimName(s string) (name, rest string, err error) {
	if quoted, ok := strings.CutPrefix(s, `"`); ok {
		end := strings.IndexByte(quoted, '"')
		if end <= 0 || !printable(quoted[:end]) {
			return "", "", errClaimPath
		}
		return quoted[:end], quoted[end+1:], nil
	}
	end := strings.IndexByte(s, '.')
	if end < 0 {
		end = len(s)
	}
	name = s[:end]
	if name == "" || strings.ContainsAny(name, `" `) || !printable(name) {
		return "", "", errClaimPath
	}
	return name, s[end:], nil
}

func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

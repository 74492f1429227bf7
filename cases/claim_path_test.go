package cases

import (
	"reflect"
	"testing"
)

func TestParseClaimPath(t *testing.T) {
	for raw, want := range map[string]ClaimPath{
		"roles":                             {"roles"},
		"realm_access.roles":                {"realm_access", "roles"},
		`"https://example.com/roles"`:       {"https://example.com/roles"},
		`app."https://example.com/x".roles`: {"app", "https://example.com/x", "roles"},
		`"a.b"."c.d"`:                       {"a.b", "c.d"},
		"https://example.com/roles":         {"https://example", "com/roles"}, // unquoted dots nest; auth tries the whole name first
	} {
		got, err := ParseClaimPath(raw)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseClaimPath(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, bad := range []string{".roles", "roles.", "a..b", `"unclosed`, `""`, `"a"b`, `a"b`, "with space",
		"tab\there", "nul\x00", "\xff", `"a".`} {
		if got, err := ParseClaimPath(bad); err == nil {
			t.Errorf("ParseClaimPath(%q) = %q, want an error", bad, got)
		}
	}
}

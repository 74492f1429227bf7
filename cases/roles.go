package cases

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Role is what a user may do in their organisation.
type Role string

// The roles of design.md §4.
const (
	RoleAdviser       Role = "adviser"
	RolePartnerWorker Role = "partner_worker"
	RoleManager       Role = "manager"
	RoleAdmin         Role = "admin"
)

// AllRoles lists the roles in the order the UI shows them.
var AllRoles = []Role{RoleAdviser, RolePartnerWorker, RoleManager, RoleAdmin}

// ParseRole accepts only a known role.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, slices.Contains(AllRoles, r)
}

// Roles is a set of roles as stored in a text[] column.
type Roles []Role

// Has reports whether any of the wanted roles is present.
func (rs Roles) Has(wanted ...Role) bool {
	for _, w := range wanted {
		if slices.Contains(rs, w) {
			return true
		}
	}
	return false
}

// SeesClients reports whether these roles may open client files. Only
// they see which client a contact or follow-up belongs to: a client link
// in any list, page or API answer would let others rebuild each client's
// history without an audited opening.
func (rs Roles) SeesClients() bool { return rs.Has(RoleAdviser) }

// Strings returns the roles as plain strings.
func (rs Roles) Strings() []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

// RoleMap maps values of an identity provider's role or group claim to
// Neuvo roles, used to seed a new user's roles at first login.
type RoleMap map[string]Role

// ParseRoleMap reads "claim-value=role" pairs, one per line or comma.
func ParseRoleMap(text string) (RoleMap, error) {
	m := RoleMap{}
	for _, item := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ',' }) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		value, role, ok := strings.Cut(item, "=")
		r, known := ParseRole(strings.TrimSpace(role))
		if !ok || !known || strings.TrimSpace(value) == "" {
			return nil, fmt.Errorf("bad role mapping %q", item)
		}
		m[strings.TrimSpace(value)] = r
	}
	return m, nil
}

// String renders the map in the form ParseRoleMap reads, sorted.
func (m RoleMap) String() string {
	var lines []string
	for value, role := range m {
		lines = append(lines, value+"="+string(role))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// Map returns the Neuvo roles for the claim values, without duplicates.
func (m RoleMap) Map(values []string) Roles {
	var out Roles
	for _, v := range values {
		if r, ok := m[v]; ok && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// Value stores the map as jsonb.
func (m RoleMap) Value() (driver.Value, error) {
	if m == nil {
		return "{}", nil
	}
	b, err := json.Marshal(map[string]Role(m))
	return string(b), err
}

// Scan reads the map from jsonb.
func (m *RoleMap) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("role map: unexpected %T", src)
	}
	return json.Unmarshal(b, (*map[string]Role)(m))
}

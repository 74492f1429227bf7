package cases

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Every value that comes from outside (a form, a JSON body, a spreadsheet
// cell, a query string or a path) passes one of these checks before it
// reaches SQL. PostgreSQL refuses text with a NUL byte or invalid UTF-8 and
// numbers outside its column types; each such refusal would otherwise be a
// failed statement and a 500. Here it is a field error instead.

// Lengths, in characters, of the texts the schema bounds the same way.
const (
	MaxCodeLen    = 40 // a taxonomy code, also as a filter or in a path
	MaxNameLen    = 200
	MaxAddressLen = 300
	MaxReasonLen  = 500
	MaxNoteLen    = 4000
	MaxURLLen     = 2000
	MaxSubjectLen = 255
	MaxEmailLen   = 254
	MaxSecretLen  = 2000
	MaxRoleMapLen = 4000
)

// MaxSQLInt is the largest value of PostgreSQL's integer: every whole-number
// column except ids is one.
const MaxSQLInt = math.MaxInt32

// Storable is text PostgreSQL can keep: valid UTF-8 without NUL bytes.
func Storable(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// storable is Storable for this package's older callers.
func storable(s string) bool { return Storable(s) }

// CleanText makes text that only labels something (a file name, a name an
// identity provider sends) storable: invalid bytes and NULs are dropped and
// it is cut to max characters. Text a person typed is refused instead, so
// that they see what was wrong.
func CleanText(s string, max int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max])
	}
	return s
}

// Text checks one text field: storable ("error.text") and at most max
// characters ("error.too_long"). It reports whether the text passed.
func (v *ValidationError) Text(field, s string, max int) bool {
	switch {
	case !Storable(s):
		v.Add(field, "error.text")
	case utf8.RuneCountInString(s) > max:
		v.Add(field, "error.too_long")
	default:
		return true
	}
	return false
}

// RequiredText is Text for a field that may not be blank.
func (v *ValidationError) RequiredText(field, s string, max int) bool {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "error.required")
		return false
	}
	return v.Text(field, s, max)
}

// List bounds a list field; key says what the limit is. Lists are bounded
// before any work is done per item, so a request cannot make the server
// compare thousands of values with each other.
func (v *ValidationError) List(field, key string, values []string, max int) bool {
	if len(values) > max {
		v.Add(field, key)
		return false
	}
	return true
}

// Int reads a whole number in [min, max]. Blank is 0 without an error; a
// value that is not a number or overflows is "error.number", never clamped
// to the largest integer; one outside the range gets rangeKey.
func (v *ValidationError) Int(field, raw string, min, max int64, rangeKey string) int64 {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		v.Add(field, "error.number")
		return 0
	}
	if !v.InRange(field, n, min, max, rangeKey) {
		return 0
	}
	return n
}

// ID reads a record id: blank is 0, anything but 1..2^63-1 "error.number".
func (v *ValidationError) ID(field, raw string) int64 {
	return v.Int(field, raw, 1, math.MaxInt64, "error.number")
}

// InRange checks a number already parsed (from JSON, say).
func (v *ValidationError) InRange(field string, n, min, max int64, key string) bool {
	if n < min || n > max {
		v.Add(field, key)
		return false
	}
	return true
}

// Choice reads one of a fixed set of values ("error.choose"); blank gives
// the default. An unknown sort order is refused, not quietly read as the
// default.
func (v *ValidationError) Choice(field, raw, def string, choices ...string) string {
	if raw == "" {
		return def
	}
	if !slices.Contains(choices, raw) {
		v.Add(field, "error.choose")
		return def
	}
	return raw
}

// dedupe trims values and drops blanks and repeats, keeping the first
// occurrence's order, in one pass.
func dedupe(values []string) []string {
	out := make([]string, 0, len(values))
	seen := make(map[string]struct{}, len(values))
	for _, s := range values {
		s = strings.TrimSpace(s)
		if _, dup := seen[s]; s == "" || dup {
			continue
		}
		seen[s] = struct{}{}
		out = append(out, s)
	}
	return out
}

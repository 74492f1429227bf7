package ical

import (
	"strings"
	"unicode/utf8"
)

// maxLine is RFC 5545 §3.1's limit in octets, line break excluded.
const maxLine = 75

// writer collects content lines, folded and CRLF-terminated.
type writer struct{ b strings.Builder }

func (w *writer) bytes() []byte { return []byte(w.b.String()) }

// line folds a content line: a continuation starts with one space, which
// counts towards its 75 octets, and a cut never falls inside a UTF-8
// sequence, so every physical line is valid UTF-8 on its own.
func (w *writer) line(s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}

// escapeText writes a TEXT value (RFC 5545 §3.3.11). Any line break
// becomes \n; other control characters but tab are not allowed and go.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

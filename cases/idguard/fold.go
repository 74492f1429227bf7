package idguard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is a text as the detectors read it: invisible characters gone,
// full-width and other compatibility forms (NFKC) made plain, and, for
// identity codes, Cyrillic and Greek letters that look Latin made Latin.
// Someone pasting "１３１０５２-３０８Ｔ", a zero-width space or a
// Cyrillic "Т" must not slip an identity code past the guard. Each byte
// of the folded text remembers the original rune it came from, so
// findings are reported in the original's offsets.
type folded struct {
	text       string
	start, end []int // original byte span of the rune behind each folded byte
}

func fold(text string, lookAlikes bool) folded {
	var b strings.Builder
	f := folded{start: make([]int, 0, len(text)), end: make([]int, 0, len(text))}
	for at, r := range text {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			size = 1
		}
		if invisible(r) {
			continue
		}
		out := norm.NFKC.String(string(r))
		if lookAlikes {
			out = strings.Map(latinLookAlike, out)
		}
		b.WriteString(out)
		for range len(out) {
			f.start, f.end = append(f.start, at), append(f.end, at+size)
		}
	}
	f.text = b.String()
	return f
}

// span maps a folded [start, end) back to the original text.
func (f folded) span(start, end int) (int, int) {
	return f.start[start], f.end[end-1]
}

// invisible characters change nothing a reader sees: zero-width spaces and
// joiners, the soft hyphen, the byte-order mark, bidirectional marks.
func invisible(r rune) bool {
	return r == '\u00ad' || unicode.Is(unicode.Cf, r)
}

// lookAlikes are the Cyrillic and Greek capitals and small letters that
// print like the Latin letters of an identity code.
var lookAlikes = map[rune]rune{
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'Т': 'T', 'Х': 'X',
	'У': 'Y', 'а': 'a', 'в': 'b', 'с': 'c', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'т': 't',
	'х': 'x', 'у': 'y', 'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N',
	'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'υ': 'u',
}

func latinLookAlike(r rune) rune {
	if latin, ok := lookAlikes[r]; ok {
		return latin
	}
	return r
}

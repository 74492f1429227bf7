package idguard

import (
	"regexp"
	"strings"
)

// phoneCandidate is a run of digit groups that starts as a phone number
// does: "+" and a country code, "00" or a trunk "0" (bare or in brackets).
// Spaces, hyphens and brackets may separate the groups; dots, slashes and
// commas may not, which keeps dates (12.3.2024), case numbers
// (1234/567/2024) and amounts (0,5) out.
var phoneCandidate = regexp.MustCompile(`(?:\+\s?\d|\(\s?0|0)[\d \x{00a0}\-–()]{5,24}\d`)

// Shapes that look like a phone number but are something else.
var (
	dateShape     = regexp.MustCompile(`^\d{1,2}[-–]\d{1,2}[-–]\d{2,4}$`)
	businessShape = regexp.MustCompile(`^(\d{7})-(\d)$`) // Y-tunnus
)

// notPhoneContext are words that, just before a number, say it is a
// reference of some kind rather than a phone number.
var notPhoneContext = []string{
	"dnro", "dnr", "diaarinumero", "diaarinro", "asianumero", "asiano", "asianro", "viite", "viitenumero",
	"ärende", "ärendenummer", "referens", "case", "ref", "laskun", "lasku", "tilinumero", "iban",
	"y-tunnus", "ytunnus", "fo-nummer", "asiakasnumero", "hakemusnumero", "päätös", "nro",
}

func findPhones(text string) []Finding {
	var out []Finding
	for _, m := range phoneCandidate.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if text[start] == '(' && unbalanced(text[start:end]) {
			start++ // "(040 123 4567)": the bracket encloses the number, not an area code
			for text[start] == ' ' {
				start++
			}
		}
		if !standsAlone(text, start, end) || precededByReference(text, start) {
			continue
		}
		if plausiblePhone(text[start:end]) {
			out = append(out, Finding{Kind: Phone, Start: start, End: end})
		}
	}
	return out
}

// plausiblePhone checks the digit count against the numbering plans: a
// Finnish number with its trunk 0 has 7–12 digits (09 123 4567, 040 123
// 4567); an international one 8–15 (E.164), "+358 (0)40" counted without
// the bracketed trunk 0.
func plausiblePhone(s string) bool {
	if dateShape.MatchString(s) || looksLikeIdentityCode(s) || validBusinessID(s) || unbalanced(s) {
		return false
	}
	compact := strings.Replace(s, "(0)", "", 1)
	digits := onlyDigits(compact)
	switch {
	case strings.HasPrefix(s, "+"):
		return len(digits) >= 8 && len(digits) <= 15
	case strings.HasPrefix(digits, "00"):
		return len(digits)-2 >= 8 && len(digits)-2 <= 15
	default:
		return len(digits) >= 7 && len(digits) <= 12
	}
}

// looksLikeIdentityCode catches the digits of an identity code whose check
// character is a digit (DDMMYY-ZZZQ): valid or not, it is no phone number.
func looksLikeIdentityCode(s string) bool {
	return len(s) == 11 && s[6] == '-' && onlyDigits(s) == s[:6]+s[7:]
}

// validBusinessID holds for a Finnish business ID (Y-tunnus) with a
// correct check digit (weights 7 9 10 5 8 4 2, modulo 11).
func validBusinessID(s string) bool {
	m := businessShape.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	weights := []int{7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(m[1][i]-'0') * w
	}
	check := (11 - sum%11) % 11
	return check != 10 && int(m[2][0]-'0') == check
}

func unbalanced(s string) bool {
	return strings.Count(s, "(") != strings.Count(s, ")")
}

func precededByReference(text string, start int) bool {
	before := strings.ToLower(text[max(0, start-24):start])
	words := strings.FieldsFunc(before, func(r rune) bool { return r == ' ' || r == ':' || r == '.' || r == '\n' || r == '#' })
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	for _, w := range notPhoneContext {
		if last == w {
			return true
		}
	}
	return false
}

func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

package idguard

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// hetuShape is DDMMYY, a century sign, ZZZ and a check character, read
// from the folded text (fold). Dashes pasted from word processors (hyphen,
// non-breaking hyphen, en dash, minus sign) stand for "-"; letters may be
// typed in lower case; spaces around the sign, or a space instead of it,
// do not hide a code.
var hetuShape = regexp.MustCompile(`(?i)(\d{6})(?:\s*(\+|-|‐|‑|–|−|[ABCDEFUVWXY])\s*|\s+)(\d{3})\s*([0-9A-Z])`)

// checkChars is the published table of the check character: the 9-digit
// number DDMMYYZZZ modulo 31 indexes it.
const checkChars = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// centuries maps each century sign (the 2023 reform added Y X W V U and
// B C D E F) to the first year of its century.
var centuries = map[string]int{
	"+": 1800,
	"-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
	"A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
}

func findIdentityCodes(text string) []Finding {
	var out []Finding
	for _, m := range hetuShape.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[0], m[1]
		if !codeStandsAlone(text, start, end) {
			continue
		}
		date, individual, check := text[m[2]:m[3]], text[m[6]:m[7]], strings.ToUpper(text[m[8]:m[9]])
		signs := []string{"-", "A"} // a space for the sign: the century is unknown
		if m[4] >= 0 {
			signs = []string{normaliseSign(text[m[4]:m[5]])}
		}
		for _, sign := range signs {
			if validIdentityCode(date, sign, individual, check) {
				out = append(out, Finding{Kind: IdentityCode, Start: start, End: end})
				break
			}
		}
	}
	return out
}

// codeStandsAlone: a code is part of a longer number when a digit touches
// it, and of a longer code when a letter or digit follows it; a word glued
// before it ("hetu131052-308T") is only a label.
func codeStandsAlone(text string, start, end int) bool {
	if r, _ := utf8.DecodeLastRuneInString(text[:start]); start > 0 && unicode.IsDigit(r) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[end:])
	return end == len(text) || !alnum(r)
}

func normaliseSign(s string) string {
	switch s {
	case "‐", "‑", "–", "−":
		return "-"
	}
	return strings.ToUpper(s)
}

// validIdentityCode holds for a real date, an individual number in use
// (002–899 permanent, 900–999 temporary) and the right check character.
func validIdentityCode(ddmmyy, sign, individual, check string) bool {
	century, ok := centuries[sign]
	if !ok {
		return false
	}
	day, _ := strconv.Atoi(ddmmyy[0:2])
	month, _ := strconv.Atoi(ddmmyy[2:4])
	year, _ := strconv.Atoi(ddmmyy[4:6])
	year += century
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return false
	}
	if n, _ := strconv.Atoi(individual); n < 2 {
		return false
	}
	n, _ := strconv.Atoi(ddmmyy + individual)
	return checkChars[n%31] == check[0]
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

package idguard

import (
	"regexp"
	"strings"
)

// An e-mail address, also in the "(at)" and "[at]" forms that Finnish web
// pages use against harvesters.
var (
	emailPlain  = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
	emailHidden = regexp.MustCompile(`(?i)[\p{L}\p{N}._%+\-]+\s?[(\[{]\s?(?:at|ät)\s?[)\]}]\s?[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
)

func findEmails(text string) []Finding {
	var out []Finding
	for _, re := range []*regexp.Regexp{emailPlain, emailHidden} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			out = append(out, Finding{Kind: Email, Start: m[0], End: m[1]})
		}
	}
	return out
}

// streetAddress is a street name with a Finnish or Swedish street word at
// its end, a house number (12, 12a, 12–14) and optionally a staircase and
// flat (B 12, as. 5, lgh 1101). The name needs two letters before the
// street word, so a bare "tie 5" is not an address.
var streetAddress = regexp.MustCompile(streetName + `(?:` + flat + `|(?:\s?[a-h]\s?\d{1,3}|\s?[a-h]|\s?[-–]\s?\d{1,4})(?:` + flat + `)?)?`)

// flat comes first among the alternatives, so that the "a" of "as. 3" is
// not taken for a staircase letter.
const flat = `\s(?:as\.?|asunto|lgh|bst|huoneisto)\s?\d{1,4}`

// streetOnly is the street and house number alone, for when what follows
// the number turns out to be the next word ("Kirkkokatu 12 alakerrassa").
var streetOnly = regexp.MustCompile(`^` + streetName)

const streetName = `(?i)[\p{L}][\p{L}\-]+(?:` + streetWords + `)\s\d{1,4}`

const streetWords = `katu|tie|kuja|polku|raitti|väylä|kaari|rinne|aukio|tori|puistikko|bulevardi|esplanadi|kumpu|` +
	`mäki|piha|kartano|portti|tanhua|ahde|penger|kaarre|reitti|` +
	`gatan|gata|vägen|väg|gränd|stigen|backen|torget|allén|kajen|` +
	`street|road|avenue`

// notStreets end in a street word but name roads by their number.
var notStreets = []string{"valtatie", "kantatie", "seututie", "maantie", "moottoritie", "rautatie", "yhdystie"}

func findAddresses(text string) []Finding {
	var out []Finding
	for _, m := range streetAddress.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if !standsAlone(text, start, end) {
			short := streetOnly.FindStringIndex(text[start:end])
			end = start + short[1]
		}
		if !standsAlone(text, start, end) || numberedRoad(text[start:end]) {
			continue
		}
		out = append(out, Finding{Kind: StreetAddress, Start: start, End: end})
	}
	return out
}

func numberedRoad(s string) bool {
	name := strings.ToLower(strings.Fields(s)[0])
	for _, road := range notStreets {
		if name == road {
			return true
		}
	}
	return false
}

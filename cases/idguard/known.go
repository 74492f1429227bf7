package idguard

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names are capitalised words that are not persons: the network's places,
// organisations, advice points and taxonomy labels. The zero value knows
// nothing beyond the embedded list.
type Names struct {
	words    map[string]bool
	prefixes map[string]bool // long words less two letters, for inflections with consonant gradation
}

// Known builds Names from labels such as "International House Joensuu",
// "Kontiolahti" or "Maahanmuuttovirasto": every word of every label counts,
// in any of its usual Finnish and Swedish inflections ("Kontiolahdella",
// "Joensuussa", "Migrin").
func Known(labels ...string) Names {
	n := Names{words: map[string]bool{}, prefixes: map[string]bool{}}
	for _, label := range labels {
		for _, w := range strings.FieldsFunc(label, notWordRune) {
			n.add(w)
		}
	}
	return n
}

func (n Names) add(w string) {
	w = strings.ToLower(w)
	n.words[w] = true
	if utf8.RuneCountInString(w) >= 6 {
		n.prefixes[trimRunes(w, 2)] = true
	}
}

func (n Names) has(word string) bool {
	w := strings.ToLower(word)
	if notNames.words[w] || n.words[w] || inflectionOf(w, n.words) || inflectionOf(w, notNames.words) {
		return true
	}
	return n.gradated(w) || notNames.gradated(w)
}

// gradated matches "kontiolahdella" to the prefix "kontiolah" of
// "kontiolahti": a known stem with at most seven letters of ending.
func (n Names) gradated(w string) bool {
	runes := []rune(w)
	for cut := len(runes) - 1; cut >= 4 && len(runes)-cut <= 7; cut-- {
		if n.prefixes[string(runes[:cut])] {
			return true
		}
	}
	return false
}

// caseEndings are the Finnish case endings (and the Swedish and English
// genitive) that a name takes without changing its stem, longest first.
var caseEndings = []string{
	"ineen", "ssakin", "llekin",
	"ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta", "ttä", "iin", "seen", "hin", "han", "hen", "hun",
	"'n", "’n", "'s", "’s", ":n", ":lle", ":ssa", ":sta",
	"na", "nä", "ta", "tä", "in", "ni", "si",
	"n", "a", "ä", "s",
}

// inflectionOf holds when w is a word of set with a case ending, also
// the illative that doubles the last vowel ("Kelaan", "Outokumpuun").
func inflectionOf(w string, set map[string]bool) bool {
	for _, e := range caseEndings {
		if stem, ok := strings.CutSuffix(w, e); ok && len(stem) >= 2 && set[stem] {
			return true
		}
	}
	return set[illativeStem(w)]
}

func illativeStem(w string) string {
	r := []rune(w)
	n := len(r)
	if n < 4 || r[n-1] != 'n' || r[n-2] != r[n-3] || !strings.ContainsRune("aeiouyäö", r[n-2]) {
		return ""
	}
	return string(r[:n-2])
}

func trimRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:len(r)-n])
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && r != '-' }

//go:embed data/not_names.txt
var notNamesList string

//go:embed data/first_names.txt
var firstNamesList string

// notNames are capitalised words that are no person: months, weekdays,
// authorities, services and nationalities.
var notNames = fromList(notNamesList)

// firstNames raise a lone capitalised word to a possible name; those
// marked with * are also common words and do not count at a sentence start.
var firstNames, ambiguousFirstNames = firstNameSets(firstNamesList)

func fromList(list string) Names {
	var words []string
	for _, line := range strings.Split(list, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			words = append(words, line)
		}
	}
	return Known(words...)
}

func firstNameSets(list string) (all, ambiguous map[string]bool) {
	all, ambiguous = map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(list, "\n") {
		for _, name := range strings.Fields(line) {
			if strings.HasPrefix(name, "#") {
				break
			}
			plain := strings.ToLower(strings.TrimSuffix(name, "*"))
			all[plain] = true
			if strings.HasSuffix(name, "*") {
				ambiguous[plain] = true
			}
		}
	}
	return all, ambiguous
}

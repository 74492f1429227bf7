package idguard

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a run of letters, with inner hyphens and apostrophes
// ("Anna-Liisa", "O'Connor", "Al-Hassan").
type word struct {
	start, end    int
	text          string
	gap           string // the text since the previous word
	sentenceStart bool
}

// joined holds when only one space separates w from the word before.
func (w word) joined() bool { return w.gap == " " || w.gap == "\u00a0" }

// maxNameWords bounds a run: "Anna Maria Virtanen" is a name, a longer
// run of capitalised words is a title or a heading.
const maxNameWords = 3

func findNames(text string, known Names, taken []Finding) []Finding {
	words := splitWords(text)
	inOther := heldBytes(len(text), taken)
	covered := func(w word) bool { return slices.Contains(inOther[w.start:w.end], true) }
	var out []Finding
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !candidate(w, known) || covered(w) {
			continue
		}
		j := i + 1
		for j < len(words) && j-i < maxNameWords && words[j].joined() && candidate(words[j], known) && !covered(words[j]) {
			j++
		}
		first := isFirstName(w.text)
		switch {
		case w.sentenceStart && !(first && !ambiguousAtStart(w.text)) && !afterTitle(words, i):
			continue // the next word is looked at on its own
		case j-i >= 2 || first || afterTitle(words, i) || surnameShaped(w.text):
			out = append(out, Finding{Kind: PossibleName, Start: w.start, End: words[j-1].end})
			i = j - 1
		}
	}
	return out
}

// heldBytes marks the bytes that other findings hold, so that a word of
// an e-mail address or a street is not also a name.
func heldBytes(n int, taken []Finding) []bool {
	held := make([]bool, n)
	for _, f := range taken {
		for i := f.Start; i < f.End; i++ {
			held[i] = true
		}
	}
	return held
}

// candidate is a capitalised word (not an acronym) that is not known to
// be something other than a person. A common first name stays a
// candidate even when a place shares it (Kaarina, Salla, Inari).
func candidate(w word, known Names) bool {
	if !capitalised(w.text) {
		return false
	}
	if isFirstName(w.text) {
		return true
	}
	return !known.has(w.text)
}

func capitalised(s string) bool {
	first, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) || utf8.RuneCountInString(s) < 2 {
		return false
	}
	rest := s[size:]
	return strings.IndexFunc(rest, unicode.IsLower) >= 0 && !strings.ContainsFunc(rest[:min(len(rest), 2)], unicode.IsUpper)
}

func isFirstName(s string) bool {
	w := strings.ToLower(s)
	return firstNames[w] || inflectionOf(w, firstNames)
}

// surnameEndings are endings that mark a lone capitalised word as a
// surname: Finnish -nen (and its inflected -se- forms), Slavic, Armenian,
// Pashto and Persian ones.
var surnameEndings = []string{
	"nen", "sen", "selle", "sella", "sellä", "selta", "seltä", "sesta", "sestä", "seen",
	"ova", "eva", "ovna", "evna", "enko", "chuk", "vich", "yan", "zai", "zadeh", "pour", "poor",
}

func surnameShaped(s string) bool {
	w := strings.ToLower(s)
	for _, e := range surnameEndings {
		if strings.HasSuffix(w, e) && utf8.RuneCountInString(w) >= len(e)+3 {
			return true
		}
	}
	return false
}

func ambiguousAtStart(s string) bool { return ambiguousFirstNames[strings.ToLower(s)] }

// titles before a capitalised word make it a name even at a sentence
// start: "Rouva Hassan", "Mr Nguyen".
var titles = map[string]bool{
	"rouva": true, "herra": true, "neiti": true, "tohtori": true, "mr": true, "mrs": true, "ms": true,
	"miss": true, "dr": true, "fru": true, "herr": true,
}

func afterTitle(words []word, i int) bool {
	if i == 0 || !titles[strings.ToLower(words[i-1].text)] {
		return false
	}
	return words[i].joined() || words[i].gap == ". "
}

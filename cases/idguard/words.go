package idguard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end in a full stop that does not end the sentence.
var abbreviations = map[string]bool{
	"esim": true, "mm": true, "ns": true, "yms": true, "jne": true, "klo": true, "puh": true, "ks": true,
	"vrt": true, "ym": true, "tms": true, "n": true, "s": true, "p": true, "os": true, "nro": true, "ca": true,
	"ts": true, "ao": true, "ko": true, "yo": true, "t": true, "bl": true, "t.ex": true, "ex": true, "st": true,
	"eg": true, "ie": true, "etc": true, "approx": true,
}

// splitWords cuts text into words and notes which start a sentence: the
// first word, and any after . ! ? : or a line break (unless the full stop
// ends an abbreviation such as "esim.").
func splitWords(text string) []word {
	var out []word
	prevEnd := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		end := wordEnd(text, i)
		w := word{start: i, end: end, text: text[i:end], gap: text[prevEnd:i]}
		w.sentenceStart = len(out) == 0 || endsSentence(w.gap, out[len(out)-1].text)
		out = append(out, w)
		prevEnd, i = end, end
	}
	return out
}

func wordEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) {
			i += size
			continue
		}
		if r == '-' || r == '\'' || r == '’' {
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				i += size
				continue
			}
		}
		break
	}
	return i
}

func endsSentence(gap, prev string) bool {
	if strings.ContainsAny(gap, "!?:\n•") {
		return true
	}
	if !strings.Contains(gap, ".") {
		return false
	}
	return !strings.HasPrefix(gap, ".") || !abbreviations[strings.ToLower(prev)]
}

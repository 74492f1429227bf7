// Package idguard finds personal identifiers in the free text of a support
// request, so that the partner worker can remove them before the question
// is saved (issue 9, item 2). It is a pure function of the text.
//
// API:
//
//	known := idguard.Known(labels...)      // places, organisations, taxonomy labels of the network
//	fs := idguard.Check(text, known)       // sorted by position, never overlapping
//	stop := idguard.Blocking(fs, consent)  // what must go before saving
//	parts := idguard.Segments(text, fs)    // text cut at the findings, for highlighting
//
// Each Finding has a Kind, a Severity, the matched Text and its span in
// bytes (Start, End: for Go and templates) and in runes (RuneStart,
// RuneEnd: for a caller that counts characters). Browsers count UTF-16
// units, which differ from runes only for characters outside the Basic
// Multilingual Plane (emoji): send Segments rather than offsets there.
//
// Kinds and their severity:
//   - identity_code (Block): a Finnish personal identity code, DDMMYYCZZZQ,
//     with any century sign valid since 2023 (+ for the 1800s; - Y X W V U
//     for the 1900s; A B C D E F for the 2000s), a real date, an individual
//     number 002–999 and the right check character. Temporary identity
//     codes (900–999) identify a person just as well and are flagged too.
//     A look-alike with a wrong check character or an impossible date is
//     not reported at all. It blocks even with the consent flag: the hub
//     never needs the code to answer a question.
//   - phone, email, street_address (Consent): remove, or keep them by
//     switching the "shared with the client's consent" flag on.
//   - possible_name (Warn): a heuristic; the worker is asked to check.
//
// What is found:
//   - phone: Finnish numbers with the trunk 0 (040 123 4567, 040-1234567,
//     0401234567, 09 123 4567, (013) 123 456) and international ones with +
//     or 00 (+358 40 123 4567, +358 (0)40…, +46 70 123 45 67, +1 (555)
//     123-4567). Not: dates, case and law numbers (dots and slashes do not
//     join groups), five-digit postcodes, amounts, times, percentages, a
//     valid business ID (Y-tunnus), or a number right after a reference word
//     such as "Dnro", "viite", "asianumero", "ärende".
//   - email: name@domain.tld, also "name (at) domain.fi" and "[at]".
//   - street_address: a Finnish or Swedish street name (…katu, …tie, …kuja,
//     …polku, …raitti, …väylä, …gatan, …vägen, …) followed by a house number,
//     optionally a staircase and flat ("B 12", "as. 5", "lgh 1101").
//     Numbered roads (valtatie 6) are not addresses.
//   - possible_name: capitalised words that are not a sentence start, not a
//     known label and not in the embedded list of months, weekdays,
//     authorities and services: a run of two or three such words; or one
//     such word that is a common first name of the embedded list (Finnish
//     and immigrant names, also inflected: "Fatimalle"), has a surname
//     ending (-nen, -sen…, -ova, -enko, -zai…) or follows a title ("Mrs").
//     A sentence start counts when it is such a first name; names that are
//     also common words ("Anna", "Toivo") do not count there.
//
// Every detector reads the text folded first (fold.go): invisible
// characters (zero-width spaces, the soft hyphen, direction marks) are
// dropped, compatibility forms such as full-width digits become plain
// (NFKC), and Cyrillic and Greek letters that look Latin count as Latin. An
// identity code is also found with spaces around its century sign, a space
// instead of it, or a word glued before it ("hetu131052-308T"). Findings
// are given in the offsets of the text as typed.
//
// Limits: names written in lower case, lone surnames and inflected first
// names outside the list are missed; capitalised phrases that are neither
// known nor names (English title case) are false alarms. docs/identity-
// guard.md gives the measured hit and false-alarm rates and how to
// reproduce them. Addresses without a number, postal addresses alone
// (80100 Joensuu is a place, not a person), dates of birth and foreign
// identity numbers are not looked for. The work grows with the text and
// its findings; it is meant for messages (milliseconds for a few pages),
// so callers cap the length of what they accept.
package idguard

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Kind is what a finding is.
type Kind string

const (
	IdentityCode  Kind = "identity_code"
	Phone         Kind = "phone"
	Email         Kind = "email"
	StreetAddress Kind = "street_address"
	PossibleName  Kind = "possible_name"
)

// Severity says what the caller must do about a finding.
type Severity string

const (
	Block   Severity = "block"   // must be removed
	Consent Severity = "consent" // must be removed unless shared with the client's consent
	Warn    Severity = "warn"    // ask the worker to check
)

// Finding is one identifier found in the text.
type Finding struct {
	Kind               Kind
	Severity           Severity
	Text               string
	Start, End         int // byte offsets, [Start, End)
	RuneStart, RuneEnd int // rune offsets, [RuneStart, RuneEnd)
}

// priority orders kinds for overlaps: the more certain and the more
// severe wins, so an e-mail address is not also reported as a name.
var priority = []Kind{IdentityCode, Email, Phone, StreetAddress, PossibleName}

var severities = map[Kind]Severity{
	IdentityCode: Block, Phone: Consent, Email: Consent, StreetAddress: Consent, PossibleName: Warn,
}

// Check finds the identifiers in text; known lists the words that are not
// persons although capitalised (see Known). The detectors read the folded
// text (fold), and findings are given in the offsets of the text as typed.
func Check(text string, known Names) []Finding {
	plain := fold(text, true)
	var found []Finding
	for _, kind := range priority {
		for _, f := range detect(kind, plain.text, known, found) {
			if !overlapsAny(f, found) {
				found = append(found, f)
			}
		}
	}
	slices.SortFunc(found, func(a, b Finding) int { return a.Start - b.Start })
	for i := range found {
		f := &found[i]
		f.Start, f.End = plain.span(f.Start, f.End)
		f.Severity = severities[f.Kind]
		f.Text = text[f.Start:f.End]
		f.RuneStart = utf8.RuneCountInString(text[:f.Start])
		f.RuneEnd = f.RuneStart + utf8.RuneCountInString(f.Text)
	}
	return found
}

func detect(kind Kind, text string, known Names, found []Finding) []Finding {
	switch kind {
	case IdentityCode:
		return findIdentityCodes(text)
	case Email:
		return findEmails(text)
	case Phone:
		return findPhones(text)
	case StreetAddress:
		return findAddresses(text)
	default:
		return findNames(text, known, found)
	}
}

// Blocking is the findings that stop a save: identity codes always,
// contact details unless the client's consent was recorded.
func Blocking(fs []Finding, consent bool) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == Block || f.Severity == Consent && !consent {
			out = append(out, f)
		}
	}
	return out
}

// Segment is a piece of the text; Finding is nil between findings.
type Segment struct {
	Text    string
	Finding *Finding
}

// Segments cuts text at the findings (as Check returns them), so that a
// template can mark them without offsets.
func Segments(text string, fs []Finding) []Segment {
	var out []Segment
	at := 0
	for i := range fs {
		if fs[i].Start > at {
			out = append(out, Segment{Text: text[at:fs[i].Start]})
		}
		out = append(out, Segment{Text: fs[i].Text, Finding: &fs[i]})
		at = fs[i].End
	}
	if at < len(text) {
		out = append(out, Segment{Text: text[at:]})
	}
	return out
}

func overlapsAny(f Finding, fs []Finding) bool {
	for _, g := range fs {
		if f.Start < g.End && g.Start < f.End {
			return true
		}
	}
	return false
}

// standsAlone holds when text[start:end] is not glued to a letter or a
// digit on either side, so "X010190-123A" or "a0401234567" are not taken.
func standsAlone(text string, start, end int) bool {
	if r, _ := utf8.DecodeLastRuneInString(text[:start]); start > 0 && alnum(r) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(text[end:]); end < len(text) && alnum(r) {
		return false
	}
	return true
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

package idguard

import (
	"fmt"
	"strings"
	"testing"
)

// referenceCheck computes the check character the way the published
// rule states it, digit by digit, apart from the code under test: the
// remainder of DDMMYYZZZ divided by 31 picks a character from the table.
func referenceCheck(ddmmyy, zzz string) string {
	const table = "0123456789ABCDEFHJKLMNPRSTUVWXY" // DVV, 31 characters
	rem := 0
	for _, c := range ddmmyy + zzz {
		rem = (rem*10 + int(c-'0')) % 31
	}
	return string(table[rem])
}

// hetu builds a code with a correct check character.
func hetu(ddmmyy, sign, zzz string) string {
	return ddmmyy + sign + zzz + referenceCheck(ddmmyy, zzz)
}

// wrongCheck is the same code with the next check character.
func wrongCheck(code string) string {
	const table = "0123456789ABCDEFHJKLMNPRSTUVWXY"
	last := code[len(code)-1]
	for i := 0; i < len(table); i++ {
		if table[i] == last {
			return code[:len(code)-1] + string(table[(i+1)%len(table)])
		}
	}
	panic(code)
}

func kinds(text string) []string {
	var out []string
	for _, f := range Check(text, Names{}) {
		out = append(out, fmt.Sprintf("%s:%s", f.Kind, f.Text))
	}
	return out
}

func identityCodes(text string) []string {
	var out []string
	for _, f := range Check(text, Names{}) {
		if f.Kind == IdentityCode {
			out = append(out, f.Text)
		}
	}
	return out
}

func TestEveryCenturySign(t *testing.T) {
	dates := map[string]string{"+": "311299", "-": "150652", "A": "290200", "B": "010516", "C": "311224", "D": "070907", "E": "280211", "F": "151023",
		"Y": "010594", "X": "020594", "W": "030594", "V": "040594", "U": "050594"}
	for sign, date := range dates {
		for _, zzz := range []string{"002", "123", "456", "899", "900", "999"} {
			code := hetu(date, sign, zzz)
			text := "Asiakkaan tunnus on " + code + ", voiko sen kertoa Kelalle?"
			if got := identityCodes(text); len(got) != 1 || got[0] != code {
				t.Errorf("%s (sign %s): found %v", code, sign, got)
			}
			if got := kinds("Tunnus " + wrongCheck(code) + " ei täsmää."); len(got) != 0 {
				t.Errorf("%s with a wrong check character: found %v", code, got)
			}
		}
	}
}

// Published examples of the Digital and Population Data Services Agency
// (DVV) for the century signs added in 2023, and the classic 131052-308T.
func TestPublishedExamples(t *testing.T) {
	for _, code := range []string{
		"010594Y9021", "020594X903P", "020594X902N", "030594W903B", "030694W9024", "040594V9030", "040594V902Y",
		"050594U903M", "050594U902L", "010516B903X", "010516B902W", "020516C903K", "020516C902J", "030516D9037",
		"030516D9026", "010501E9032", "020502E902X", "020503F9037", "020504A902E", "020504B904H", "131052-308T",
	} {
		if got := identityCodes(code); len(got) != 1 {
			t.Errorf("%s not found", code)
		}
	}
}

func TestDatesMustBeReal(t *testing.T) {
	for _, tc := range []struct {
		ddmmyy, sign string
		valid        bool
	}{
		{"290200", "A", true},  // 2000 is a leap year
		{"290200", "-", false}, // 1900 is not
		{"290200", "+", false}, // nor is 1800
		{"290296", "-", true},
		{"290297", "-", false},
		{"310424", "A", false}, // 31 April
		{"311224", "A", true},
		{"001224", "A", false},
		{"011324", "A", false}, // month 13
		{"010024", "A", false}, // month 0
		{"320124", "A", false},
	} {
		code := hetu(tc.ddmmyy, tc.sign, "234")
		if got := len(identityCodes(code)) == 1; got != tc.valid {
			t.Errorf("%s: found=%v, want %v", code, got, tc.valid)
		}
	}
}

func TestIndividualNumbers(t *testing.T) {
	for zzz, want := range map[string]bool{"000": false, "001": false, "002": true, "899": true, "900": true, "999": true} {
		code := hetu("150652", "-", zzz)
		if got := len(identityCodes(code)) == 1; got != want {
			t.Errorf("%s: found=%v, want %v", code, got, want)
		}
	}
}

func TestLookAlikesAndWritingVariants(t *testing.T) {
	valid := "131052-308T"
	for text, want := range map[string]int{
		"131052-308t":           1, // lower-case check character
		"131052–308T":           1, // en dash from a word processor
		"131052−308T":           1, // minus sign
		"hetu:131052-308T.":     1,
		"(131052-308T)":         1,
		"X131052-308T":          1, // a label glued to it
		"hetu131052-308T":       1,
		"131052-308TX":          0,
		"1131052-308T":          0,
		"131052-308U":           0, // wrong check character
		"131052G308T":           0, // G is no century sign
		"131052-308":            0,
		"13105-2308T":           0,
		valid + " ja " + valid:  2,
		"asiakas 131052 308T":   1, // a space for the sign
		"131052 -308T":          1,
		"131052-308 T":          1,
		"131052\u00a0-308T":     1, // no-break space
		"131052\u200b-308T":     1, // zero-width space
		"131052-\n308T":         1, // a line break after the sign
		"１３１０５２-３０８Ｔ":           1, // full-width
		"131052\u0410308T":      1, // Cyrillic А as the century sign
		"131052-308\u0422":      1, // Cyrillic Т as the check character
		"131052 308U":           0, // still the check character decides
		"0401234567":            0, // ten digits are a phone, not a code
		"131052-308T131052-308": 0,
	} {
		if got := len(identityCodes(text)); got != want {
			t.Errorf("%q: %d identity codes, want %d", text, got, want)
		}
	}
}

// An invalid look-alike whose check character is a digit must not turn
// into a phone number either: DDMMYY-ZZZQ is never reported as one.
func TestInvalidLookAlikeIsNothingElse(t *testing.T) {
	for zzz := 100; zzz < 120; zzz++ {
		for q := '0'; q <= '9'; q++ {
			z := fmt.Sprintf("%03d", zzz)
			code := "010190-" + z + string(q)
			want := 0
			if referenceCheck("010190", z) == string(q) {
				want = 1
			}
			if got := kinds("Tunnus " + code + " on väärin."); len(got) != want {
				t.Errorf("%s: %v", code, got)
			}
		}
	}
}

// Findings in a folded text point at the text as typed: highlighting
// marks the full-width code itself, and the segments rebuild the text.
func TestFoldedFindingsKeepTheTypedText(t *testing.T) {
	text := "Asiakkaan tunnus on \u200b１３１０５２ -３０８Т, soita."
	fs := Check(text, Known())
	if len(fs) != 1 || fs[0].Kind != IdentityCode || fs[0].Text != "１３１０５２ -３０８Т" {
		t.Fatalf("findings %+v", fs)
	}
	var rebuilt strings.Builder
	for _, s := range Segments(text, fs) {
		rebuilt.WriteString(s.Text)
	}
	if rebuilt.String() != text {
		t.Fatalf("segments rebuild %q", rebuilt.String())
	}
}

func TestFoldingAlsoCatchesHiddenContactDetails(t *testing.T) {
	for text, want := range map[string]Kind{
		"soita 040\u200b123 4567":         Phone,
		"soita ０４０ １２３ ４５６７":              Phone,
		"matti\u200b.virtanen@example.fi": Email,
	} {
		if fs := Check(text, Known()); len(fs) != 1 || fs[0].Kind != want {
			t.Errorf("%q: %+v, want one %s", text, fs, want)
		}
	}
}

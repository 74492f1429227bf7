package idguard

import (
	"slices"
	"testing"
)

// only returns the texts of the findings of one kind.
func only(kind Kind, text string) []string {
	var out []string
	for _, f := range Check(text, Names{}) {
		if f.Kind == kind {
			out = append(out, f.Text)
		}
	}
	return out
}

func TestPhoneFormats(t *testing.T) {
	for _, number := range []string{
		"040 123 4567", "040-1234567", "0401234567", "040 1234 567", "050 987 6543", "044-123 45 67", "045 1234567",
		"09 123 4567", "09-1234567", "(09) 123 4567", "(013) 123 456", "013 123 456", "013-2675 000", "017 123 4567",
		"+358 40 123 4567", "+358401234567", "+358 (0)40 123 4567", "+358 9 123 4567", "00358 40 123 4567",
		"+46 70 123 45 67", "+46701234567", "+44 20 7946 0958", "+1 (555) 123-4567", "+1 555 123 4567",
		"+49 30 12345678", "+7 912 345-67-89", "+380 67 123 4567", "+964 770 123 4567", "+252 61 234 5678",
		"0046 70 123 45 67",
	} {
		for _, text := range []string{number, "Soita numeroon " + number + ", kiitos.", "puh. " + number, "(" + number + ")"} {
			if got := only(Phone, text); !slices.Equal(got, []string{number}) {
				t.Errorf("%q: phones %q, want %q", text, got, number)
			}
		}
	}
}

// What must pass: dates, case and law numbers, postcodes, amounts, times,
// percentages, business IDs and references with their word in front.
func TestFalsePositivesPass(t *testing.T) {
	for _, text := range []string{
		"Päätös tuli 12.3.2024 ja valitusaika on 30 päivää.",
		"Päätös on päivätty 2024-03-12.",
		"Tapaaminen 01.02.2024 klo 08.30.",
		"Dnro 123/2024",
		"Migrin asianumero 1234/567/2024 ja toinen 0123/456/2023.",
		"Laki 681/2023 ja asetus 1386/2024.",
		"Kotikunta 80100 Joensuu ja toinen 00100 Helsinki.",
		"Summa 1 250 € ja 0,50 € ja 12 000 euroa.",
		"Aukioloaika klo 9–16, tiistaisin 08–12 ja 13:00–15:30.",
		"Osuus 15 % ja 0,5 % sekä 100 %.",
		"Y-tunnus 0112038-9 kuuluu työnantajalle.",
		"Työnantajan y-tunnus on 2534321-7.",
		"Viite 0012345678 ja viitenumero 00123 45678.",
		"Dnro 0123-4567-2024",
		"ärende 0123456789",
		"Lapset ovat 3, 5 ja 8 vuotta.",
		"Kotoutumislaki (681/2023) 12 § ja 3 mom.",
		"Hakemus jätettiin 1.2.2024, ja maksu 470 € maksettiin 5.2.",
		"Vuosina 2020–2024 perhe asui Ruotsissa.",
		"Valtatie 6 on suljettu.",
		"Tapaaminen 15.4. klo 13 Liperin kunnantalolla.",
		"Kello 0800 alkaen.",
		"Luokka 0-2 ja ryhmä 05-12-2024",
		"IBAN FI21 1234 5600 0007 85",
		"Tilinumero 0123 4567 8901 2345",
	} {
		if got := Check(text, Names{}); len(got) > 0 {
			t.Errorf("%q: %v", text, got)
		}
	}
}

func TestEmails(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Lähetä osoitteeseen matti.virtanen@liperi.fi.", "matti.virtanen@liperi.fi"},
		{"fatima_ali+kela@example.co.uk kirjoitti", "fatima_ali+kela@example.co.uk"},
		{"neuvonta (at) kontiolahti.fi", "neuvonta (at) kontiolahti.fi"},
		{"neuvonta[at]kontiolahti.fi", "neuvonta[at]kontiolahti.fi"},
		{"jääskeläinen@ilomantsi.fi", "jääskeläinen@ilomantsi.fi"},
	} {
		if got := only(Email, tc.text); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%q: %q", tc.text, got)
		}
	}
	for _, text := range []string{"@kela_fi on Twitterissä", "a@b", "matti at kela"} {
		if got := only(Email, text); len(got) > 0 {
			t.Errorf("%q: %q", text, got)
		}
	}
}

func TestStreetAddresses(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"asuu Kirkkokatu 12 B 34, 80100 Joensuu", "Kirkkokatu 12 B 34"},
		{"Koulutie 5 as. 3", "Koulutie 5 as. 3"},
		{"Siltakatu 2a", "Siltakatu 2a"},
		{"Rantakatu 3 A 7 Joensuussa", "Rantakatu 3 A 7"},
		{"Mannerheimintie 12–14", "Mannerheimintie 12–14"},
		{"Koivukuja 4", "Koivukuja 4"},
		{"Metsäpolku 8 C", "Metsäpolku 8 C"},
		{"Kylänraitti 3", "Kylänraitti 3"},
		{"Länsiväylä 20", "Länsiväylä 20"},
		{"Pohjois-Esplanadi 5 alakerrassa", "Pohjois-Esplanadi 5"},
		{"Storgatan 5 lgh 1101", "Storgatan 5 lgh 1101"},
		{"Kungsvägen 3 A", "Kungsvägen 3 A"},
		{"Kirkkokatu 12:ssa", "Kirkkokatu 12"},
	} {
		if got := only(StreetAddress, tc.text); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
	for _, text := range []string{"Kirkkokatu on suljettu.", "tie 5 km", "Valtatie 6", "kantatie 73:lla", "rautatie 2 km päässä"} {
		if got := only(StreetAddress, text); len(got) > 0 {
			t.Errorf("%q: %q", text, got)
		}
	}
}

func TestNames(t *testing.T) {
	known := Known("Joensuu", "Liperi", "Kontiolahti", "International House Joensuu", "Kela")
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Asiakas Ahmed Hassan kysyy", []string{"Ahmed Hassan"}},
		{"Ahmed Hassan kysyy", []string{"Ahmed Hassan"}}, // a first name at the start counts
		{"Kysyin Anna Maria Virtaselta", []string{"Anna Maria Virtaselta"}},
		{"Anna Kelalle lupa.", nil},                        // "anna" = give
		{"Soitin Fatimalle eilen.", []string{"Fatimalle"}}, // inflected first name
		{"Asiakas asuu Joensuussa ja asioi Kelassa.", nil}, // known places, inflected
		{"Perhe muutti Kontiolahdelta Liperiin.", nil},     // with consonant gradation
		{"Tapaaminen International House Joensuussa maanantaina.", nil},
		{"Meeting on Monday in January with Kela.", nil},
		{"Mrs. Kuznetsova called.", []string{"Kuznetsova"}},
		{"Hei Matti, kiitos!", []string{"Matti"}},
		{"Terveisin Liisa Korhonen", []string{"Liisa Korhonen"}},
		{"virkailija Laaksonen soitti", []string{"Laaksonen"}},
		{"KELA ja DVV ja TE-palvelut", nil}, // acronyms and known services
	} {
		var got []string
		for _, f := range Check(tc.text, known) {
			if f.Kind == PossibleName {
				got = append(got, f.Text)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: names %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestSeverityBlockingAndSpans(t *testing.T) {
	text := "Äiti Fatima Ali (131052-308T), puh. 040 123 4567, fatima@example.com, Koulutie 5 😀 ok"
	fs := Check(text, Names{})
	want := []struct {
		kind Kind
		sev  Severity
		text string
	}{
		{PossibleName, Warn, "Fatima Ali"},
		{IdentityCode, Block, "131052-308T"},
		{Phone, Consent, "040 123 4567"},
		{Email, Consent, "fatima@example.com"},
		{StreetAddress, Consent, "Koulutie 5"},
	}
	if len(fs) != len(want) {
		t.Fatalf("findings %v", fs)
	}
	runes := []rune(text)
	for i, w := range want {
		f := fs[i]
		if f.Kind != w.kind || f.Severity != w.sev || f.Text != w.text {
			t.Errorf("finding %d = %s/%s %q, want %s/%s %q", i, f.Kind, f.Severity, f.Text, w.kind, w.sev, w.text)
		}
		if text[f.Start:f.End] != f.Text || string(runes[f.RuneStart:f.RuneEnd]) != f.Text {
			t.Errorf("finding %d: spans do not cut out %q", i, f.Text)
		}
	}
	if got := Blocking(fs, false); len(got) != 4 {
		t.Errorf("without consent %d block, want 4 (all but the name)", len(got))
	}
	if got := Blocking(fs, true); len(got) != 1 || got[0].Kind != IdentityCode {
		t.Errorf("with consent %v block, want only the identity code", got)
	}
	var joined string
	marked := 0
	for _, s := range Segments(text, fs) {
		joined += s.Text
		if s.Finding != nil {
			marked++
		}
	}
	if joined != text || marked != len(fs) {
		t.Errorf("segments rebuild %q with %d marked", joined, marked)
	}
}

func TestEmptyAndPlainText(t *testing.T) {
	for _, text := range []string{"", "   ", "Miten haetaan jatkolupaa?", "ä"} {
		if got := Check(text, Names{}); len(got) != 0 {
			t.Errorf("%q: %v", text, got)
		}
	}
}

package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestTextEscapingRoundTrips(t *testing.T) {
	tricky := []string{
		`Kela, Migri; TE-palvelut`,
		`C:\Users\neuvoja\liite.pdf`,
		"Rivi 1\nRivi 2\r\nRivi 3",
		`Lainaus "näin"; pilkku, kenoviiva \ ja \n kirjaimellisesti`,
		"Arabia: استشارة، عن بعد; کورد",
	}
	for _, s := range tricky {
		e := event(time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC))
		e.Summary, e.Description, e.Location = s, s, s
		_, ev := parse(t, build(t, Request, e))
		want := strings.ReplaceAll(s, "\r\n", "\n")
		for _, name := range []string{"SUMMARY", "DESCRIPTION", "LOCATION"} {
			if got := text(t, ev.Props, name); got != want {
				t.Errorf("%s reads back as %q, want %q", name, got, want)
			}
		}
	}
}

func TestEscapedFormIsWhatRFC5545Says(t *testing.T) {
	got := escapeText("a,b;c\\d\ne\r\nf\x07g\th")
	if want := `a\,b\;c\\d\ne\nfg` + "\th"; got != want {
		t.Errorf("escapeText = %q, want %q", got, want)
	}
}

// Long text in several scripts, shifted one byte at a time so that the
// 75-octet boundary falls at every position inside two-, three- and
// four-byte sequences.
func TestFoldingAt75OctetsKeepsUTF8Whole(t *testing.T) {
	body := strings.Repeat("Määräaika ylittyi € 😀 استشارة ", 12)
	for shift := 0; shift < 5; shift++ {
		e := event(time.Date(2025, 5, 14, 7, 30, 0, 0, time.UTC))
		e.Description = strings.Repeat("x", shift) + body
		data := build(t, Request, e)
		folded := 0
		for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Fatalf("shift %d: line %d has %d octets", shift, i, len(line))
			}
			if !utf8.ValidString(line) {
				t.Fatalf("shift %d: line %d splits a UTF-8 sequence: %q", shift, i, line)
			}
			if strings.HasPrefix(line, " ") {
				folded++
			}
		}
		if folded < 6 {
			t.Fatalf("shift %d: only %d continuation lines; the description was not folded", shift, folded)
		}
		_, ev := parse(t, data)
		if got := text(t, ev.Props, "DESCRIPTION"); got != e.Description {
			t.Fatalf("shift %d: unfolded description differs:\n%q\n%q", shift, got, e.Description)
		}
	}
}

// Lines are filled: a fold happens only when the next character would not
// fit, so the line before a fold is at most three octets short of 75.
func TestFoldingFillsLines(t *testing.T) {
	var w writer
	w.line("DESCRIPTION:" + strings.Repeat("ä", 100))
	lines := strings.Split(strings.TrimSuffix(string(w.bytes()), "\r\n"), "\r\n")
	for i, l := range lines[:len(lines)-1] {
		if len(l) < 74 {
			t.Errorf("line %d has %d octets, could hold more", i, len(l))
		}
	}
	if unfolded := strings.ReplaceAll(strings.TrimSuffix(string(w.bytes()), "\r\n"), "\r\n ", ""); unfolded != "DESCRIPTION:"+strings.Repeat("ä", 100) {
		t.Error("unfolding does not give the line back")
	}
}

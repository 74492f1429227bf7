package idguard

import "testing"

func TestOnlyPhoneAcceptsANumberAndNothingElse(t *testing.T) {
	for _, s := range []string{"013 267 1000", "040-1234567", "0401234567", "+358 40 123 4567", " 09 123 4567 ",
		"+358 (0)40 123 4567", "(013) 123 456"} {
		if !OnlyPhone(s) {
			t.Errorf("%q is refused", s)
		}
	}
	for _, s := range []string{"", "Aino Virtanen", "040 123 4567 Aino", "Aino 040 123 4567", "131052-308T",
		"040 123 4567 / 131052-308T", "soita iltapäivällä", "12.3.2024", "80100", "aino@kunta.fi", "123",
		"040 123 4567, 050 765 4321"} {
		if OnlyPhone(s) {
			t.Errorf("%q is taken for a phone number", s)
		}
	}
}

package cases

import "testing"

func TestClientCodeCatchesTypos(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		code := NewClientCode()
		if seen[code] {
			t.Fatalf("duplicate code %s in 2000", code)
		}
		seen[code] = true
		if got, ok := NormalizeClientCode(code); !ok || got != code {
			t.Fatalf("%s does not validate: %q %v", code, got, ok)
		}
		plain := code[:4] + code[5:9] + code[10:]
		for i := range plain {
			for _, c := range []byte(codeAlphabet) {
				if c == plain[i] {
					continue
				}
				typo := plain[:i] + string(c) + plain[i+1:]
				if _, ok := NormalizeClientCode(typo); ok {
					t.Fatalf("single typo %s of %s accepted", typo, code)
				}
			}
		}
		for i := 0; i+1 < len(plain); i++ {
			if plain[i] == plain[i+1] {
				continue
			}
			swapped := plain[:i] + string(plain[i+1]) + string(plain[i]) + plain[i+2:]
			if _, ok := NormalizeClientCode(swapped); ok {
				t.Fatalf("swap %s of %s accepted", swapped, code)
			}
		}
	}
}

func TestClientCodeAcceptsHowPeopleType(t *testing.T) {
	code := NewClientCode()
	lower := []byte(code)
	for i := range lower {
		if lower[i] >= 'A' && lower[i] <= 'Z' {
			lower[i] += 'a' - 'A'
		}
	}
	for _, typed := range []string{string(lower), " " + code[:4] + " " + code[5:9] + code[10:] + " "} {
		if got, ok := NormalizeClientCode(typed); !ok || got != code {
			t.Errorf("%q: %q %v, want %s", typed, got, ok, code)
		}
	}
	if _, ok := NormalizeClientCode("ABC"); ok {
		t.Error("a short code was accepted")
	}
}

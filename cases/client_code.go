package cases

import (
	"crypto/rand"
	"math/big"
	"strings"
)

// codeAlphabet leaves out characters people confuse when reading a code
// aloud or copying it from paper: 0/O and 1/I/L. Its 31 characters make
// the check a sum modulo a prime.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// NewClientCode returns a random client code such as "K7QM-3XPD-R": eight
// random characters (about 39 bits) and a check character, so a mistyped
// code is caught instead of opening another client's file. It is never
// derived from the person.
func NewClientCode() string {
	digits := make([]byte, 8)
	for i := range digits {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		digits[i] = codeAlphabet[n.Int64()]
	}
	body := string(digits)
	return body[:4] + "-" + body[4:] + "-" + string(checkCharacter(body))
}

// NormalizeClientCode accepts what people type (lower case, spaces, missing
// or extra hyphens) and returns the canonical code, or "" with ok false
// when a character is not in the alphabet or the check does not match.
func NormalizeClientCode(typed string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		if r == ' ' || r == '-' || r == '–' {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) != 9 || strings.Trim(s, codeAlphabet) != "" {
		return "", false
	}
	if checkCharacter(s[:8]) != s[8] {
		return "", false
	}
	return s[:4] + "-" + s[4:8] + "-" + s[8:], true
}

// checkCharacter is a weighted sum modulo 31 (a prime, and the alphabet's
// size) with weights 2^i: it catches every wrong character and every swap
// of two neighbouring characters of the body.
func checkCharacter(body string) byte {
	n := len(codeAlphabet)
	sum, weight := 0, 2
	for i := 0; i < len(body); i++ {
		sum += strings.IndexByte(codeAlphabet, body[i]) * weight
		weight = weight * 2 % n
	}
	return codeAlphabet[sum%n]
}

// Package qr draws the QR code of a meeting link for a consultation's
// printable invitation, as PNG and as SVG.
//
// API:
//
//	code, err := qr.New(link)   // ErrEmpty, ErrTooLong
//	png, err := code.PNG(scale) // scale: pixels per module, 1..MaxScale
//	svg := code.SVG()           // scalable, for print
//	n := code.Size()            // modules per side, quiet zone included
//
// Both images come from one bitmap, so they show the same symbol: black
// modules on white, with the quiet zone of four modules that ISO/IEC 18004
// asks for. The SVG is a single path of unit squares in a viewBox of
// Size()×Size() with crisp edges, so it prints sharp at any size.
//
// Limits:
//   - The text is encoded byte for byte (UTF-8) with error correction level M
//     (about 15 % of the symbol may be damaged). The encoder writes no ECI
//     header, so a reader must guess UTF-8 for non-ASCII text; phone cameras
//     and the zxing decoder used in the tests do. Links are normally ASCII
//     (non-ASCII is percent-encoded in a URL), so this rarely matters.
//   - At most MaxBytes bytes, far more than any meeting link (a Teams link is
//     about 300). Longer text is refused with ErrTooLong rather than drawn as
//     a symbol too dense to scan from paper.
//   - The package does not check that the text is a link: callers validate
//     meeting links (https) before they get here.
//   - A Code is immutable and safe for concurrent use.
package qr

import (
	"errors"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// MaxBytes keeps symbols at version 26 (121 modules a side) or below at
// level M; a 300-byte Teams link is version 13 (69 modules).
const MaxBytes = 1000

// MaxScale bounds PNG sizes: 40 pixels a module is already a poster.
const MaxScale = 40

// quietZone is the blank margin in modules around the symbol (ISO/IEC
// 18004 §6.3.8); readers fail without it on a busy page.
const quietZone = 4

var (
	ErrEmpty    = errors.New("qr: empty text")
	ErrTooLong  = fmt.Errorf("qr: text longer than %d bytes", MaxBytes)
	ErrBadScale = fmt.Errorf("qr: scale outside 1..%d", MaxScale)
)

// Code is the QR symbol of one text, quiet zone included.
type Code struct {
	dark [][]bool // dark[y][x]
}

// New encodes text as a QR code.
func New(text string) (*Code, error) {
	if text == "" {
		return nil, ErrEmpty
	}
	if len(text) > MaxBytes {
		return nil, ErrTooLong
	}
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	q.DisableBorder = true
	return &Code{dark: withQuietZone(q.Bitmap())}, nil
}

// Size is the number of modules on a side, quiet zone included.
func (c *Code) Size() int { return len(c.dark) }

// Dark reports whether the module at column x, row y is dark.
func (c *Code) Dark(x, y int) bool { return c.dark[y][x] }

func withQuietZone(symbol [][]bool) [][]bool {
	n := len(symbol) + 2*quietZone
	out := make([][]bool, n)
	for y := range out {
		out[y] = make([]bool, n)
	}
	for y, row := range symbol {
		copy(out[y+quietZone][quietZone:], row)
	}
	return out
}

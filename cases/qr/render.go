package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// PNG draws the code with scale pixels per module: a two-colour paletted
// image of Size()*scale pixels a side, small enough to inline in a page.
func (c *Code) PNG(scale int) ([]byte, error) {
	if scale < 1 || scale > MaxScale {
		return nil, ErrBadScale
	}
	side := c.Size() * scale
	img := image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.White, color.Black})
	for y := 0; y < side; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+side]
		for x := range row {
			if c.dark[y/scale][x/scale] {
				row[x] = 1
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("qr: png: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG draws the code as one path: each horizontal run of dark modules is
// one rectangle, which keeps the file small (a Teams link is about 15 kB)
// and leaves no hairline seams between neighbouring modules. The size is
// left to the page (CSS width), the viewBox keeps the symbol square.
func (c *Code) SVG() []byte {
	n := c.Size()
	var d strings.Builder
	for y, row := range c.dark {
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < n && row[x] {
				x++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`, n, n)
	fmt.Fprintf(&b, `<path fill="#000" d="%s"/></svg>`, d.String())
	b.WriteByte('\n')
	return b.Bytes()
}

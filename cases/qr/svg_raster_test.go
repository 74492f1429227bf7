package qr

import (
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/vector"
)

type svgDoc struct {
	XMLName        xml.Name  `xml:"http://www.w3.org/2000/svg svg"`
	ViewBox        string    `xml:"viewBox,attr"`
	ShapeRendering string    `xml:"shape-rendering,attr"`
	Rects          []svgRect `xml:"rect"`
	Paths          []svgPath `xml:"path"`
}

type svgRect struct {
	Width  float32 `xml:"width,attr"`
	Height float32 `xml:"height,attr"`
	Fill   string  `xml:"fill,attr"`
}

type svgPath struct {
	D    string `xml:"d,attr"`
	Fill string `xml:"fill,attr"`
}

func parseSVG(t *testing.T, data []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the SVG is not well-formed SVG XML: %v", err)
	}
	return doc
}

// rasterise draws the SVG the way a browser would, at scale pixels per
// viewBox unit: the viewBox sets the canvas, rectangles and paths are
// filled in document order by a real anti-aliasing rasteriser. It reads
// the generic path grammar (absolute and relative M, L, H, V, Z), not the
// one shape New happens to write.
func rasterise(t *testing.T, data []byte, scale float32) image.Image {
	t.Helper()
	doc := parseSVG(t, data)
	var minX, minY, w, h float32
	if _, err := fmt.Sscanf(doc.ViewBox, "%g %g %g %g", &minX, &minY, &w, &h); err != nil || minX != 0 || minY != 0 {
		t.Fatalf("viewBox %q: want 0 0 W H", doc.ViewBox)
	}
	side := int(w * scale)
	img := image.NewRGBA(image.Rect(0, 0, side, int(h*scale)))
	// Outside any shape the canvas is transparent; a printed page is white.
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, r := range doc.Rects {
		if r.Width < w || r.Height < h {
			t.Fatalf("background rect %gx%g does not cover the viewBox", r.Width, r.Height)
		}
		draw.Draw(img, img.Bounds(), image.NewUniform(fill(t, r.Fill)), image.Point{}, draw.Src)
	}
	for _, p := range doc.Paths {
		z := vector.NewRasterizer(img.Bounds().Dx(), img.Bounds().Dy())
		tracePath(t, z, p.D, scale)
		z.Draw(img, img.Bounds(), image.NewUniform(fill(t, p.Fill)), image.Point{})
	}
	return img
}

func fill(t *testing.T, c string) color.Color {
	switch strings.ToLower(c) {
	case "#000", "#000000", "black":
		return color.Black
	case "#fff", "#ffffff", "white":
		return color.White
	}
	t.Fatalf("unexpected fill %q", c)
	return nil
}

func tracePath(t *testing.T, z *vector.Rasterizer, d string, scale float32) {
	t.Helper()
	toks := pathTokens(d)
	var x, y, sx, sy float32
	num := func(i *int) float32 {
		*i++
		if *i >= len(toks) {
			t.Fatalf("path ends inside a command: %q", d)
		}
		v, err := strconv.ParseFloat(toks[*i], 32)
		if err != nil {
			t.Fatalf("path number %q: %v", toks[*i], err)
		}
		return float32(v)
	}
	for i := 0; i < len(toks); i++ {
		cmd := toks[i]
		rel := strings.ToLower(cmd) == cmd
		switch strings.ToUpper(cmd) {
		case "M", "L":
			nx, ny := num(&i), num(&i)
			if rel {
				nx, ny = x+nx, y+ny
			}
			x, y = nx, ny
			if strings.ToUpper(cmd) == "M" {
				sx, sy = x, y
				z.MoveTo(x*scale, y*scale)
			} else {
				z.LineTo(x*scale, y*scale)
			}
		case "H":
			v := num(&i)
			if rel {
				v += x
			}
			x = v
			z.LineTo(x*scale, y*scale)
		case "V":
			v := num(&i)
			if rel {
				v += y
			}
			y = v
			z.LineTo(x*scale, y*scale)
		case "Z":
			z.ClosePath()
			x, y = sx, sy
		default:
			t.Fatalf("path command %q is not one this test reads", cmd)
		}
	}
}

// pathTokens splits "M4 4h7v1h-7z" into commands and numbers.
func pathTokens(d string) []string {
	var toks []string
	cur := ""
	flush := func() {
		if cur != "" {
			toks = append(toks, cur)
			cur = ""
		}
	}
	for _, r := range d {
		switch {
		case strings.ContainsRune("MmLlHhVvZz", r):
			flush()
			toks = append(toks, string(r))
		case r == ' ' || r == ',':
			flush()
		case r == '-' && cur != "":
			flush()
			cur = "-"
		default:
			cur += string(r)
		}
	}
	flush()
	return toks
}

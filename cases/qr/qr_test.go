package qr

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// teamsLink has the shape and length (about 300 characters) of a Microsoft
// Teams meeting link as Outlook writes it into an invitation.
const teamsLink = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA2ZDBlYjMtYzQ5Ny00YjU2LWE1ZWUtYzk3ZTQ5NzE0YWMx%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22d1f3f5a2-8c4b-4f8e-9a1e-3b7f2c9d4e6a%22%2c%22MessageId%22%3a%220%22%7d&btype=a&role=a"

var links = []struct{ name, link string }{
	{"plain", "https://meet.example.fi/neuvonta"},
	{"query", "https://video.joensuu.fi/join?room=neuvo-42&pwd=Xy7%2Bq&lang=fi#start"},
	{"teams", teamsLink},
	{"non-ascii", "https://kokous.example.fi/huone/Äänekoski-neuvonta?kieli=суоми&nimi=مشاوره"},
}

func TestTeamsLinkIsLong(t *testing.T) {
	if n := len(teamsLink); n < 280 || n > 330 {
		t.Fatalf("teamsLink is %d bytes; the test means a ~300-byte link", n)
	}
}

func TestPNGDecodesToTheExactLink(t *testing.T) {
	for _, tc := range links {
		t.Run(tc.name, func(t *testing.T) {
			code := mustNew(t, tc.link)
			data, err := code.PNG(4)
			if err != nil {
				t.Fatalf("PNG: %v", err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the PNG does not decode as PNG: %v", err)
			}
			if got, want := img.Bounds().Dx(), code.Size()*4; got != want || img.Bounds().Dy() != want {
				t.Fatalf("PNG is %v, want %d px square", img.Bounds(), want)
			}
			if got := decode(t, img); got != tc.link {
				t.Fatalf("decoded %q\nwant    %q", got, tc.link)
			}
		})
	}
}

func TestSVGDecodesToTheExactLink(t *testing.T) {
	for _, tc := range links {
		t.Run(tc.name, func(t *testing.T) {
			code := mustNew(t, tc.link)
			img := rasterise(t, code.SVG(), 5)
			if got := decode(t, img); got != tc.link {
				t.Fatalf("decoded %q\nwant    %q", got, tc.link)
			}
		})
	}
}

// The rasterised SVG must match the module bitmap exactly, so no module is
// lost to a seam or an off-by-one in the path, and the quiet zone is blank.
func TestSVGMatchesTheBitmapAndKeepsTheQuietZone(t *testing.T) {
	const quietZone = 4 // ISO/IEC 18004, stated here rather than taken from the code under test
	code := mustNew(t, teamsLink)
	const scale = 3
	img := rasterise(t, code.SVG(), scale)
	n := code.Size()
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			inQuiet := x < quietZone || y < quietZone || x >= n-quietZone || y >= n-quietZone
			if inQuiet && code.Dark(x, y) {
				t.Fatalf("module (%d,%d) in the quiet zone is dark", x, y)
			}
			if got := isDark(img, x*scale+scale/2, y*scale+scale/2); got != code.Dark(x, y) {
				t.Fatalf("module (%d,%d): SVG dark=%v, bitmap dark=%v", x, y, got, code.Dark(x, y))
			}
		}
	}
	// The finder pattern's corner starts right after the quiet zone.
	if !code.Dark(quietZone, quietZone) {
		t.Fatal("the top-left finder pattern does not start after the quiet zone")
	}
}

func TestSVGIsOnePathWithCrispEdges(t *testing.T) {
	svg := parseSVG(t, mustNew(t, teamsLink).SVG())
	if svg.ShapeRendering != "crispEdges" {
		t.Errorf("shape-rendering = %q", svg.ShapeRendering)
	}
	if len(svg.Paths) != 1 {
		t.Errorf("%d paths, want 1", len(svg.Paths))
	}
}

func TestPNGAndSVGShowTheSameModules(t *testing.T) {
	code := mustNew(t, links[1].link)
	data, err := code.PNG(2)
	if err != nil {
		t.Fatal(err)
	}
	pngImg, _ := png.Decode(bytes.NewReader(data))
	svgImg := rasterise(t, code.SVG(), 2)
	b := pngImg.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if isDark(pngImg, x, y) != isDark(svgImg, x, y) {
				t.Fatalf("pixel (%d,%d) differs between PNG and SVG", x, y)
			}
		}
	}
}

func TestRefusals(t *testing.T) {
	if _, err := New(""); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := New("https://x.fi/" + strings.Repeat("a", MaxBytes)); !errors.Is(err, ErrTooLong) {
		t.Errorf("too long: %v", err)
	}
	if _, err := New("https://x.fi/" + strings.Repeat("a", MaxBytes-13)); err != nil {
		t.Errorf("MaxBytes exactly: %v", err)
	}
	code := mustNew(t, "https://x.fi/")
	for _, scale := range []int{0, -1, MaxScale + 1} {
		if _, err := code.PNG(scale); !errors.Is(err, ErrBadScale) {
			t.Errorf("scale %d: %v", scale, err)
		}
	}
}

func mustNew(t *testing.T, link string) *Code {
	t.Helper()
	code, err := New(link)
	if err != nil {
		t.Fatalf("New(%q): %v", link, err)
	}
	return code
}

// decode reads the image the way a phone does: no hint that it is a pure
// barcode, no character set given.
func decode(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatalf("binarise: %v", err)
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := zxingqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		t.Fatalf("zxing could not read the code: %v", err)
	}
	return res.GetText()
}

func isDark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r+g+b)/3 < 0x8000
}

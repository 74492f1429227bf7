package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const phoneWidth = 390

// TestEveryPageFitsAPhone opens, as each role of the demo, every page its
// navigation and home page link to, at a phone's width, and fails when a
// page is wider than the screen (the reader would have to scroll sideways).
func TestEveryPageFitsAPhone(t *testing.T) {
	base, _ := demoStack(t)
	ctx := chromium(t)
	// Not emulated as mobile: a mobile layout viewport grows to fit a page
	// that is too wide, which would hide exactly what this test looks for.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 844)); err != nil {
		t.Fatal(err)
	}
	for _, who := range [][2]string{{"Joensuu", "joensuu-adviser"}, {"Joensuu", "joensuu-manager"},
		{"Joensuu", "joensuu-admin"}, {"Liperi", "liperi-worker"}} {
		if err := chromedp.Do(ctx, loginAs(base, who[0], who[1])...); err != nil {
			t.Fatalf("log in as %s: %v", who[1], err)
		}
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...new Set([...document.querySelectorAll("nav.main-nav a, main a")]
			.map(a => a.getAttribute("href")).filter(h => h && h.startsWith("/") && !h.includes(".")))]`))
		if err != nil {
			t.Fatal(err)
		}
		for _, link := range append([]string{"/"}, links...) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+link)); err != nil {
				t.Fatalf("%s opening %s: %v", who[1], link, err)
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width > phoneWidth {
				screenshot(t, ctx, "too-wide-"+strings.NewReplacer("/", "_", "?", "_").Replace(link)+".png")
				t.Errorf("%s: %s is %d px wide on a %d px phone", who[1], link, width, phoneWidth)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#logged-out"))); err != nil {
			t.Fatal(err)
		}
	}
}

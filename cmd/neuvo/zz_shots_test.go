package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZShots(t *testing.T) {
	base := os.Getenv("SHOTS_BASE")
	if base == "" {
		t.Skip()
	}
	for _, width := range []int{1280, 390} {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath("/usr/lib/chromium/chromium"), chromedp.NoSandbox,
			chromedp.DisableGPU, chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(width, 1400))
		alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel2 := chromedp.NewContext(alloc)
		ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
		err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"),
			chromedp.Click(chromedp.Search(`//button[contains(., "Joensuu")]`)),
			chromedp.Click(chromedp.CSS(`button[name=subject][value="`+os.Getenv("SHOTS_USER")+`"]`)),
			chromedp.WaitVisible(chromedp.CSS("#home-org")),
			chromedp.Navigate(base+os.Getenv("SHOTS_PATH")),
			chromedp.Sleep(time.Second), chromedp.Evaluate[chromedp.Void]("window.scrollTo(0, "+os.Getenv("SHOTS_SCROLL")+")"), chromedp.Sleep(300*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/work/shot-"+os.Getenv("SHOTS_NAME")+"-"+itoa(width)+".png", png, 0o644)
		cancel3()
		cancel2()
		cancel()
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

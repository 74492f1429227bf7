package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"neuvo/auth"
	"neuvo/cases/dbtest"
	"neuvo/cases/notify"
)

// demoStack is what `neuvo dev` runs, on a fresh test database and free
// ports: the seeded demo network, the demo provider and the service.
func demoStack(t *testing.T) (string, *dbtest.DB) {
	t.Helper()
	return demoStackWith(t, notify.SMTP{})
}

// demoStackWith is demoStack sending its mail through smtp.
func demoStackWith(t *testing.T, smtp notify.SMTP) (string, *dbtest.DB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	d := dbtest.New(t)
	neuvoListener, _ := net.Listen("tcp", "127.0.0.1:0")
	idpListener, _ := net.Listen("tcp", "127.0.0.1:0")
	base, _ := url.Parse("http://" + neuvoListener.Addr().String())
	idp, err := demoProvider("http://"+idpListener.Addr().String(), base)
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(idpListener, idp)
	if created, err := seedDemo(ctx, d.Owner, d.Service, idp, nil); err != nil || !created {
		t.Fatalf("seeding: %v", err)
	}
	if created, err := seedDemo(ctx, d.Owner, d.Service, idp, nil); err != nil || created {
		t.Fatalf("seeding twice must do nothing: created %v, %v", created, err)
	}
	cfg := config{BaseURL: base, Session: auth.SessionPolicy{Idle: 30 * time.Minute, Absolute: 10 * time.Hour},
		HTTPTimeout: 5 * time.Second, ShutdownTimeout: time.Second, SMTP: smtp}
	done := make(chan error, 1)
	go func() {
		done <- serveOn(ctx, cfg, d.Service, neuvoListener, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	t.Cleanup(func() { cancel(); <-done })
	return base.String(), d
}

func chromium(t *testing.T) context.Context {
	t.Helper()
	path := "/usr/lib/chromium/chromium"
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Chromium is needed for the browser test (apt-get install chromium; .ci/run installs it): %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("accept-lang", "fi-FI,fi"), chromedp.Flag("lang", "fi-FI"),
		chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

func TestBrowserLoginSwitchLanguageLogout(t *testing.T) {
	base, _ := demoStack(t)
	ctx := chromium(t)
	text := func(sel chromedp.CSS) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return v
	}
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	liperi := chromedp.Search(`//button[contains(., "Liperi")]`)
	worker := chromedp.CSS(`button[name=subject][value="liperi-worker"]`)

	step("open the login page", chromedp.Navigate(base+"/"), chromedp.WaitVisible(liperi))
	screenshot(t, ctx, "login.png")
	step("pick Liperi", chromedp.Click(liperi), chromedp.WaitVisible(worker))
	screenshot(t, ctx, "provider.png")
	step("log in as the partner worker", chromedp.Click(worker), chromedp.WaitVisible(chromedp.CSS("#home-org")))
	if org, roles := text("#home-org"), text("#home-roles"); org != "Liperi" || roles != "Kumppanikunnan työntekijä" {
		t.Fatalf("home shows organisation %q and roles %q", org, roles)
	}
	step("switch to English", chromedp.Click(chromedp.CSS(`button[name=lang][value=en]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[starts-with(., "Hello")]`)))
	if roles := text("#home-roles"); roles != "Partner-municipality worker" {
		t.Fatalf("in English the roles read %q", roles)
	}
	screenshot(t, ctx, "home.png")
	step("log out", chromedp.Click(chromedp.CSS("#logout")),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "logged out")]`)))
	if main := text("main"); !strings.Contains(main, "Your session has ended") {
		t.Fatalf("after logout: %q", main)
	}
	step("come back", chromedp.Navigate(base+"/admin/users"))
	location, _ := chromedp.Run(ctx, chromedp.Location())
	if strings.HasPrefix(location, base+"/admin") {
		t.Fatalf("after logout the admin page still answered at %s", location)
	}
}

// screenshot saves the page when NEUVO_SCREENSHOTS names a folder, so a
// person can look at what the test saw.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("NEUVO_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join(dir, name), png, 0o644)
}

package server

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/xuri/excelize/v2"
	"neuvo/cases"
)

// shownTable is a protected table as the page shows it: its caption, and
// for each body row its heading and cell texts.
type shownTable struct {
	Caption    string     `json:"caption"`
	Rows       [][]string `json:"rows"`
	Suppressed string     `json:"suppressed"` // the heading of a row whose charted (first) cell is suppressed
}

// readSuppressedChart finds the first chart with a marked gap and returns
// its table as the page shows it.
const readSuppressedChart = `(() => {
	for (const fig of document.querySelectorAll("figure.stats-table")) {
		const gap = fig.querySelector("svg g.suppressed text.marker");
		const table = fig.querySelector("table");
		if (!gap || gap.textContent !== ".." || !table) continue;
		const rows = [...table.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()));
		const hidden = [...table.tBodies[0].rows].find(r => !r.classList.contains("total") && r.cells[1].classList.contains("suppressed"));
		return {caption: table.caption.textContent.trim(), rows, suppressed: hidden ? hidden.cells[0].textContent.trim() : ""};
	}
	return {caption: "", rows: [], suppressed: ""};
})()`

// TestBrowserManagerReportsAProjectPeriod is issue 10's journey in
// headless Chromium: a hub manager opens the statistics from the menu,
// picks a period of whole months, sees a chart with a suppressed cell
// marked, downloads the XLSX, and the file holds the marker in that cell,
// not a number, and every other figure as the page showed it.
func TestBrowserManagerReportsAProjectPeriod(t *testing.T) {
	h := newHarness(t)
	year := time.Now().In(cases.Finland).Year()
	h.seedStats(year, 500)
	project := "project:" + strconv.FormatInt(h.hubProject("Regional advice"), 10) // 2025-09 .. 2027-08
	ctx := headlessChromium(t)
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	do("log in", chromedp.Navigate(h.base+"/login"), chromedp.Click(chromedp.Search(`//button[contains(., "Org hub")]`)),
		chromedp.Click(chromedp.CSS(`button[name=subject][value="hub-manager"]`)), chromedp.WaitVisible(chromedp.CSS("#home-org")))
	do("open the statistics", chromedp.Click(chromedp.CSS(`nav.main-nav a[href="/stats"]`)), chromedp.WaitVisible(chromedp.CSS("#stats-form")))
	y := strconv.Itoa(year)
	do("pick the project's period", chromedp.SetValue(chromedp.CSS("#period"), project),
		chromedp.Click(chromedp.CSS(`#stats-form button[type=submit]`)))
	// The page before had a report too: wait for the one asked for, from
	// the project's first month to this one, with the project's targets.
	do("see the project's report", chromedp.WaitVisible(chromedp.Search(`//span[@id="stats-period"][contains(., "2025")]`)),
		chromedp.WaitVisible(chromedp.CSS("#stats-targets-title")))
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[shownTable](readSuppressedChart))
	if err != nil {
		t.Fatal(err)
	}
	if shown.Suppressed == "" {
		t.Fatalf("no chart with a marked suppressed cell for the project's period up to %s", y)
	}
	rows := downloadXLSX(t, ctx, do)
	sheet := sheetTable(t, rows, shown.Caption, len(shown.Rows))
	for i, want := range shown.Rows {
		got := sheet[i]
		if len(got) < len(want) {
			t.Fatalf("%s row %d: file %q, page %q", shown.Caption, i, got, want)
		}
		for j := range want {
			if !sameText(want[j], got[j]) {
				t.Errorf("%s row %d col %d: page %q, file %q", shown.Caption, i, j, want[j], got[j])
			}
		}
		if want[0] == shown.Suppressed && got[1] != ".." {
			t.Errorf("the suppressed cell %q holds %q in the file", shown.Suppressed, got[1])
		}
	}
}

func headlessChromium(t *testing.T) context.Context {
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

// downloadXLSX clicks the XLSX link with downloads allowed into a
// temporary folder and reads the file's first sheet.
func downloadXLSX(t *testing.T, ctx context.Context, do func(string, ...chromedp.Action[chromedp.Void])) [][]string {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	do("download the XLSX", chromedp.Click(chromedp.CSS("#export-xlsx")))
	var file string
	for deadline := time.Now().Add(15 * time.Second); file == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if names, _ := filepath.Glob(filepath.Join(dir, "*.xlsx")); len(names) > 0 {
			file = names[0]
		}
	}
	if file == "" {
		t.Fatal("no XLSX downloaded")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows(book.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

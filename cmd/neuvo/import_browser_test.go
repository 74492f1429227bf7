package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestBrowserImportsASpreadsheet walks an import as an adviser would in
// Chromium: upload, the guessed mapping with a default advice point, the
// dry run, the commit, and the progress page until its polling script
// shows the finished import.
func TestBrowserImportsASpreadsheet(t *testing.T) {
	base, d := demoStack(t)
	ctx := chromium(t)
	file := filepath.Join(t.TempDir(), "kavijat.csv")
	if err := os.WriteFile(file, visitLog(3000), 0o644); err != nil {
		t.Fatal(err)
	}
	joensuu := chromedp.Search(`//button[contains(., "Joensuu")]`)
	adviser := chromedp.CSS(`button[name=subject][value="joensuu-adviser"]`)
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.Click(joensuu), chromedp.WaitVisible(adviser),
		chromedp.Click(adviser), chromedp.WaitVisible(chromedp.CSS("#home-org")),
		chromedp.Navigate(base+"/imports"), chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Submit(chromedp.CSS("#import-upload")), chromedp.WaitVisible(chromedp.CSS("#mapping-form")))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("#default_advice_point").selectedIndex = 1`))
	screenshot(t, ctx, "import-map.png")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#check")), chromedp.WaitVisible(chromedp.CSS("#commit"))); err != nil {
		t.Fatalf("dry run: %v", err)
	}
	badRows, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#bad-rows")))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#commit")), chromedp.WaitVisible(chromedp.CSS("#import-progress")),
		chromedp.WaitVisible(chromedp.CSS("#import-finished"))); err != nil {
		screenshot(t, ctx, "import-failed.png")
		t.Fatalf("commit: %v", err)
	}
	finished, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#import-finished")))
	screenshot(t, ctx, "import-done.png")
	if strings.TrimSpace(badRows) != "0" || !strings.Contains(finished, "3") {
		t.Fatalf("dry run bad rows %q, finished %q", badRows, finished)
	}
	var hub int64
	var imported int
	d.Owner.Get(&hub, `SELECT id FROM organisations WHERE kind = 'hub'`)
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.Get(&imported, `SELECT count(*) FROM contacts WHERE import_id IS NOT NULL`)
	})
	if imported != 3000 {
		t.Fatalf("%d imported contacts, want 3000", imported)
	}
}

// visitLog is a spreadsheet export as a Finnish advice point keeps it.
func visitLog(rows int) []byte {
	var b strings.Builder
	b.WriteString("Päivä;Kellonaika;Kesto (min);Kanava;Aiheet\n")
	day := time.Now().In(cases.Finland).AddDate(0, 0, -3).Format("2.1.2006")
	channels := []string{"Puhelin", "Asiointi paikan päällä"}
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, "%s;%d.%02d;%d;%s;Oleskelulupa ja Migri\n", day, 8+i%8, i%60, 5+i%40, channels[i%2])
	}
	return []byte(b.String())
}

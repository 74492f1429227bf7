package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"neuvo/cases"
)

// upload posts a file as the upload form does.
func (h *harness) upload(b *http.Client, name string, content []byte) *http.Response {
	h.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, _ := w.CreateFormFile("file", name)
	part.Write(content)
	w.Close()
	resp, err := b.Post(h.base+"/imports", w.FormDataContentType(), &buf)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

// uploaded posts a file and returns the upload's path, /imports/<id>.
func (h *harness) uploaded(b *http.Client, name string, content []byte) string {
	h.t.Helper()
	resp := h.upload(b, name, content)
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/imports/[0-9a-f]{32}$`).MatchString(loc) {
		h.t.Fatalf("upload %s: %d to %q", name, resp.StatusCode, loc)
	}
	return loc
}

// waitImport polls the JSON status until the job has finished.
func (h *harness) waitImport(b *http.Client, path string) importProgress {
	h.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		resp := h.get(b, path+"/status")
		var p importProgress
		json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if p.State != "running" {
			return p
		}
		time.Sleep(50 * time.Millisecond)
	}
	h.t.Fatal("the import did not finish")
	return importProgress{}
}

// importLog is a visit log dated yesterday, with Finnish column names
// that the mapping form recognises by itself.
func importLog(rows ...string) []byte {
	day := time.Now().In(cases.Finland).AddDate(0, 0, -1).Format("2.1.2006")
	out := "Päivä;Kellonaika;Kesto (min);Kanava;Aiheet;Huomio\n"
	for _, r := range rows {
		out += strings.ReplaceAll(r, "DAY", day) + "\n"
	}
	return []byte(out)
}

// importMapping is the mapping form as posted for importLog.
func importMapping(point int64) url.Values {
	return url.Values{"col": {"date", "time", "duration_min", "channel", "topics", ""},
		"default_advice_point": {idString(point)}}
}

func TestImportChecksCommitsAndRefusesTheSameFileTwice(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	mustContain(t, body(t, h.get(b, "/contacts")), `href="/imports"`)
	file := importLog("DAY;9.15;20;Puhelin;Lupahakemus;ignored", "DAY;10:30;15;walk_in;\"permits; Money, taxes and banking\";")
	path := h.uploaded(b, "käynnit.csv", file)

	page := body(t, h.get(b, path))
	mustContain(t, page, "käynnit.csv", `<option value="date" selected>`, `<option value="time" selected>`,
		`<option value="duration_min" selected>`, `<option value="channel" selected>`, `<option value="topics" selected>`)
	form := importMapping(point)
	form.Set("mapping_name", "Desk log")
	resp := h.post(b, path+"/check", form)
	page = body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("check: %d %s", resp.StatusCode, page)
	}
	mustContain(t, page, `<dd id="bad-rows">0</dd>`, `id="commit"`, "Tuo 2 asiointia", "Desk log")
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("the dry run saved %d contacts", n)
	}

	resp = h.post(b, path+"/commit", url.Values{})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"/progress" {
		t.Fatalf("commit: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if p := h.waitImport(b, path); p.State != "done" || p.Done != 2 || p.Total != 2 {
		t.Fatalf("import ended as %+v", p)
	}
	mustContain(t, body(t, h.get(b, path+"/progress")), "Valmis: 2 asiointia tuotu.")
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts c JOIN imports i ON i.id = c.import_id
		WHERE c.adviser_id = $1 AND c.advice_point_id = $2 AND i.rows_imported = 2`, h.users["hub-adviser"], point); n != 2 {
		t.Errorf("%d imported contacts, want 2", n)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE topics = '{permits,money}' AND channel = 'walk_in'`); n != 1 {
		t.Error("labels and codes were not translated")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'contact.import'`); n != 1 {
		t.Errorf("%d import audit events, want 1", n)
	}

	resp = h.upload(b, "same-again.csv", file)
	page = body(t, resp)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, `id="import-duplicate"`) {
		t.Fatalf("the same file again: %d", resp.StatusCode)
	}
	mustContain(t, body(t, h.get(b, "/imports")), "käynnit.csv")

	// The saved mapping fits next month's file, whose columns moved.
	next := []byte("Kanava;Päivä;Kellonaika;Kesto (min);Aiheet\nchat;" +
		time.Now().In(cases.Finland).AddDate(0, 0, -2).Format("2006-01-02") + ";8.00;5;permits\n")
	path = h.uploaded(b, "next.csv", next)
	var mapping int64
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&mapping, `SELECT id FROM import_mappings WHERE name = 'Desk log'`)
	})
	page = body(t, h.get(b, path+"?mapping="+idString(mapping)))
	mustContain(t, page, `<option value="`+idString(point)+`" selected>`, `value="Desk log"`)
	first, second, third := strings.Index(page, `id="col-0"`), strings.Index(page, `id="col-1"`), strings.Index(page, `id="col-2"`)
	if first < 0 || second < first || third < second || !strings.Contains(page[first:second], `value="channel" selected`) ||
		!strings.Contains(page[second:third], `value="date" selected`) {
		t.Error("the saved mapping was not applied by column name")
	}
}

func TestImportDryRunListsRowErrorsAndCommitsNothing(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	future := time.Now().In(cases.Finland).AddDate(0, 0, 3).Format("2.1.2006")
	path := h.uploaded(b, "bad.csv", importLog("DAY;9.15;20;phone;permits;", future+";9.15;20;phone;permits;",
		"DAY;9.15;20;pigeon;permits;"))
	resp := h.post(b, path+"/check", importMapping(point))
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("check: %d", resp.StatusCode)
	}
	mustContain(t, page, `<dd id="bad-rows">2</dd>`,
		"<tr><td>3</td><td>Päivä, Kellonaika</td><td>Päivä ei voi olla tämän päivän jälkeen.</td></tr>",
		"<tr><td>4</td><td>Kanava</td><td>Tuntematon tai käytöstä poistettu arvo.</td></tr>")
	if strings.Contains(page, `id="commit"`) {
		t.Error("a file with errors offers to import")
	}
	resp = h.post(b, path+"/commit", url.Values{})
	resp.Body.Close()
	if resp.Header.Get("Location") != path {
		t.Errorf("commit without a clean check went to %q", resp.Header.Get("Location"))
	}
	if n := h.count(h.orgs["hub"], `SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM imports)`); n != 0 {
		t.Fatalf("a file with bad rows wrote %d rows", n)
	}

	resp = h.post(b, path+"/check", url.Values{"col": {"", "", "", "", "", "note"}})
	mustContain(t, body(t, resp), `id="mapping-errors"`, "Aiheet: Tämä kenttä on pakollinen.")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a mapping without required fields: %d", resp.StatusCode)
	}
}

func TestImportReadsXLSXUploads(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Info desk")
	b := h.login("hub", "hub-adviser")
	book := excelize.NewFile()
	sheet := book.GetSheetName(0)
	book.SetSheetRow(sheet, "A1", &[]any{"Date and time", "Duration (min)", "Channel", "Topics", "Advice point"})
	book.SetSheetRow(sheet, "A2", &[]any{time.Now().AddDate(0, 0, -1), 30, "Telefon", "Ansökan om tillstånd", "info DESK"})
	var buf bytes.Buffer
	if err := book.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := h.uploaded(b, "log.xlsx", buf.Bytes())
	form := url.Values{"col": {"started_at", "duration_min", "channel", "topics", "advice_point"}}
	mustContain(t, body(t, h.post(b, path+"/check", form)), `<dd id="bad-rows">0</dd>`)
	h.post(b, path+"/commit", url.Values{}).Body.Close()
	if p := h.waitImport(b, path); p.State != "done" {
		t.Fatalf("xlsx import: %+v", p)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE advice_point_id = $1 AND channel = 'phone'
		AND topics = '{permit_application}' AND duration_min = 30`, point); n != 1 {
		t.Error("the xlsx row was not imported as written")
	}
}

func TestImportIsInvisibleToOtherOrganisations(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	path := h.uploaded(b, "log.csv", importLog("DAY;9.15;20;phone;permits;"))
	h.post(b, path+"/check", importMapping(point)).Body.Close()
	h.post(b, path+"/commit", url.Values{}).Body.Close()
	h.waitImport(b, path)

	other := h.login("partner", "partner-adviser")
	for _, p := range []string{path, path + "/progress", path + "/status"} {
		if resp := h.get(other, p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s from another organisation: %d", p, resp.StatusCode)
		}
	}
	for _, p := range []string{path + "/check", path + "/commit"} {
		if resp := h.post(other, p, importMapping(point)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s from another organisation: %d", p, resp.StatusCode)
		}
	}
	if page := body(t, h.get(other, "/imports")); strings.Contains(page, "log.csv") {
		t.Error("another organisation sees the import in its list")
	}
}

func TestImportRefusesWhatIsNotASpreadsheet(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	resp := h.upload(b, "photo.xlsx", []byte("PK\x03\x04 not really a workbook"))
	mustContain(t, body(t, resp), "Tiedostoa ei voi lukea.")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a broken workbook: %d", resp.StatusCode)
	}
	if resp := h.upload(b, "empty.csv", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an empty upload: %d", resp.StatusCode)
	}
}

// TestImportFiftyThousandRows imports a generated 50,000-row file through
// the web pages, as an adviser would, and reports how long it took.
func TestImportFiftyThousandRows(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	var file bytes.Buffer
	file.WriteString("Päivä;Kellonaika;Kesto (min);Kanava;Aiheet;Huomio\n")
	channels := []string{"walk_in", "Puhelin", "chat", "E-mail"}
	start := time.Now().In(cases.Finland).AddDate(0, 0, -400)
	for i := 0; i < 50_000; i++ {
		day := start.Add(time.Duration(i) * 10 * time.Minute)
		fmt.Fprintf(&file, "%s;%s;%d;%s;permits;visit %d\n", day.Format("2.1.2006"), day.Format("15.04"),
			5+i%60, channels[i%len(channels)], i)
	}
	began := time.Now()
	path := h.uploaded(b, "big.csv", file.Bytes())
	uploaded := time.Now()
	resp := h.post(b, path+"/check", importMapping(point))
	mustContain(t, body(t, resp), `<dd id="bad-rows">0</dd>`, "Tuo 50000 asiointia")
	checked := time.Now()
	h.post(b, path+"/commit", url.Values{}).Body.Close()
	if page := body(t, h.get(b, path+"/progress")); !strings.Contains(page, "Valmis") {
		mustContain(t, page, `<progress id="import-bar" max="50000"`, `<noscript><meta http-equiv="refresh" content="2"></noscript>`)
	}
	var seen []int
	for {
		resp := h.get(b, path+"/status")
		var p importProgress
		json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if p.State != "running" {
			break
		}
		if len(seen) == 0 || seen[len(seen)-1] != p.Done {
			seen = append(seen, p.Done)
		}
		time.Sleep(20 * time.Millisecond)
	}
	p := h.waitImport(b, path)
	committed := time.Now()
	t.Logf("progress seen while running: %v", seen)
	if len(seen) == 0 {
		t.Error("the status never showed the import running")
	}
	if p.State != "done" || p.Done != 50_000 {
		t.Fatalf("import ended as %+v", p)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 50_000 {
		t.Fatalf("%d contacts, want 50000", n)
	}
	t.Logf("50,000 rows (%.1f MB): upload %v, dry run %v, commit %v", float64(file.Len())/1e6,
		uploaded.Sub(began).Round(time.Millisecond), checked.Sub(uploaded).Round(time.Millisecond),
		committed.Sub(checked).Round(time.Millisecond))
	h.server.imports.mu.Lock()
	leftover := h.server.imports.uploads[strings.TrimPrefix(path, "/imports/")].path
	h.server.imports.mu.Unlock()
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("the uploaded file was kept after the import: %v", err)
	}
}

// matrixUpload registers an upload of the matrix's adviser, so that the
// authorization matrix reaches the import handlers.
func (h *harness) matrixUpload() string {
	h.t.Helper()
	u, err := h.server.saveFile(bytes.NewReader(importLog("DAY;9.15;20;phone;permits;")), "matrix.csv")
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { os.Remove(u.path) })
	u.orgID, u.userID = h.orgs["hub"], h.users["hub-adviser"]
	return "/imports/" + h.server.imports.add(u, time.Now())
}

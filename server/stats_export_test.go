package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"neuvo/cases"
)

func download(t *testing.T, h *harness, b *http.Client, path string) (*http.Response, []byte) {
	t.Helper()
	resp := h.get(b, path)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d\n%s", path, resp.StatusCode, data)
	}
	return resp, data
}

func TestStatsXLSXHoldsWhatThePageShowsAndIsAudited(t *testing.T) {
	h := newHarness(t)
	h.withFixedStats()
	b := h.login("hub", "hub-manager")
	before := h.auditCount(h.orgs["hub"], "stats.export")
	resp, data := download(t, h, b, "/stats/export.xlsx?period=2026")
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="neuvo-network-2026-01-2026-12.xlsx"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, _ := book.GetRows(book.GetSheetList()[0])
	got := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 {
			got[r[0]] = r
		}
	}
	// The page's cells, the same order: phone suppressed, the formula
	// label neutralised, walk-in a number, the suppressed total the marker.
	for label, want := range map[string]string{"Phone": "..", `'=HYPERLINK("http://evil")`: "17", "Walk-in": "40", "Total": "..", "2/2026": "0", "3/2026": ".."} {
		if r := got[label]; len(r) < 2 || r[1] != want {
			t.Errorf("%s: %q, want %q", label, r, want)
		}
	}
	if _, ok := got["Topic by language"]; !ok {
		t.Error("withheld table not listed")
	}
	if _, ok := got[".. = luottamuksellinen: alle 5 yksikköä, tai piilotettu, jotta tällaista lukua ei voi laskea muista luvuista."]; !ok {
		t.Error("no legend row")
	}
	if after := h.auditCount(h.orgs["hub"], "stats.export"); after != before+1 {
		t.Fatalf("audit events %d → %d", before, after)
	}
	var details string
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&details, `SELECT details::text FROM audit_events WHERE action = 'stats.export' ORDER BY id DESC LIMIT 1`)
	})
	for _, want := range []string{`"format": "xlsx"`, `"from": "2026-01"`, `"to": "2026-12"`, `"scope": "network:`} {
		if !strings.Contains(details, want) {
			t.Errorf("audit details %s lack %s", details, want)
		}
	}
}

func TestStatsFinnishCSVExport(t *testing.T) {
	h := newHarness(t)
	h.withFixedStats()
	b := h.login("hub", "hub-manager")
	resp, data := download(t, h, b, "/stats/export.csv?period=2026&excel=fi")
	if !bytes.HasPrefix(data, []byte("\ufeff")) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("no BOM or type %q", resp.Header.Get("Content-Type"))
	}
	text := string(data)
	for _, want := range []string{"Phone;..\n", "Walk-in;40\n", `"'=HYPERLINK(""http://evil"")";17` + "\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("CSV lacks %q:\n%s", want, text)
		}
	}
	_, plain := download(t, h, b, "/stats/export.csv?period=2026")
	if bytes.HasPrefix(plain, []byte("\ufeff")) || !strings.Contains(string(plain), "Walk-in,40\n") {
		t.Errorf("plain CSV:\n%s", plain)
	}
	if n := h.auditCount(h.orgs["hub"], "stats.export"); n != 2 {
		t.Errorf("%d audit events for two exports", n)
	}
}

func TestStatsAPIReturnsProtectedTables(t *testing.T) {
	h := newHarness(t)
	f := h.withFixedStats()
	b := h.login("hub", "hub-manager")
	scope := "network:" + idString(h.orgs["hub"])
	got := h.api(apiCall{method: "GET", path: "/api/v1/stats?scope=" + scope + "&from=2026-01&to=2026-06&filter=channel:phone&lang=en", browser: b})
	if got.status != http.StatusOK {
		t.Fatalf("%d %s", got.status, got.body)
	}
	if req := f.last(t); req.Filter.Dim != "channel" || req.Filter.Code != "phone" || req.Lang != "en" {
		t.Fatalf("asked %+v", req)
	}
	var doc struct {
		Scope, From, To, Filter, Marker string
		K                               int
		Tables                          []struct {
			ID    string
			Rows  []struct{ Code, Label string }
			Cells [][]map[string]any
		}
		Withheld []string
	}
	if err := json.Unmarshal(got.body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Scope != scope || doc.From != "2026-01" || doc.To != "2026-06" || doc.Filter != "channel:phone" || doc.K != 5 || doc.Marker != ".." {
		t.Fatalf("head %+v", doc)
	}
	phone := doc.Tables[0].Cells[0][0]
	if _, has := phone["value"]; has || phone["suppressed"] != true {
		t.Fatalf("suppressed cell %v", phone)
	}
	if zero := doc.Tables[1].Cells[1][0]; zero["value"] != 0.0 {
		t.Fatalf("zero cell %v", zero)
	}
	if strings.Contains(string(got.body), `"value":3`) {
		t.Fatal("a suppressed value in the document")
	}
	for _, c := range []struct{ query, field string }{
		{"from=2026-1&to=2026-06", "from"},
		{"from=2026-07&to=2026-06", "to"},
		{"period=2026&filter=colour:red", "filter"},
		{"period=2026&lang=de", "lang"},
		{"period=2026&scope=net", "scope"},
	} {
		bad := h.api(apiCall{method: "GET", path: "/api/v1/stats?" + c.query, browser: b})
		var p problem
		json.Unmarshal(bad.body, &p)
		if bad.status != http.StatusUnprocessableEntity || len(p.Errors) == 0 || p.Errors[0].Field != c.field ||
			bad.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s", c.query, bad.status, bad.body)
		}
	}
	if other := h.api(apiCall{method: "GET", path: "/api/v1/stats?scope=network:" + idString(h.orgs["other"]), browser: b}); other.status != http.StatusNotFound {
		t.Errorf("another network: %d", other.status)
	}
}

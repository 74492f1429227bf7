package server

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// seedStats gives the hub a year of skewed contacts and computes the
// protected patterns, as the refresh job would.
func (h *harness) seedStats(year, contacts int) {
	h.t.Helper()
	ctx := context.Background()
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		if _, err := tx.Exec(`INSERT INTO advice_points (org_id, name, kind) VALUES (app_org_id(), 'Office', 'office'),
			(app_org_id(), 'Library desk', 'info_desk')`); err != nil {
			return err
		}
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		return stats.Seed{Contacts: contacts, Year: year, UnknownShare: 0.25, Clients: contacts / 4, Seed: 7, Days: 59}.
			Run(ctx, tx, tax, []string{"167", "426", "167", "unknown", "276"})
	})
	start := time.Now()
	changed, err := stats.RefreshRollups(ctx, h.db.Service)
	if err != nil {
		h.t.Fatal(err)
	}
	for ny := range changed {
		if err := stats.RecomputeNetworkYear(ctx, h.db.Service, ny[0], int(ny[1])); err != nil {
			h.t.Fatal(err)
		}
	}
	h.t.Logf("rollups and patterns of %d contacts in %v", contacts, time.Since(start))
}

var (
	captionPattern = regexp.MustCompile(`<caption id="table-([^"]+)-caption">([^<]*)</caption>`)
	rowPattern     = regexp.MustCompile(`<tr[^>]*><th scope="row">([^<]*)</th>(.*?)</tr>`)
	cellPattern    = regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)
)

// pageTables reads every table of a report page: caption → rows of
// heading and cell texts.
func pageTables(page string) map[string][][]string {
	out := map[string][][]string{}
	parts := captionPattern.FindAllStringSubmatchIndex(page, -1)
	for i, m := range parts {
		end := len(page)
		if i+1 < len(parts) {
			end = parts[i+1][0]
		}
		caption := unescape(page[m[4]:m[5]])
		for _, r := range rowPattern.FindAllStringSubmatch(page[m[1]:end], -1) {
			row := []string{unescape(r[1])}
			for _, c := range cellPattern.FindAllStringSubmatch(r[2], -1) {
				row = append(row, unescape(c[1]))
			}
			out[caption] = append(out[caption], row)
		}
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(s)
}

// The real core behind the page: a year of the hub's contacts, where
// some cells are suppressed; the XLSX holds every table the page shows,
// cell for cell, with the marker where the page has it.
func TestStatsFromStoredPatternsExportsWhatThePageShows(t *testing.T) {
	h := newHarness(t)
	year := time.Now().Year() - 1
	h.seedStats(year, 500)
	b := h.login("hub", "hub-manager")
	query := "period=" + strconv.Itoa(year)
	resp := h.get(b, "/stats?"+query)
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d\n%s", resp.StatusCode, page)
	}
	tables := pageTables(page)
	if len(tables) < 3 || !strings.Contains(page, `class="suppressed"`) || !strings.Contains(page, `<g class="suppressed">`) {
		t.Fatalf("%d tables, a suppressed cell %v, a marked gap %v", len(tables), strings.Contains(page, `class="suppressed"`), strings.Contains(page, `<g class="suppressed">`))
	}
	_, data := download(t, h, b, "/stats/export.xlsx?"+query)
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, _ := book.GetRows(book.GetSheetList()[0], excelize.Options{RawCellValue: true})
	suppressed := 0
	for caption, want := range tables {
		got := sheetTable(t, rows, caption, len(want))
		for i := range want {
			for j := range want[i] {
				if j >= len(got[i]) || !sameText(want[i][j], got[i][j]) {
					t.Fatalf("%s row %d col %d: page %q, file %q", caption, i, j, want[i][j], got[i])
				}
				if want[i][j] == stats.Marker {
					suppressed++
				}
			}
		}
	}
	if suppressed == 0 {
		t.Fatal("no suppressed cell compared")
	}
}

func sheetTable(t *testing.T, rows [][]string, title string, n int) [][]string {
	t.Helper()
	for i, r := range rows {
		if len(r) == 1 && r[0] == title && i+2+n <= len(rows) {
			return rows[i+2 : i+2+n]
		}
	}
	t.Fatalf("no table %q in the file", title)
	return nil
}

// sameText: the file has a decimal point where the Finnish page has a
// comma (and 3 for a shown 3,0), and an apostrophe before a label that
// could read as a formula.
func sameText(page, file string) bool {
	if page == file || "'"+page == file {
		return true
	}
	a, errA := strconv.ParseFloat(strings.Replace(page, ",", ".", 1), 64)
	b, errB := strconv.ParseFloat(file, 64)
	return errA == nil && errB == nil && a == b
}

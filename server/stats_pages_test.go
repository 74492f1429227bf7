package server

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"neuvo/cases/stats"
)

func TestStatsPageShowsTablesChartsAndTheLegend(t *testing.T) {
	h := newHarness(t)
	f := h.withFixedStats()
	b := h.login("hub", "hub-manager")
	resp := h.get(b, "/stats?period=2026-Q2&scope=network:"+idString(h.orgs["hub"]))
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d\n%s", resp.StatusCode, page)
	}
	req := f.last(t)
	if req.From != (stats.Month{Year: 2026, Month: time.April}) || req.To != (stats.Month{Year: 2026, Month: time.June}) ||
		req.Scope.Kind != stats.ScopeNetwork || req.Lang != "fi" {
		t.Fatalf("asked %+v", req)
	}
	mustContain(t, page,
		`<caption id="table-channel-caption">Contacts by channel</caption>`,
		`role="img" aria-labelledby="table-channel-caption"`,
		`<th scope="row">Phone</th><td class="suppressed" title="luottamuksellinen">..</td>`,
		`<th scope="col">Contacts</th>`,
		`.. = luottamuksellinen: alle 5 yksikköä`,
		`Topic by language: suojausta ei ole vielä laskettu`,
		`Luvut 30.11.2026 05:00 tilanteen mukaan`,
		`<option value="2026-Q2" selected>`,
		`href="/stats/export.xlsx?from=2026-04&amp;period=2026-Q2&amp;scope=network%3A`,
		`<h2>Asioinnit</h2>`)
	if strings.Contains(page, ">3<") {
		t.Error("the suppressed value 3 is on the page")
	}
	if n := strings.Count(page, `class="stats-legend"`); n != 3 { // the report's and one beside each table
		t.Errorf("%d legends", n)
	}
}

func TestStatsFormErrorsAreFieldMessagesAndKeepTheTyping(t *testing.T) {
	h := newHarness(t)
	f := h.withFixedStats()
	b := h.login("hub", "hub-manager")
	cases := []struct {
		query, want, kept string
	}{
		{"period=range&from=2026-13&to=2026-12", "Anna kuukausi muodossa VVVV-KK.", `value="2026-13"`},
		{"period=range&from=2026-05&to=2026-02", "Viimeinen kuukausi ei voi olla ennen ensimmäistä.", `value="2026-05"`},
		{"period=2026-Q9", "Valitse kokonaisia kuukausia", ""},
		{"period=2026&filter=channel:", "Valitse rajaus listasta.", ""},
		{"period=2026&scope=everything", "Valitse kattavuus listasta.", ""},
	}
	for _, c := range cases {
		resp := h.get(b, "/stats?"+c.query)
		page := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, c.want) || !strings.Contains(page, c.kept) {
			t.Errorf("%s: %d, message %v, kept %v", c.query, resp.StatusCode, strings.Contains(page, c.want), strings.Contains(page, c.kept))
		}
	}
	f.loadErr = stats.ErrPeriod
	resp := h.get(b, "/stats?period=range&from=1990-01&to=1990-02")
	page := body(t, resp)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, `id="period-error">Valitse kokonaisia kuukausia`) {
		t.Fatalf("ErrPeriod: %d", resp.StatusCode)
	}
	// An export with bad input shows the builder, not a file.
	resp = h.get(b, "/stats/export.xlsx?period=range&from=x&to=2026-01")
	if page := body(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Anna kuukausi") {
		t.Fatalf("export with a bad month: %d", resp.StatusCode)
	}
}

func TestStatsScopeNotVisibleIsNotFound(t *testing.T) {
	h := newHarness(t)
	f := h.withFixedStats()
	b := h.login("hub", "hub-manager")
	for _, path := range []string{"/stats?scope=network:" + idString(h.orgs["other"]), "/stats/export.csv?scope=org:" + idString(h.orgs["other"])} {
		if resp := h.get(b, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	f.loadErr = stats.ErrScope
	if resp := h.get(b, "/stats"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("ErrScope: %d", resp.StatusCode)
	}
	if got := h.api(apiCall{method: "GET", path: "/api/v1/stats", browser: b}); got.status != http.StatusNotFound {
		t.Errorf("API ErrScope: %d", got.status)
	}
}

func TestStatsPrintPageHasTheRuleAndIsAudited(t *testing.T) {
	h := newHarness(t)
	h.withFixedStats()
	b := h.login("hub", "hub-manager")
	before := h.auditCount(h.orgs["hub"], "stats.export")
	resp := h.get(b, "/stats/print?period=2026")
	page := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	mustContain(t, page, `class="stats-print"`, "Org hub", "Network hub", "tammikuu 2026 – joulukuu 2026",
		"Kynnys k = 5", `role="img"`)
	if after := h.auditCount(h.orgs["hub"], "stats.export"); after != before+1 {
		t.Fatalf("audit events %d → %d", before, after)
	}
}

// A project's period arrives as a preset of its own; a period the list
// does not offer stays selected; the filter is named on the page and in
// the export's header block.
func TestStatsPresetsAndFilterAreNamed(t *testing.T) {
	h := newHarness(t)
	f := h.withFixedStats()
	b := h.login("hub", "hub-manager")
	page := body(t, h.get(b, "/stats?period=2025-Q3&filter=channel:phone"))
	if req := f.last(t); req.From != (stats.Month{Year: 2025, Month: time.July}) || req.To != (stats.Month{Year: 2025, Month: time.September}) ||
		req.Filter != (stats.Filter{Dim: "channel", Code: "phone"}) {
		t.Fatalf("asked %+v", req)
	}
	mustContain(t, page, `<option value="2025-Q3" selected>heinäkuu 2025 – syyskuu 2025</option>`,
		`<span id="stats-filter">Asiointikanava: Puhelin</span>`, `<option value="channel:phone" selected>Puhelin</option>`,
		`value="2025-07"`, `value="2025-09"`)
	_, data := download(t, h, b, "/stats/export.csv?period=2025-Q3&filter=channel:phone")
	if !strings.Contains(string(data), "Rajaus,Asiointikanava: Puhelin\n") {
		t.Fatalf("export header:\n%s", data)
	}
}

package server

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"time"

	"neuvo/cases/stats"
	"neuvo/frontend"
)

// renderPartial executes one of the stats partials as the report page
// would include it.
func renderPartial(t *testing.T, name string, data any) string {
	t.Helper()
	tpl, err := template.New(name).Funcs(template.FuncMap{
		"t": func(l frontend.Lang, key string, args ...any) string { return l.T(key, args...) },
	}).ParseFiles("../frontend/templates/partials/" + name + ".html")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, name, data); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func cellsOf(t *testing.T, html, rowHead string) []string {
	t.Helper()
	i := strings.Index(html, rowHead)
	if i < 0 {
		t.Fatalf("no row %q in %s", rowHead, html)
	}
	row := html[i : strings.Index(html[i:], "</tr>")+i]
	var out []string
	for _, part := range strings.Split(row, "<td>")[1:] {
		out = append(out, strings.TrimSpace(part[:strings.Index(part, "</td>")]))
	}
	return out
}

func TestTargetsPartialShowsTheMarkerForEverythingDerivedFromASuppressedCell(t *testing.T) {
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	p := stats.Project{From: stats.Month{Year: 2026, Month: time.January}, To: stats.Month{Year: 2026, Month: time.December}}
	targets := []stats.Target{{Measure: "contacts", Value: 1200}, {Measure: "contacts", OrgID: 7, Value: 100}}
	rows := stats.ProjectProgress(p, targets, func(_ string, org int64) stats.Cell {
		if org == 7 {
			return stats.Cell{Kind: stats.Count}
		}
		return stats.Cell{Value: 600, Shown: true, Kind: stats.Count}
	}, time.Date(2026, time.July, 1, 0, 0, 0, 0, time.FixedZone("EEST", 3*3600)))
	html := renderPartial(t, "stats_targets", newStatsTargets(render.Lang("fi"), rows, map[int64]string{7: "Liperi"}))
	mustContain(t, html, "Tavoitteet ja toteuma", "Hankekaudesta kulunut 6,0 / 12 kuukautta.")
	if got := strings.Join(cellsOf(t, html, "Asioinnit</th>"), "|"); got != "1200|600|600|50,0 %|100,0 %|1200" {
		t.Errorf("overall row %q", got)
	}
	if got := strings.Join(cellsOf(t, html, "Asioinnit – Liperi</th>"), "|"); got != "100|50|..|..|..|.." {
		t.Errorf("suppressed row %q", got)
	}
}

func TestCostsPartialSplitsThePartnersShare(t *testing.T) {
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	in := stats.CostInput{PartnersShare: 30, Budget: 100000, HasBudget: true, Partners: []stats.CostPartner{
		{OrgID: 1, Name: "Liperi", Key: 750, Contacts: stats.Cell{Value: 30, Shown: true}, Consultations: stats.Cell{},
			Requests: stats.Cell{Value: 0, Shown: true}},
		{OrgID: 2, Name: "Outokumpu", Key: 250, Contacts: stats.Cell{Value: 10, Shown: true}, Consultations: stats.Cell{Value: 6, Shown: true},
			Requests: stats.Cell{Value: 5, Shown: true}},
	}}
	html := renderPartial(t, "stats_costs", newStatsCosts(render.Lang("en"), 2026, in))
	mustContain(t, html, "cost shares 2026", "pay 30 % of the budget")
	if got := strings.Join(cellsOf(t, html, "Liperi</th>"), "|"); got != "750|22.5 %|22500|30|75.0 %|..|..|0|0.0 %" {
		t.Errorf("Liperi %q", got)
	}
	if got := strings.Join(cellsOf(t, html, "Total</th>"), "|"); got != "1000|30.0 %|30000|40|100.0 %|..|..|5|100.0 %" {
		t.Errorf("total %q", got)
	}
}

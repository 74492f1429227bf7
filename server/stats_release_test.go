package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// A manager releases the report on the page; the release reads back the
// same tables, is listed on the report, is audited, and a missing title
// is a field error that writes nothing.
func TestAManagerReleasesAReportAndReadsItBack(t *testing.T) {
	h := newHarness(t)
	year := time.Now().In(cases.Finland).Year()
	h.seedStats(year, 800)
	b := h.login("hub", "hub-manager")
	y := strconv.Itoa(year)
	query := "scope=org:" + strconv.FormatInt(h.orgs["hub"], 10) + "&period=range&from=" + y + "-01&to=" + y + "-02"
	page := body(t, h.get(b, "/stats?"+query))

	resp := h.post(b, "/stats/releases?"+query, url.Values{"title": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body(t, resp), `id="release-title-error"`) {
		t.Fatalf("an empty title: %d", resp.StatusCode)
	}
	resp = h.post(b, "/stats/releases?"+query, url.Values{"title": {"Board report Jan–Feb"}})
	location := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(location, "/stats/releases/") {
		t.Fatalf("release: %d to %q", resp.StatusCode, location)
	}
	released := body(t, h.get(b, location))
	if !strings.Contains(released, "Board report Jan–Feb") {
		t.Fatalf("the release page does not name the release:\n%s", released)
	}
	want, got := pageTables(page), pageTables(released)
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("the release has %d tables, the page %d", len(got), len(want))
	}
	for caption, rows := range want {
		if strings.Join(flatten(got[caption]), "|") != strings.Join(flatten(rows), "|") {
			t.Fatalf("table %q differs in the release", caption)
		}
	}
	if !strings.Contains(body(t, h.get(b, "/stats?"+query)), "Board report Jan–Feb") {
		t.Fatal("the report does not list its release")
	}
	var stored, audited int
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		tx.Get(&stored, `SELECT count(*) FROM stats_releases`)
		return tx.Get(&audited, `SELECT count(*) FROM audit_events WHERE action = 'stats.release'`)
	})
	if stored != 1 || audited != 1 {
		t.Fatalf("%d releases stored and %d audited, want 1 and 1", stored, audited)
	}
	for _, who := range [][2]string{{"partner", "partner-adviser"}, {"other", "other-adviser"}} {
		if r := h.get(h.login(who[0], who[1]), location); r.StatusCode != http.StatusNotFound {
			t.Fatalf("%s opening the hub's release: %d", who[1], r.StatusCode)
		}
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStatsSettingsKeepKStaffingAndKeyFigures(t *testing.T) {
	h := newHarness(t)
	year := strconv.Itoa(time.Now().Year())
	partner := h.login("partner", "partner-admin")
	mustContain(t, body(t, h.get(partner, "/admin/stats-settings")), `name="k" value="5"`, `name="fte_`+year+`"`)

	for _, k := range []string{"0", "2", "51"} {
		page := body(t, expectStatus(t, h.post(partner, "/admin/stats-settings", url.Values{"k": {k}}), http.StatusUnprocessableEntity))
		mustContain(t, page, "Anna k väliltä 3–50.", `name="k" value="`+k+`"`)
	}
	expectStatus(t, h.post(partner, "/admin/stats-settings", url.Values{"k": {"7"}}), http.StatusSeeOther).Body.Close()
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM stats_settings WHERE org_id = app_org_id() AND k = 7`); n != 1 {
		t.Error("k = 7 was not stored")
	}

	page := body(t, expectStatus(t, h.post(partner, "/admin/stats-settings/staffing", url.Values{"fte_" + year: {"kaksi"}}),
		http.StatusUnprocessableEntity))
	mustContain(t, page, "Anna luku, esimerkiksi 2,5.", `value="kaksi"`)
	expectStatus(t, h.post(partner, "/admin/stats-settings/staffing", url.Values{"fte_" + year: {"2,5"}}), http.StatusSeeOther).Body.Close()
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM stats_staffing WHERE org_id = app_org_id() AND fte = 2.5 AND year = $1`, year); n != 1 {
		t.Error("2,5 FTE was not stored")
	}
	mustContain(t, body(t, h.get(partner, "/admin/stats-settings")), `value="2,5"`)
	if resp := h.post(partner, "/admin/stats-settings/key-figures", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a partner's admin posts key figures: %d", resp.StatusCode)
	}

	hub := h.login("hub", "hub-admin")
	field := "key_" + idString(h.orgs["partner"]) + "_" + year
	page = body(t, h.get(hub, "/admin/stats-settings"))
	mustContain(t, page, `name="`+field+`"`, `id="keys-form"`)
	page = body(t, expectStatus(t, h.post(hub, "/admin/stats-settings/key-figures", url.Values{field: {"-3"}}), http.StatusUnprocessableEntity))
	mustContain(t, page, "Anna avainluku kokonaislukuna, vähintään 0.", `value="-3"`)
	expectStatus(t, h.post(hub, "/admin/stats-settings/key-figures", url.Values{field: {"1450"}}), http.StatusSeeOther).Body.Close()
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM stats_key_figures WHERE org_id = app_org_id() AND key_figure = 1450`); n != 1 {
		t.Error("the key figure was not stored or the partner cannot read it")
	}
	if n := h.count(h.orgs["other"], `SELECT count(*) FROM stats_key_figures`); n != 0 {
		t.Error("another network reads the key figure")
	}
}

// TestProjectMessagesInEveryLanguage: every key the project and settings
// forms can answer with is translated in fi, sv and en.
func TestProjectMessagesInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	keys := []string{"error.month", "error.project_period_order", "error.project_period_long", "error.project_members",
		"error.project_target", "error.partners_share", "error.budget", "error.decimal", "error.decimals",
		"error.key_figure", "error.fte", "error.threshold", "error.required", "error.choose", "error.taken",
		"error.text", "error.too_long", "error.number"}
	for _, m := range []string{"contacts", "unique_clients", "new_clients", "consultations_held", "support_requests"} {
		keys = append(keys, "project.measure."+m)
	}
	for _, code := range []string{"fi", "sv", "en"} {
		l := h.server.pages.Lang(code)
		for _, k := range keys {
			if got := l.T(k); got == k || strings.TrimSpace(got) == "" {
				t.Errorf("%s lacks %q", code, k)
			}
		}
	}
}

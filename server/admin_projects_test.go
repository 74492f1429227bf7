package server

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// hubProject creates a project of the hub's network with the hub and the
// partner as members.
func (h *harness) hubProject(name string) int64 {
	h.t.Helper()
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		org, err := cases.GetOrganisation(context.Background(), tx, h.orgs["hub"])
		if err != nil {
			return err
		}
		id, err = stats.CreateProject(context.Background(), tx, cases.Roles{cases.RoleAdmin}, org, stats.ProjectInput{
			Name: name, Funder: "ELY", From: "2025-09", To: "2027-08", Members: []int64{h.orgs["hub"], h.orgs["partner"]}})
		return err
	})
	return id
}

func TestHubAdminKeepsAProjectThroughItsForms(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-admin")
	hub, partner := idString(h.orgs["hub"]), idString(h.orgs["partner"])
	page := body(t, h.get(b, "/admin/projects/new"))
	mustContain(t, page, `name="members" value="`+partner+`"`, `type="month"`)

	resp := h.post(b, "/admin/projects", url.Values{"name": {"Neuvo 2025–2027"}, "funder": {"TEM / ELY"},
		"from": {"2025-09"}, "to": {"2027-08"}, "members": {hub, partner}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "?saved=project") {
		t.Fatalf("create: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	next := strings.TrimSuffix(resp.Header.Get("Location"), "?saved=project")
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM projects p JOIN project_members m ON m.project_id = p.id
		WHERE p.name = 'Neuvo 2025–2027' AND p.funder = 'TEM / ELY' AND p.period_from = '2025-09-01' AND p.period_to = '2027-08-01'`); n != 2 {
		t.Fatalf("stored project with %d members, want 2", n)
	}
	page = body(t, h.get(b, next))
	mustContain(t, page, `id="targets-form"`, `name="target_contacts_0"`, `name="target_contacts_`+partner+`"`,
		`name="share_2026" value="30"`)

	// A bad period: the message in Finnish, what was typed kept.
	page = body(t, expectStatus(t, h.post(b, next, url.Values{"name": {"Uusi nimi"}, "from": {"2026-05"}, "to": {"2026-04"},
		"members": {hub}}), http.StatusUnprocessableEntity))
	mustContain(t, page, "Viimeinen kuukausi ei voi olla ennen ensimmäistä.", `value="Uusi nimi"`, `value="2026-05"`)

	page = body(t, expectStatus(t, h.post(b, next+"/targets", url.Values{"target_contacts_0": {"0"},
		"target_consultations_held_0": {"300"}}), http.StatusUnprocessableEntity))
	mustContain(t, page, "Anna tavoite kokonaislukuna 1–10 000 000 tai jätä tyhjäksi.", `value="300"`)
	expectStatus(t, h.post(b, next+"/targets", url.Values{"target_contacts_0": {"2400"},
		"target_contacts_" + partner: {"400"}}), http.StatusSeeOther).Body.Close()
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM project_targets WHERE (org_id IS NULL AND measure = 'contacts' AND target = 2400)
		OR (org_id = $1 AND target = 400)`, h.orgs["partner"]); n != 2 {
		t.Errorf("%d targets stored, want 2", n)
	}

	page = body(t, expectStatus(t, h.post(b, next+"/costs", url.Values{"share_2025": {"30"}, "share_2026": {"200"},
		"share_2027": {"30"}}), http.StatusUnprocessableEntity))
	mustContain(t, page, "Anna prosentti väliltä 0–100.", `value="200"`)
	expectStatus(t, h.post(b, next+"/costs", url.Values{"share_2025": {"30"}, "share_2026": {"27,5"}, "budget_2026": {"180000"},
		"share_2027": {"30"}}), http.StatusSeeOther).Body.Close()
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM project_costs WHERE year = 2026 AND partners_share = 27.5 AND budget_eur = 180000`); n != 1 {
		t.Error("the cost setting was not stored")
	}
	mustContain(t, body(t, h.get(b, next)), `name="share_2026" value="27,5"`, `name="budget_2026" value="180000"`)
	mustContain(t, body(t, h.get(b, "/admin/projects")), "Neuvo 2025–2027", "2025-09 – 2027-08")
}

func TestOnlyAHubsAdminsKeepProjects(t *testing.T) {
	h := newHarness(t)
	id := h.hubProject("Neuvo")
	b := h.login("partner", "partner-admin")
	for _, path := range []string{"/admin/projects", "/admin/projects/new", "/admin/projects/" + idString(id)} {
		if resp := h.get(b, path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("partner admin GET %s: %d, want 403", path, resp.StatusCode)
		}
	}
	if strings.Contains(body(t, h.get(b, "/admin/stats-settings")), `href="/admin/projects"`) {
		t.Error("a partner's admin is offered the projects page")
	}
}

func expectStatus(t *testing.T, resp *http.Response, want int) *http.Response {
	t.Helper()
	if resp.StatusCode != want {
		t.Errorf("%s %s: %d, want %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want)
	}
	return resp
}

// TestProjectBadInputNeverAnswers500: what no honest form sends still
// answers with a translated field message or 404, and writes nothing.
func TestProjectBadInputNeverAnswers500(t *testing.T) {
	h := newHarness(t)
	id := idString(h.hubProject("Karjalan hanke"))
	b := h.login("hub", "hub-admin")
	hub := idString(h.orgs["hub"])
	for _, c := range []struct {
		path    string
		form    url.Values
		want    int
		message string
	}{
		{"/admin/projects", url.Values{"name": {"x\x00"}, "from": {"2025-01"}, "to": {"2025-02"}, "members": {hub}}, 422, "Tekstissä on merkkejä, joita ei voi tallentaa."},
		{"/admin/projects", url.Values{"name": {"A"}, "from": {"99999-01"}, "to": {"2025-02"}, "members": {hub}}, 422, "Anna kuukausi muodossa VVVV-KK"},
		{"/admin/projects", url.Values{"name": {"A"}, "from": {"2025-01"}, "to": {"2025-02"}, "members": {"abc", "99999999999999999999"}}, 422, ""},
		{"/admin/projects/" + id + "/targets", url.Values{"target_contacts_0": {"99999999999999999999"}}, 422, "Anna kokonaisluku."},
		{"/admin/projects/" + id + "/costs", url.Values{"share_2025": {"Inf"}, "budget_2026": {"1e400"}}, 422, "Anna luku, esimerkiksi 2,5."},
		{"/admin/projects/" + id + "/costs", url.Values{"budget_2026": {"99999999999"}}, 422, "Anna budjetti euroina"},
		{"/admin/projects/99999999999999999999", url.Values{"name": {"A"}}, 404, ""},
		{"/admin/projects/-1/targets", url.Values{}, 404, ""},
		{"/admin/stats-settings", url.Values{"k": {"99999999999999999999"}}, 422, "Anna kokonaisluku."},
		{"/admin/stats-settings/staffing", url.Values{"fte_" + strconv.Itoa(time.Now().Year()): {"NaN"}}, 422, "Anna luku"},
		{"/admin/stats-settings/key-figures", url.Values{"key_" + idString(h.orgs["partner"]) + "_" + strconv.Itoa(time.Now().Year()): {"3000000000"}}, 422, "Anna avainluku"},
	} {
		resp := h.post(b, c.path, c.form)
		page := body(t, resp)
		if resp.StatusCode != c.want {
			t.Errorf("POST %s %v: %d, want %d", c.path, c.form, resp.StatusCode, c.want)
		}
		if c.message != "" && !strings.Contains(page, c.message) {
			t.Errorf("POST %s %v: page lacks %q", c.path, c.form, c.message)
		}
	}
	if n := h.count(h.orgs["hub"], `SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM project_targets)
		+ (SELECT count(*) FROM project_costs) + (SELECT count(*) FROM stats_settings) + (SELECT count(*) FROM stats_key_figures)
		+ (SELECT count(*) FROM stats_staffing)`); n != 1 {
		t.Errorf("%d rows after refused input, want the one project", n)
	}
}

package server

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

const sampleHetu = "131052-308T"

func supportForm(question string) url.Values {
	return url.Values{"idempotency_key": {cases.NewIdempotencyKey()}, "sector": {"social_work"}, "topics": {"permits", "family_reunification"},
		"urgency": {"this_week"}, "answer_channel": {"written"}, "question": {question}, "age_band": {"18_29"},
		"residence_basis": {"unknown"}, "client_language": {"ar"}, "time_in_finland": {"unknown"}}
}

var threadLink = regexp.MustCompile(`^/support/(\d+)`)

// TestSupportThreadThroughThePages runs one thread as its users do:
// the identity guard stops the first try, the hub's expert takes and
// answers, the worker follows up and rates.
func TestSupportThreadThroughThePages(t *testing.T) {
	h := newHarness(t)
	worker := h.login("partner", "partner-worker")
	fi := h.server.pages.Lang("fi")

	form := supportForm("Asiakkaan henkilötunnus on " + sampleHetu + ". Miten perheenyhdistäminen etenee?")
	resp := h.post(worker, "/support", form)
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a question with an identity code: %d", resp.StatusCode)
	}
	mustContain(t, page, `<mark class="finding finding-block"`, sampleHetu+"</mark>",
		`<p class="field-error">`+html.EscapeString(fi.T("error.identity_code")),
		`>Asiakkaan henkilötunnus on `+sampleHetu, `value="`+form.Get("idempotency_key")+`"`, `value="ar" selected`)
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests`); n != 0 {
		t.Fatalf("the stopped request was stored: %d", n)
	}

	form.Set("question", "Miten perheenyhdistämishakemus etenee, kun puoliso on vielä Irakissa?")
	resp = h.post(worker, "/support", form)
	m := threadLink.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("filing: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	id := m[1]
	if again := h.post(worker, "/support", form); again.Header.Get("Location") != resp.Header.Get("Location") {
		t.Fatalf("the same form again went to %q", again.Header.Get("Location"))
	}
	stored := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests WHERE id = $1 AND status = 'new' AND sector = 'social_work'
		AND topics = '{permits,family_reunification}' AND age_band = '18_29' AND client_language = 'ar' AND NOT consent_shared`, id)
	if stored != 1 || h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests`) != 1 {
		t.Fatal("the request was not stored as typed, or stored twice")
	}
	mustContain(t, body(t, h.get(worker, "/support")), `href="/support/`+id+`"`)

	expert := h.login("hub", "hub-adviser")
	queue := body(t, h.get(expert, "/support/queue"))
	mustContain(t, queue, `href="/support/`+id+`"`, `action="/support/`+id+`/take"`)
	if resp := h.post(expert, "/support/"+id+"/take", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("take: %d", resp.StatusCode)
	}
	note := url.Values{"kind": {"internal_note"}, "body": {"Tarkistan Migrin jonotilanteen."}, "idempotency_key": {cases.NewIdempotencyKey()}}
	answer := url.Values{"kind": {"answer"}, "body": {"Käsittelyaika on noin yhdeksän kuukautta."}, "minutes": {"20"},
		"idempotency_key": {cases.NewIdempotencyKey()}}
	for _, f := range []url.Values{note, answer, answer} {
		if resp := h.post(expert, "/support/"+id+"/messages", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("message %s: %d %s", f.Get("kind"), resp.StatusCode, body(t, resp))
		}
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM support_messages WHERE request_id = $1 AND kind = 'answer'`, id); n != 1 {
		t.Fatalf("the answer posted twice with one key is stored %d times", n)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM support_requests WHERE id = $1 AND status = 'answered'
		AND expert_minutes = 20 AND assigned_name = 'Aino Adviser'`, id); n != 1 {
		t.Fatal("the answer did not answer the request by its expert")
	}

	thread := body(t, h.get(worker, "/support/"+id))
	mustContain(t, thread, "Käsittelyaika on noin yhdeksän kuukautta.", `action="/support/`+id+`/rating"`)
	if strings.Contains(thread, "Migrin jonotilanteen") {
		t.Fatal("the requester's page shows the hub's internal note")
	}
	follow := url.Values{"body": {"Voiko hakemusta nopeuttaa?"}, "idempotency_key": {cases.NewIdempotencyKey()}}
	if resp := h.post(worker, "/support/"+id+"/messages", follow); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("follow-up: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests WHERE id = $1 AND status = 'assigned'`, id); n != 1 {
		t.Fatal("a follow-up did not reopen the answered request")
	}
	h.post(expert, "/support/"+id+"/messages", url.Values{"kind": {"answer"}, "body": {"Ei voi, mutta voi kysyä Migristä."},
		"idempotency_key": {cases.NewIdempotencyKey()}})
	bad := h.post(worker, "/support/"+id+"/rating", url.Values{"rating": {"9"}, "comment": {"Kiitos"}})
	mustContain(t, body(t, bad), `<p class="field-error">`+html.EscapeString(fi.T("error.rating")), ">Kiitos</textarea>")
	if resp := h.post(worker, "/support/"+id+"/rating", url.Values{"rating": {"5"}, "comment": {"Kiitos, auttoi!"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rating: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests WHERE id = $1 AND status = 'closed' AND rating = 5
		AND rating_comment = 'Kiitos, auttoi!'`, id); n != 1 {
		t.Fatal("the rating was not stored or did not close the request")
	}
	for _, b := range []*http.Client{worker, expert} { // a rated, closed thread still renders, for both sides
		mustContain(t, body(t, h.get(b, "/support/"+id)), "Kiitos, auttoi!", `id="request-status"`)
	}
	events := h.count(h.orgs["partner"], `SELECT count(*) FROM support_status_events WHERE request_id = $1`, id)
	if events != 6 { // new, assigned, answered, assigned (follow-up), answered, closed
		t.Fatalf("%d status events", events)
	}
}

// TestSupportGuardWarningsAreConfirmedOnTheForm checks the consent flag
// and the confirmation of possible names on the form.
func TestSupportGuardWarningsAreConfirmedOnTheForm(t *testing.T) {
	h := newHarness(t)
	worker := h.login("partner", "partner-worker")
	fi := h.server.pages.Lang("fi")
	form := supportForm("Asiakkaani Ahmed Hassan kysyy jatkoluvasta; hänen numeronsa on 040 123 4567.")
	page := body(t, h.post(worker, "/support", form))
	mustContain(t, page, `<mark class="finding finding-warn"`, `<mark class="finding finding-consent"`,
		html.EscapeString(fi.T("error.contact_details")))
	if strings.Contains(page, `name="confirm_findings"`) {
		t.Error("contact details cannot be confirmed away, only consented to")
	}
	form.Set("consent_shared", "on")
	page = body(t, h.post(worker, "/support", form))
	mustContain(t, page, `<p class="field-error">`+html.EscapeString(fi.T("error.required")), `id="consent_shared" name="consent_shared" checked`)
	form.Set("consent_what", "Asiakkaan puhelinnumero soittoa varten")
	form.Set("consent_basis", "oral")
	if resp := h.post(worker, "/support", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with consent recorded: %d", resp.StatusCode)
	}
	name := supportForm("Asiakkaani Ahmed Hassan kysyy jatkoluvasta.")
	page = body(t, h.post(worker, "/support", name))
	mustContain(t, page, `name="confirm_findings"`, html.EscapeString(fi.T("error.possible_name")))
	name.Set("confirm_findings", "on")
	if resp := h.post(worker, "/support", name); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a confirmed name: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["partner"], `SELECT count(*) FROM support_requests`); n != 2 {
		t.Fatalf("%d requests stored, want 2", n)
	}
}

// TestSupportConsentReadsAreAuditedAndRefusedCrossSite: a request whose
// client details were shared is read only from Neuvo itself, and every
// read is logged on the reader's side.
func TestSupportConsentReadsAreAuditedAndRefusedCrossSite(t *testing.T) {
	h := newHarness(t)
	in := supportQuestion("Äidin puhelin 040 123 4567, hän toivoo soittoa.")
	in.ConsentShared, in.ConsentWhat, in.ConsentBasis = true, "Äidin puhelinnumero", "written"
	id := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, in))
	expert := h.login("hub", "hub-adviser")
	views := func() int {
		return h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'support.view' AND record_id = $1`, id)
	}
	req, _ := http.NewRequest(http.MethodGet, h.base+"/support/"+id, nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := expert.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if page := body(t, resp); resp.StatusCode != http.StatusForbidden || strings.Contains(page, "040 123 4567") || views() != 0 {
		t.Fatalf("a cross-site read: %d, %d view events", resp.StatusCode, views())
	}
	page := body(t, h.get(expert, "/support/"+id))
	mustContain(t, page, "Äidin puhelinnumero", `id="consent-note"`)
	api := h.api(apiCall{method: http.MethodGet, path: "/api/v1/support-requests/" + id, token: h.accessToken("hub", "hub-adviser")})
	if api.status != http.StatusOK || !strings.Contains(string(api.body), `"consent_what":"Äidin puhelinnumero"`) || views() != 2 {
		t.Fatalf("page and API reads: %d, %d view events, want 2", api.status, views())
	}
	list := h.api(apiCall{method: http.MethodGet, path: "/api/v1/support-requests", token: h.accessToken("hub", "hub-adviser")})
	if strings.Contains(string(list.body), "Äidin") || strings.Contains(string(list.body), "040 123") || views() != 2 {
		t.Fatalf("the list shows what was shared with consent, or was audited as a read: %s", list.body)
	}
}

// TestSupportHubPagesAreTheHubs: a partner's manager and admin have
// neither a queue nor expert groups nor targets to set.
func TestSupportHubPagesAreTheHubs(t *testing.T) {
	h := newHarness(t)
	partner := h.login("partner", "partner-adviser")
	admin := h.login("partner", "partner-admin")
	for b, paths := range map[*http.Client][]string{partner: {"/support/queue", "/support/groups"}, admin: {"/admin/support-targets"}} {
		for _, path := range paths {
			if resp := h.get(b, path); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s for a partner: %d", path, resp.StatusCode)
			}
		}
	}
	if strings.Contains(body(t, h.get(admin, "/admin/organisations")), "/admin/support-targets") {
		t.Error("a partner's admin sees the targets link")
	}
	id := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Kysymys")))
	if resp := h.post(partner, "/support/"+id+"/take", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the asking partner's adviser takes its own request as the hub: %d", resp.StatusCode)
	}
	if resp := h.post(partner, "/support/"+id+"/assign", url.Values{"assignee": {idString(h.users["hub-adviser"])}, "note": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the asking partner's manager assigns: %d", resp.StatusCode)
	}
}

func TestSupportTargetsFormKeepsTypingAndAppliesToNewRequests(t *testing.T) {
	h := newHarness(t)
	admin := h.login("hub", "hub-admin")
	fi := h.server.pages.Lang("fi")
	form := url.Values{"today_amount": {"0"}, "today_unit": {"hours"}, "today_near": {"75"}, "this_week_amount": {"2"},
		"this_week_unit": {"days"}, "this_week_near": {"50"}, "no_hurry_amount": {"5"}, "no_hurry_unit": {"days"}, "no_hurry_near": {"80"}}
	page := body(t, h.post(admin, "/admin/support-targets", form))
	mustContain(t, page, `<p class="field-error">`+html.EscapeString(fi.T("error.target")), `name="this_week_amount" value="2"`)
	form.Set("today_amount", "2")
	if resp := h.post(admin, "/admin/support-targets", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving targets: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM support_targets WHERE (urgency, amount, unit, near_share) IN
		(('today', 2, 'hours', 0.75), ('this_week', 2, 'days', 0.50), ('no_hurry', 5, 'days', 0.80))`); n != 3 {
		t.Fatalf("%d targets stored as typed", n)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'support.targets'`); n != 1 {
		t.Fatal("the change of targets is not audited")
	}
}

func TestSupportStatsPageShowsProtectedFigures(t *testing.T) {
	h := newHarness(t)
	for range 6 {
		h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Kysymys"))
	}
	h.fileSupport("partner2", "partner2-all", cases.RolePartnerWorker, supportQuestion("Pieni kunta"))
	page := body(t, h.get(h.login("hub", "hub-manager"), "/support/stats"))
	mustContain(t, page, `id="by-urgency"`, `id="by-org"`, `id="legend"`)
	row := regexp.MustCompile(`<tr><th scope="row">Org partner2</th>(.*?)</tr>`).FindStringSubmatch(page)
	if row == nil || strings.Count(row[1], "<td>..</td>") != 5 {
		t.Fatalf("the one request of a small municipality is not suppressed in every column: %v", row)
	}
}

func TestSupportJointMeetingFromTheThread(t *testing.T) {
	h := newHarness(t)
	id := idString(h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Tavataanko perheen kanssa?")))
	expert := h.login("hub", "hub-adviser")
	day := time.Now().In(cases.Finland).AddDate(0, 0, 7).Format("2006-01-02")
	form := url.Values{"kind": {"meeting"}, "body": {"Tavataan etänä."}, "idempotency_key": {cases.NewIdempotencyKey()},
		"meeting_date": {day}, "meeting_time": {"25:00"}, "meeting_duration": {"45"}, "service_language": {"fi"}, "interpreter_kind": {"none"}}
	page := body(t, h.post(expert, "/support/"+id+"/messages", form))
	mustContain(t, page, html.EscapeString(h.server.pages.Lang("fi").T("error.date_time")), `value="`+day+`"`, ">Tavataan etänä.</textarea>")
	form.Set("meeting_time", "10:00")
	if resp := h.post(expert, "/support/"+id+"/messages", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("booking the meeting: %d %s", resp.StatusCode, body(t, resp))
	}
	var consultation int64
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&consultation, `SELECT consultation_id FROM support_messages WHERE request_id = $1 AND kind = 'meeting'`, id)
	})
	worker := h.login("partner", "partner-worker")
	mustContain(t, body(t, h.get(worker, "/support/"+id)), `href="/consultations/`+idString(consultation)+`"`)
	if resp := h.get(worker, "/consultations/"+idString(consultation)); resp.StatusCode != http.StatusOK {
		t.Fatalf("the asker opens the booked meeting: %d", resp.StatusCode)
	}
}

package server

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// quickEntry is a valid walk-in form for the hub's first advice point.
func (h *harness) quickEntry(b *http.Client) url.Values {
	h.t.Helper()
	page := body(h.t, h.get(b, "/contacts/new"))
	key := regexp.MustCompile(`name="idempotency_key" value="([^"]+)"`).FindStringSubmatch(page)
	point := regexp.MustCompile(`<select id="advice_point" name="advice_point"[^>]*>\s*<option value="(\d+)"`).FindStringSubmatch(page)
	topic := regexp.MustCompile(`name="topics" value="([a-z0-9_]+)"`).FindAllStringSubmatch(page, 2)
	if key == nil || point == nil || len(topic) < 2 {
		h.t.Fatalf("quick-entry form lacks key, advice point or topics")
	}
	now := time.Now().In(cases.Finland).Add(-time.Hour)
	return url.Values{"idempotency_key": {key[1]}, "advice_point": {point[1]}, "date": {now.Format("2006-01-02")},
		"time": {now.Format("15:04")}, "duration_min": {"20"}, "channel": {"walk_in"}, "kind": {"advice"},
		"topics": {topic[0][1], topic[1][1]}, "interpreter": {"on_site"}, "service_languages": {"fi"}, "next": {"new"}}
}

func (h *harness) addPoint(org int64, name string) int64 {
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) (err error) {
		id, err = cases.CreateAdvicePoint(context.Background(), tx, nil, cases.AdvicePointInput{Name: name, Kind: "office", Active: true})
		return err
	})
	return id
}

func (h *harness) count(org int64, query string, args ...any) int {
	var n int
	h.db.InScope(h.t, cases.Scope{OrgID: org}, func(tx *sqlx.Tx) error { return tx.Get(&n, query, args...) })
	return n
}

func TestQuickEntrySavesAndOffersANewForm(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	resp := h.post(b, "/contacts", h.quickEntry(b))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/contacts/new?saved=") {
		t.Fatalf("save and new: %d to %q", resp.StatusCode, loc)
	}
	page := body(t, h.get(b, loc))
	mustContain(t, page, "Asiointi tallennettu.", `value="walk_in" selected`)
	if h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE interpreter = 'on_site' AND cardinality(topics) = 2`) != 1 {
		t.Fatal("the contact was not saved as entered")
	}
}

func TestDoubleSubmitAndResubmitCountOnce(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	form := h.quickEntry(b)
	first := h.post(b, "/contacts", form).Header.Get("Location")
	second := h.post(b, "/contacts", form).Header.Get("Location")
	form.Set("next", "show")
	third := h.post(b, "/contacts", form).Header.Get("Location")
	if first != second || !strings.HasSuffix(third, strings.TrimPrefix(first, "/contacts/new?saved=")) {
		t.Fatalf("repeated posts went to %q, %q and %q", first, second, third)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 1 {
		t.Fatalf("%d contacts after posting the same form three times", n)
	}
}

func TestInvalidContactKeepsTypingAndSavesNothing(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	form := h.quickEntry(b)
	form.Set("duration_min", "600")
	form.Set("date", time.Now().AddDate(0, 0, 3).Format("2006-01-02"))
	form.Set("note", "typed text that must survive")
	form.Set("kind", "group_session")
	form["topics"] = append(form["topics"], "not_a_topic")
	resp := h.post(b, "/contacts", form)
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid contact: %d, want 422", resp.StatusCode)
	}
	mustContain(t, page, "Kesto voi olla enintään 8 tuntia", "Päivä ei voi olla tämän päivän jälkeen.",
		"Ryhmätilaisuudelle anna osallistujamäärä", "Tuntematon tai käytöstä poistettu arvo.",
		"typed text that must survive", `value="600"`)
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != 0 {
		t.Fatalf("%d contacts saved from an invalid form", n)
	}
}

func TestNewContactIsPrefilledFromPreviousEntryAndClient(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	second := h.addPoint(h.orgs["hub"], "Outreach van")
	b := h.login("hub", "hub-adviser")
	form := h.quickEntry(b)
	form.Set("advice_point", idString(second))
	form.Set("channel", "phone")
	form["service_languages"] = []string{"fi", "en"}
	h.post(b, "/contacts", form)
	page := body(t, h.get(b, "/contacts/new"))
	mustContain(t, page, `<option value="`+idString(second)+`" selected>`, `value="phone" selected`)
	if !regexp.MustCompile(`name="service_languages" value="en" checked`).MatchString(page) {
		t.Error("service languages not carried over")
	}
	resp := h.post(b, "/clients", url.Values{"citizenship": {"SO"}, "age_band": {"18_29"}, "client_language": {"so"}})
	clientPath := resp.Header.Get("Location")
	page = body(t, h.get(b, "/contacts/new?client="+strings.TrimPrefix(clientPath, "/clients/")))
	mustContain(t, page, `<option value="SO" selected>`, `<option value="18_29" selected>`, `<option value="so" selected>`)
}

func TestClientFileShowsHistoryAndAuditsEachView(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	resp := h.post(b, "/clients", url.Values{"name": {"Amina Example"}, "birth_year": {"1988"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create client: %d", resp.StatusCode)
	}
	clientPath := resp.Header.Get("Location")
	h.givePurpose(b, clientPath, "case_work")
	before := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'client.view'`)
	page := body(t, h.get(b, clientPath))
	if got := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'client.view'`); got != before+1 {
		t.Fatalf("one GET of a client file wrote %d audit events", got-before)
	}
	mustContain(t, page, "Amina Example", "1988")
	code := regexp.MustCompile(`id="client-code">([A-Z0-9-]+)<`).FindStringSubmatch(page)[1]
	form := h.quickEntry(b)
	form.Set("client_code", strings.ToLower(strings.ReplaceAll(code, "-", "")))
	form.Set("outcome", "follow_up_planned")
	form.Set("follow_up_on", time.Now().AddDate(0, 0, 2).Format("2006-01-02"))
	if resp := h.post(b, "/contacts", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("contact for the client: %d %s", resp.StatusCode, body(t, resp))
	}
	mustContain(t, body(t, h.get(b, clientPath)), `id="client-history"`, "Merkitse tehdyksi")
	mustContain(t, body(t, h.get(b, "/")), code)
	typo := []byte(code)
	typo[0] = map[bool]byte{true: 'B', false: 'A'}[typo[0] == 'A']
	resp = h.post(b, "/clients/find", url.Values{"code": {string(typo)}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("mistyped code: %d, want 422", resp.StatusCode)
	}
	mustContain(t, body(t, resp), "Tunnus on kirjoitettu väärin")
}

func TestManagerSeesNoClientFiles(t *testing.T) {
	h := newHarness(t)
	b := h.login("hub", "hub-adviser")
	clientPath := h.post(b, "/clients", url.Values{"name": {"Hidden Name"}}).Header.Get("Location")
	manager := h.login("hub", "hub-manager")
	if resp := h.get(manager, clientPath); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("manager opening a client file: %d, want 403", resp.StatusCode)
	}
}

func TestContactListFiltersAndDeletes(t *testing.T) {
	h := newHarness(t)
	h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	form := h.quickEntry(b)
	form.Set("next", "show")
	form.Set("channel", "phone")
	contactPath := h.post(b, "/contacts", form).Header.Get("Location")
	list := body(t, h.get(b, "/contacts?channel=phone"))
	mustContain(t, list, `href="`+contactPath+`"`)
	if strings.Contains(body(t, h.get(b, "/contacts?channel=chat")), `href="`+contactPath+`"`) {
		t.Fatal("the channel filter does not filter")
	}
	if resp := h.post(b, contactPath+"/delete", url.Values{"reason": {""}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("delete without reason: %d", resp.StatusCode)
	}
	if resp := h.post(b, contactPath+"/delete", url.Values{"reason": {"duplicate"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if strings.Contains(body(t, h.get(b, "/contacts?channel=phone")), `href="`+contactPath+`"`) {
		t.Fatal("a deleted contact is still listed")
	}
}

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

var idempotencyField = regexp.MustCompile(`name="idempotency_key" value="([^"]+)"`)

func formKey(t *testing.T, page string) string {
	t.Helper()
	m := idempotencyField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the form has no idempotency key")
	}
	return m[1]
}

// partnerBooking is the partner worker's booking form as a browser sends it.
func partnerBooking(key string, slot int64) url.Values {
	return url.Values{"idempotency_key": {key}, "slot": {idString(slot)}, "service_language": {"en"},
		"topics": {"permits", "employment"}, "interpreter_kind": {"phone"}, "interpreter_language": {"ar"},
		"interpreter_ref": {"TULKKI-7731"}, "meeting_link": {"https://teams.microsoft.com/l/meetup-join/abc"},
		"note": {"Bring the Migri letter"}}
}

func TestPartnerWorkerBooksAFreeSlotAndTheAdviserIsTold(t *testing.T) {
	h := newHarness(t)
	mail := startMailpit(t)
	h.sendMailThrough(mail.SMTP("Neuvo <neuvo@neuvo.test>"))
	slot := h.publishSlot(2, 10)
	worker := h.login("partner", "partner-worker")
	mustContain(t, body(t, h.get(worker, "/slots")), `href="/consultations/new?slot=`+idString(slot.ID)+`"`)
	form := body(t, h.get(worker, "/consultations/new?slot="+idString(slot.ID)))
	mustContain(t, form, `id="slot-banner"`, `name="slot" value="`+idString(slot.ID)+`"`)
	if strings.Contains(form, `name="client_code"`) {
		t.Error("the partner's form asks for a client")
	}
	values := partnerBooking(formKey(t, form), slot.ID)
	resp := h.post(worker, "/consultations", values)
	location := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(location, "?done=booked") {
		t.Fatalf("booking: %d to %q: %s", resp.StatusCode, location, body(t, resp))
	}
	again := h.post(worker, "/consultations", values) // the back button and a second submit
	if again.Header.Get("Location") != location {
		t.Fatalf("resubmitting went to %q, not %q", again.Header.Get("Location"), location)
	}
	var stored struct {
		ID, PartnerOrgID, AdviserID, ContactID int64
		Municipality, Note, Link, Ref, Contact string
	}
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.QueryRow(`SELECT id, partner_org_id, adviser_id, partner_contact_id, municipality_code, note, meeting_link,
			interpreter_ref, partner_contact_name FROM consultations`).Scan(&stored.ID, &stored.PartnerOrgID, &stored.AdviserID,
			&stored.ContactID, &stored.Municipality, &stored.Note, &stored.Link, &stored.Ref, &stored.Contact)
	})
	if stored.PartnerOrgID != h.orgs["partner"] || stored.AdviserID != h.users["hub-adviser"] ||
		stored.ContactID != h.users["partner-worker"] || stored.Municipality != "167" || stored.Note != "Bring the Migri letter" ||
		stored.Link != "https://teams.microsoft.com/l/meetup-join/abc" || stored.Ref != "TULKKI-7731" ||
		location != "/consultations/"+idString(stored.ID)+"?done=booked" {
		t.Fatalf("stored %+v, redirected to %s", stored, location)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations`); n != 1 {
		t.Fatalf("%d consultations after a resubmission, want 1", n)
	}
	got := waitForMail(t, mail)
	var address string
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&address, `SELECT email FROM users WHERE id = $1`, h.users["hub-adviser"])
	})
	when := slot.StartsAt.In(cases.Finland).Format("2.1.2006 15:04")
	if len(got.To) != 1 || got.To[0].Address != address || got.Subject != "Neuvo: etäneuvonta varattu "+when ||
		!strings.Contains(got.Text, h.base+"/consultations/"+idString(stored.ID)) {
		t.Errorf("mail to %v, subject %q:\n%s", got.To, got.Subject, got.Text)
	}
	for _, secret := range []string{"Migri", "TULKKI", "teams.microsoft.com", "Pia"} {
		if strings.Contains(got.Text+got.HTML+got.Subject, secret) {
			t.Errorf("the mail carries %q: e-mail is a link and the time only", secret)
		}
	}
	notices := h.count(h.orgs["hub"], `SELECT count(*) FROM consultation_events WHERE notified_at IS NOT NULL`)
	adviserNotices := 0
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"], UserID: h.users["hub-adviser"]}, func(tx *sqlx.Tx) error {
		return tx.Get(&adviserNotices, `SELECT count(*) FROM notifications WHERE kind = 'consultation_booked'
			AND link = $1`, "/consultations/"+idString(stored.ID))
	})
	if notices != 1 || adviserNotices != 1 {
		t.Errorf("%d events told, %d in-app notices for the adviser; want one each", notices, adviserNotices)
	}
}

func TestTheBookingFormShowsTranslatedErrorsAndKeepsWhatWasTyped(t *testing.T) {
	h := newHarness(t)
	slot := h.publishSlot(2, 10)
	worker := h.login("partner", "partner-worker")
	values := partnerBooking(cases.NewIdempotencyKey(), slot.ID)
	values.Set("meeting_link", "http://teams.example/x")
	values.Del("topics")
	values.Set("note", "Asiakas Amina, hetu 010190-123M")
	resp := h.post(worker, "/consultations", values)
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad booking: %d", resp.StatusCode)
	}
	mustContain(t, page, "Anna kokonainen https-osoite", "Tekstissä on henkilötunnus", `id="guard-note"`, `value="http://teams.example/x"`,
		`aria-invalid="true"`, "Asiakas Amina")
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations`); n != 0 {
		t.Fatalf("%d consultations stored from a bad form", n)
	}
	h.bookSlot(slot) // someone else is quicker
	resp = h.post(worker, "/consultations", partnerBooking(cases.NewIdempotencyKey(), slot.ID))
	if page := body(t, resp); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusConflict {
		t.Fatalf("booking a taken slot: %d", resp.StatusCode)
	} else if resp.StatusCode == http.StatusConflict {
		mustContain(t, page, "Joku varasi tämän ajan juuri")
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations`); n != 1 {
		t.Fatalf("%d consultations after booking a taken slot, want 1", n)
	}
}

// The hub adviser books an ad-hoc time for a client, marks it held, and
// the contact is recorded from the prefilled form in the same request.
func TestTheHubBooksForAClientAndHoldingRecordsTheContact(t *testing.T) {
	h := newHarness(t)
	morning := time.Now().In(cases.Finland).AddDate(0, 0, 1)
	morning = time.Date(morning.Year(), morning.Month(), morning.Day(), 8, 0, 0, 0, cases.Finland)
	h.server.now = func() time.Time { return morning }
	point := h.addPoint(h.orgs["hub"], "Etäneuvonta")
	client := h.matrixClient()
	adviser := h.login("hub", "hub-adviser")
	form := body(t, h.get(adviser, "/consultations/new"))
	mustContain(t, form, `name="client_code"`, `name="partner_org"`, `value="`+idString(h.orgs["partner"])+`"`)
	resp := h.post(adviser, "/consultations", url.Values{"idempotency_key": {formKey(t, form)}, "slot": {""},
		"date": {morning.Format("2006-01-02")}, "time": {"10:00"}, "duration_min": {"40"},
		"partner_org": {idString(h.orgs["partner"])}, "client_code": {client.Code}, "service_language": {"fi"},
		"topics": {"housing"}, "interpreter_kind": {"on_site"}, "interpreter_language": {"so"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("booking: %d: %s", resp.StatusCode, body(t, resp))
	}
	page := strings.TrimSuffix(resp.Header.Get("Location"), "?done=booked")
	if shown := body(t, h.get(adviser, page)); !strings.Contains(shown, client.Code) || strings.Contains(shown, `href="`+page+`/hold"`) {
		t.Fatal("two hours before the start the page offers to hold it, or names no client")
	}
	h.server.now = func() time.Time { return morning.Add(3 * time.Hour) }
	hold := body(t, h.get(adviser, page+"/hold"))
	mustContain(t, hold, `id="hold-banner"`, `action="`+page+`/hold"`, `value="video" selected`,
		`value="remote_consultation" selected`, `value="167" selected`, `value="so" selected`, `value="on_site" selected`,
		`value="housing" checked`, `value="`+idString(point)+`" selected`)
	resp = h.post(adviser, page+"/hold", url.Values{"idempotency_key": {formKey(t, hold)}, "date": {morning.Format("2006-01-02")},
		"time": {"10:00"}, "duration_min": {"40"}, "advice_point": {idString(point)}, "channel": {"video"},
		"kind": {"remote_consultation"}, "service_languages": {"fi"}, "client_language": {"so"}, "interpreter": {"on_site"},
		"topics": {"housing"}, "municipality": {"426"}, "outcome": {"resolved"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"?done=held" {
		t.Fatalf("holding: %d to %q: %s", resp.StatusCode, resp.Header.Get("Location"), body(t, resp))
	}
	var held struct {
		Status, Channel, Kind, Municipality string
		Client, Contact                     int64
	}
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.QueryRow(`SELECT c.status, k.channel, k.kind, k.municipality, k.client_id, k.id FROM consultations c
			JOIN consultation_clients cc ON cc.consultation_id = c.id JOIN contacts k ON k.id = cc.held_contact_id`).Scan(
			&held.Status, &held.Channel, &held.Kind, &held.Municipality, &held.Client, &held.Contact)
	})
	if held.Status != "held" || held.Channel != "video" || held.Kind != "remote_consultation" || held.Municipality != "426" ||
		held.Client != client.ID {
		t.Fatalf("after holding: %+v", held)
	}
	resp = h.post(adviser, page+"/cancel", url.Values{"reason": {"too late"}})
	if text := body(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(text, "on jo pidetty") {
		t.Fatalf("cancelling the held consultation: %d", resp.StatusCode)
	}
	views := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'consultation.view'
		AND details->>'client_id' = $1`, idString(client.ID))
	if views != 2 {
		t.Errorf("%d audited reads naming the client, want 2 (the page and the hold form)", views)
	}
}

// matrixClient is a client of the hub with a profile.
func (h *harness) matrixClient() cases.Client {
	h.t.Helper()
	var client cases.Client
	h.asStaff(h.staffOf("hub", "hub-adviser", cases.RoleAdviser), func(tx *sqlx.Tx, tax *cases.Taxonomy) (err error) {
		client, _, err = cases.CreateClient(context.Background(), tx, tax, nil, cases.ClientInput{Email: "amina@example.test",
			Profile: cases.Profile{AgeBand: "30_54"}}, time.Now())
		return err
	})
	return client
}

func TestCalendarsShowTheWeekToEachSideWithoutTheClient(t *testing.T) {
	h := newHarness(t)
	client := h.matrixClient()
	slot := h.publishSlot(1, 10)
	adviser := h.staffOf("hub", "hub-adviser", cases.RoleAdviser)
	var booked cases.Consultation
	h.asStaff(adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) (err error) {
		booked, _, err = cases.Book(context.Background(), tx, nil, tax, adviser, cases.BookingInput{SlotID: slot.ID, PartnerOrgID: h.orgs["partner"],
			ClientID: client.ID, Note: "Only the hub reads this", Meeting: cases.Meeting{ServiceLanguage: "fi", Topics: []string{"housing"}}}, time.Now())
		return err
	})
	week := "/consultations?week=" + slot.StartsAt.In(cases.Finland).Format("2006-01-02")
	link := `href="/consultations/` + idString(booked.ID) + `"`
	clock := slot.StartsAt.In(cases.Finland).Format("15:04")
	mine := body(t, h.get(h.login("hub", "hub-adviser"), week))
	mustContain(t, mine, link, clock, "Org partner", "Varattu")
	hub := body(t, h.get(h.login("hub", "hub-manager"), week+"&view=hub"))
	mustContain(t, hub, link, `<h3 class="adviser">`)
	partner := body(t, h.get(h.login("partner", "partner-worker"), week))
	mustContain(t, partner, link, clock, "Varattu", "Asuminen")
	for _, page := range []string{mine, hub, partner} {
		if strings.Contains(page, client.Code) || strings.Contains(page, "Only the hub reads this") {
			t.Error("a calendar names the client or shows the note")
		}
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM audit_events WHERE action = 'consultation.view'`); n != 0 {
		t.Errorf("calendars wrote %d audit events: they must not name the client", n)
	}
}

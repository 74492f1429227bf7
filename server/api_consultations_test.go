package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"neuvo/cases"
)

func TestThePartnerBooksThroughTheAPIWithoutAClient(t *testing.T) {
	h := newHarness(t)
	slot := h.publishSlot(2, 10)
	worker := h.accessToken("partner", "partner-worker")
	var free struct{ Items []slotDoc }
	h.api(apiCall{method: "GET", path: "/api/v1/slots", token: worker}).decode(t, &free)
	if len(free.Items) != 1 || free.Items[0].ID != slot.ID || free.Items[0].Adviser != "" || free.Items[0].ConsultationID != nil {
		t.Fatalf("the partner's free slots: %+v", free.Items)
	}
	publish := h.api(apiCall{method: "POST", path: "/api/v1/slots", token: worker, body: `{}`,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	if publish.status != http.StatusForbidden {
		t.Errorf("a partner published a slot: %d", publish.status)
	}
	booking := fmt.Sprintf(`{"slot_id": %d, "service_language": "en", "interpreter_kind": "video", "interpreter_language": "ar",
		"topics": ["permits"], "meeting_link": "https://meet.example/x", "partner_contact_name": "", "partner_contact_email": ""}`, slot.ID)
	h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: worker, body: booking}).problemOf(t, http.StatusBadRequest)
	named := strings.Replace(booking, `"slot_id"`, `"client_id": 1, "slot_id"`, 1)
	p := h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: worker, body: named,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusUnprocessableEntity)
	if !p.has("client", "error.partner_no_client") {
		t.Errorf("naming a client: %+v", p.Errors)
	}
	key := map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}
	created := h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: worker, body: booking, headers: key})
	var doc consultationDoc
	created.decode(t, &doc)
	if created.status != http.StatusCreated || created.header.Get("Location") != "/api/v1/consultations/"+idString(doc.ID) ||
		doc.PartnerOrgID != h.orgs["partner"] || doc.ClientID != nil || doc.Status != "booked" || doc.DetailsWithheld ||
		doc.MeetingLink != "https://meet.example/x" || doc.DurationMin != 45 {
		t.Fatalf("created %d at %q: %+v", created.status, created.header.Get("Location"), doc)
	}
	replay := h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: worker, body: booking, headers: key})
	var again consultationDoc
	replay.decode(t, &again)
	if replay.status != http.StatusOK || again.ID != doc.ID {
		t.Fatalf("replay: %d, id %d", replay.status, again.ID)
	}
	other := h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: worker, body: booking,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusConflict)
	if !other.has("slot", "error.slot_taken") {
		t.Errorf("booking the taken slot: %+v", other.Errors)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations`); n != 1 {
		t.Fatalf("%d consultations stored", n)
	}
}

func TestTheHubHoldsThroughTheAPIOnce(t *testing.T) {
	h := newHarness(t)
	morning := time.Now().In(cases.Finland).AddDate(0, 0, 1)
	morning = time.Date(morning.Year(), morning.Month(), morning.Day(), 8, 0, 0, 0, cases.Finland)
	h.server.now = func() time.Time { return morning }
	h.addPoint(h.orgs["hub"], "Desk")
	adviser := h.accessToken("hub", "hub-adviser")
	booking := fmt.Sprintf(`{"starts_at": %q, "duration_min": 30, "partner_org_id": %d, "service_language": "fi",
		"interpreter_kind": "none", "interpreter_language": "", "topics": ["housing"], "partner_contact_name": "Katja",
		"partner_contact_email": "katja@partner.test", "meeting_link": ""}`, morning.Add(2*time.Hour).Format(time.RFC3339), h.orgs["partner"])
	var doc consultationDoc
	h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: adviser, body: booking,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).decode(t, &doc)
	path := "/api/v1/consultations/" + idString(doc.ID)
	bad := h.api(apiCall{method: "PUT", path: path + "/link", token: adviser, body: `{"meeting_link": "https://me:pw@meet.example"}`}).
		problemOf(t, http.StatusUnprocessableEntity)
	if !bad.has("meeting_link", "error.meeting_link") {
		t.Errorf("a link with a password: %+v", bad.Errors)
	}
	h.server.now = func() time.Time { return morning.Add(3 * time.Hour) }
	draft := h.api(apiCall{method: "GET", path: path + "/contact-draft", token: adviser})
	var contact contactDoc
	draft.decode(t, &contact)
	if draft.status != http.StatusOK || contact.Channel != "video" || contact.Kind != "remote_consultation" ||
		contact.Profile.Municipality != "167" || contact.Profile.AgeBand != cases.Unknown || contact.Outcome != cases.Unknown {
		t.Fatalf("draft %d: %+v", draft.status, contact)
	}
	contact.Outcome = "resolved"
	payload, _ := json.Marshal(statusDoc{Status: "held", Contact: &contact})
	key := map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}
	for i := range 2 { // a retry records nothing twice
		resp := h.api(apiCall{method: "POST", path: path + "/status", token: adviser, body: string(payload), headers: key})
		var held consultationDoc
		resp.decode(t, &held)
		if resp.status != http.StatusOK || held.Status != "held" {
			t.Fatalf("hold %d: %d %+v", i, resp.status, held)
		}
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts WHERE kind = 'remote_consultation' AND outcome = 'resolved'`); n != 1 {
		t.Fatalf("%d contacts recorded by two identical holds", n)
	}
	twice := h.api(apiCall{method: "POST", path: path + "/status", token: adviser, body: string(payload),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusConflict)
	cancel := h.api(apiCall{method: "POST", path: path + "/status", token: adviser, body: `{"status": "cancelled", "reason": "x"}`}).
		problemOf(t, http.StatusConflict)
	if !twice.has("status", "error.consultation_held") || !cancel.has("status", "error.consultation_held") {
		t.Errorf("holding twice %+v, cancelling a held one %+v", twice.Errors, cancel.Errors)
	}
	unknown := h.api(apiCall{method: "POST", path: path + "/status", token: adviser, body: `{"status": "maybe"}`}).
		problemOf(t, http.StatusUnprocessableEntity)
	if !unknown.has("status", "error.choose") {
		t.Errorf("an unknown status: %+v", unknown.Errors)
	}
}

func TestSlotsThroughTheAPI(t *testing.T) {
	h := newHarness(t)
	adviser := h.accessToken("hub", "hub-adviser")
	start := time.Now().In(cases.Finland).AddDate(0, 0, 2).Truncate(time.Hour)
	body := fmt.Sprintf(`{"starts_at": %q, "duration_min": 45, "weekly": true, "until": %q, "service_languages": ["en", "ar"], "topics": []}`,
		start.Format(time.RFC3339), start.AddDate(0, 0, 14).Format("2006-01-02"))
	key := map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}
	created := h.api(apiCall{method: "POST", path: "/api/v1/slots", token: adviser, body: body, headers: key})
	var list struct{ Items []slotDoc }
	created.decode(t, &list)
	if created.status != http.StatusCreated || len(list.Items) != 3 || list.Items[0].SeriesID != key["Idempotency-Key"] {
		t.Fatalf("publishing: %d %+v", created.status, list.Items)
	}
	if replay := h.api(apiCall{method: "POST", path: "/api/v1/slots", token: adviser, body: body, headers: key}); replay.status != http.StatusOK {
		t.Fatalf("replay: %d", replay.status)
	}
	overlap := h.api(apiCall{method: "POST", path: "/api/v1/slots", token: adviser, body: body,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusConflict)
	if !overlap.has("starts_at", "error.slot_overlap") {
		t.Errorf("overlap: %+v", overlap.Errors)
	}
	h.bookSlot(cases.Slot{ID: list.Items[1].ID})
	booked := h.api(apiCall{method: "DELETE", path: "/api/v1/slots/" + idString(list.Items[1].ID), token: adviser}).
		problemOf(t, http.StatusConflict)
	if !booked.has("slot", "error.slot_booked") {
		t.Errorf("withdrawing a booked slot: %+v", booked.Errors)
	}
	series := h.api(apiCall{method: "DELETE", path: "/api/v1/slots/" + idString(list.Items[0].ID) + "?series=true", token: adviser})
	var w withdrawalDoc
	series.decode(t, &w)
	if series.status != http.StatusOK || w.Withdrawn != 2 || w.KeptBooked != 1 {
		t.Fatalf("withdrawing the series: %d %+v", series.status, w)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultation_slots WHERE withdrawn_at IS NULL`); n != 1 {
		t.Fatalf("%d slots still offered or booked, want the booked one", n)
	}
}

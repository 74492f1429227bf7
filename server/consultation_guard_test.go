package server

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestConsultationFormsShowTheGuardsFindingsAndKeepTheTyping posts the
// booking and cancellation forms with identifiers in texts the other
// organisation reads (review M1): the findings come back marked by their
// fields with everything typed kept, an identity code cannot be
// confirmed, and a confirmation of the warnings stores the texts.
func TestConsultationFormsShowTheGuardsFindingsAndKeepTheTyping(t *testing.T) {
	h := newHarness(t)
	slot := h.publishSlot(2, 10)
	worker := h.login("partner", "partner-worker")
	form := body(t, h.get(worker, "/consultations/new?slot="+idString(slot.ID)))
	values := partnerBooking(formKey(t, form), slot.ID)
	values.Set("note", "Soita asukkaalle 040 123 4567")
	values.Set("meeting_link", "https://meet.example/join?guest=matti.virtanen%40gmail.com")

	resp := h.post(worker, "/consultations", values)
	page := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("booking with a phone number: %d", resp.StatusCode)
	}
	mustContain(t, page, `id="guard-note"`, `id="guard-meeting_link"`, `<mark class="finding finding-warn"`,
		`040 123 4567</mark>`, `>Soita asukkaalle 040 123 4567</textarea>`,
		`value="`+html.EscapeString(values.Get("meeting_link"))+`"`, `name="confirm_findings"`,
		`Olen tarkistanut: merkitty teksti saa kulkea`)
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations`); n != 0 {
		t.Fatalf("%d consultations stored by a refused form", n)
	}

	coded := url.Values{}
	for k, v := range values {
		coded[k] = v
	}
	coded.Set("interpreter_ref", "131052-308T")
	coded.Set("confirm_findings", "on")
	resp = h.post(worker, "/consultations", coded)
	page = body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a confirmed identity code: %d", resp.StatusCode)
	}
	mustContain(t, page, `id="guard-interpreter_ref"`, `<mark class="finding finding-block"`)

	values.Set("confirm_findings", "on")
	resp = h.post(worker, "/consultations", values)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the confirmed booking: %d %s", resp.StatusCode, body(t, resp))
	}
	var stored struct {
		ID         int64
		Note, Link string
	}
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["hub"]}, func(tx *sqlx.Tx) error {
		return tx.QueryRow(`SELECT id, note, meeting_link FROM consultations`).Scan(&stored.ID, &stored.Note, &stored.Link)
	})
	if stored.Note != values.Get("note") || stored.Link != values.Get("meeting_link") {
		t.Fatalf("stored %+v", stored)
	}

	path := "/consultations/" + idString(stored.ID)
	cancel := url.Values{"reason": {"Fatima Hassan sairastui"}}
	resp = h.post(worker, path+"/cancel", cancel)
	page = body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("cancelling with a name: %d", resp.StatusCode)
	}
	mustContain(t, page, `id="guard-reason"`, `Fatima Hassan</mark>`, `value="Fatima Hassan sairastui"`)
	cancel.Set("confirm_findings", "on")
	if resp := h.post(worker, path+"/cancel", cancel); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the confirmed cancellation: %d", resp.StatusCode)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations WHERE status = 'cancelled'
		AND status_reason = 'Fatima Hassan sairastui'`); n != 1 {
		t.Fatal("the confirmed reason was not stored")
	}
}

// TestConsultationAPIAnswersTheGuardsFindingsByField books, relinks and
// cancels through the API with identifiers in the crossing texts: each
// finding is a problem+json field error with its code, kind, severity and
// span; confirm_findings keeps the warnings, never an identity code.
func TestConsultationAPIAnswersTheGuardsFindingsByField(t *testing.T) {
	h := newHarness(t)
	slot := h.publishSlot(2, 10)
	worker := h.accessToken("partner", "partner-worker")
	booking := func(note string, confirm bool) string {
		return fmt.Sprintf(`{"slot_id": %d, "service_language": "en", "interpreter_kind": "none", "interpreter_language": "",
			"topics": ["permits"], "meeting_link": "", "note": %q, "confirm_findings": %v}`, slot.ID, note, confirm)
	}
	create := func(body string) apiResult {
		return h.api(apiCall{method: "POST", path: "/api/v1/consultations", token: worker, body: body,
			headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	}
	p := create(booking("Hetu 131052-308T", true)).problemOf(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "note" || p.Errors[0].Code != "error.identity_code" ||
		p.Errors[0].Kind != "identity_code" || p.Errors[0].Severity != "block" || *p.Errors[0].Start != 5 || *p.Errors[0].End != 16 {
		t.Fatalf("an identity code: %+v", p.Errors)
	}
	p = create(booking("Soita 040 123 4567", false)).problemOf(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "note" || p.Errors[0].Code != "error.check_identifiers" ||
		p.Errors[0].Kind != "phone" || p.Errors[0].Severity != "warn" {
		t.Fatalf("a phone number: %+v", p.Errors)
	}
	var doc consultationDoc
	created := create(booking("Soita 040 123 4567", true))
	created.decode(t, &doc)
	if created.status != http.StatusCreated || doc.Note != "Soita 040 123 4567" {
		t.Fatalf("the confirmed booking: %d %+v", created.status, doc)
	}

	adviser := h.accessToken("hub", "hub-adviser")
	path := "/api/v1/consultations/" + idString(doc.ID)
	link := `{"meeting_link": "https://meet.example/Fatima-Hassan", "confirm_findings": %v}`
	p = h.api(apiCall{method: "PUT", path: path + "/link", token: adviser, body: fmt.Sprintf(link, false)}).
		problemOf(t, http.StatusUnprocessableEntity)
	if !p.has("meeting_link", "error.check_identifiers") {
		t.Fatalf("a name in the link: %+v", p.Errors)
	}
	if r := h.api(apiCall{method: "PUT", path: path + "/link", token: adviser, body: fmt.Sprintf(link, true)}); r.status != http.StatusOK {
		t.Fatalf("the confirmed link: %d %s", r.status, r.body)
	}
	reason := `{"status": "cancelled", "reason": "Fatima Hassan sairastui", "confirm_findings": %v}`
	p = h.api(apiCall{method: "POST", path: path + "/status", token: adviser, body: fmt.Sprintf(reason, false)}).
		problemOf(t, http.StatusUnprocessableEntity)
	if !p.has("reason", "error.check_identifiers") {
		t.Fatalf("a name in the reason: %+v", p.Errors)
	}
	if r := h.api(apiCall{method: "POST", path: path + "/status", token: adviser, body: fmt.Sprintf(reason, true)}); r.status != http.StatusOK {
		t.Fatalf("the confirmed cancellation: %d %s", r.status, r.body)
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM consultations WHERE status = 'cancelled' AND status_reason = $1
		AND meeting_link = 'https://meet.example/Fatima-Hassan' AND note = 'Soita 040 123 4567'`, "Fatima Hassan sairastui"); n != 1 {
		t.Fatal("the confirmed texts were not stored")
	}
}

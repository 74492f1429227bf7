package server

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestEveryConsultationReadPathWithholdsTheDetailsFromWorkmates reads a
// consultation through every route that shows one, as a worker of the
// client's municipality who is not its partner contact and as the
// contact who booked it (review M1): the note, the meeting link and the
// interpreter's booking reference reach only the contact, the
// invitation, its QR code and the calendar file are not found for the
// workmate, and the API says the details are withheld.
func TestEveryConsultationReadPathWithholdsTheDetailsFromWorkmates(t *testing.T) {
	h := newHarness(t)
	adviser := h.staffOf("hub", "hub-adviser", cases.RoleAdviser)
	start := time.Now().Add(49 * time.Hour).Truncate(time.Hour)
	var hubBooked cases.Consultation // for the partner, with no partner contact
	h.asStaff(adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) (err error) {
		hubBooked, _, err = cases.Book(context.Background(), tx, nil, tax, adviser, cases.BookingInput{PartnerOrgID: h.orgs["partner"],
			StartsAt: start, DurationMin: 30, Note: "Hub note xq17",
			Meeting: cases.Meeting{ServiceLanguage: "fi", Topics: []string{"housing"}, InterpreterKind: "phone",
				InterpreterLanguage: "ar", InterpreterRef: "REF-xq17", MeetingLink: "https://meet.example/room-xq17"}}, time.Now())
		return err
	})
	own := h.bookSlot(h.publishSlot(3, 10)) // by partner-worker: "Bring the Migri letter", TULKKI-42, room-42
	session, token := h.login("partner", "partner-worker"), h.accessToken("partner", "partner-worker")
	week := func(c cases.Consultation) string { return cases.WeekStart(c.StartsAt).Format(dateOnly) }

	for _, tc := range []struct {
		c       cases.Consultation
		secrets []string
		full    bool
	}{
		{hubBooked, []string{"Hub note xq17", "REF-xq17", "room-xq17"}, false},
		{own, []string{"Bring the Migri letter", "TULKKI-42", "room-42"}, true},
	} {
		id := idString(tc.c.ID)
		reads := []struct {
			path   string
			bearer bool
			status int // for a reader without the details; 200 for the contact
		}{
			{"/consultations/" + id, false, http.StatusOK},
			{"/consultations?week=" + week(tc.c), false, http.StatusOK},
			{"/consultations/" + id + "/invitation", false, http.StatusNotFound},
			{"/consultations/" + id + "/qr.svg", false, http.StatusNotFound},
			{"/consultations/" + id + "/qr.png", false, http.StatusNotFound},
			{"/consultations/" + id + "/calendar.ics", false, http.StatusNotFound},
			{"/api/v1/consultations?from=" + week(tc.c), true, http.StatusOK},
			{"/api/v1/consultations/" + id, true, http.StatusOK},
		}
		for _, r := range reads {
			var resp *http.Response
			if r.bearer {
				resp = h.isolationRequest(session, token, "bearer", "GET", r.path)
			} else {
				resp = h.get(session, r.path)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := r.status
			if tc.full {
				want = http.StatusOK
			}
			if resp.StatusCode != want {
				t.Errorf("%s (full %v): %d, want %d", r.path, tc.full, resp.StatusCode, want)
				continue
			}
			text := string(raw)
			for i, secret := range tc.secrets {
				// The contact finds every detail on the page and in the API's
				// record, and the link in the invitation and calendar file.
				expected := tc.full && (r.path == "/consultations/"+id || r.path == "/api/v1/consultations/"+id ||
					i == 2 && (strings.HasSuffix(r.path, "/invitation") || strings.HasSuffix(r.path, ".ics")))
				if strings.Contains(text, secret) != expected && (expected || !tc.full) {
					t.Errorf("%s (full %v): %q shown %v", r.path, tc.full, secret, !expected)
				}
			}
			if strings.HasPrefix(r.path, "/api/v1/consultations/") && strings.Contains(text, `"details_withheld":true`) == tc.full {
				t.Errorf("%s (full %v): %s", r.path, tc.full, text)
			}
		}
	}
}

package server

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/jmoiron/sqlx"
	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"

	"neuvo/cases"
)

func TestTheInvitationIsInTheClientsLanguageWithAQRCodeOfTheLink(t *testing.T) {
	h := newHarness(t)
	c := h.bookSlot(h.publishSlot(3, 10))
	page := "/consultations/" + idString(c.ID)
	worker := h.login("partner", "partner-worker")
	sv := body(t, h.get(worker, page+"/invitation?lang=sv"))
	when := c.StartsAt.In(cases.Finland)
	swedishDays := []string{"Söndag", "Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag"}
	mustContain(t, sv, `lang="sv" id="invitation"`, "Inbjudan till distansrådgivning", "finsk tid",
		swedishDays[when.Weekday()]+" "+when.Format("2.1.2006")+" kl. "+when.Format("15:04"),
		"En tolk (arabiska) deltar i videomötet.", "https://meet.example/room-42", `src="`+page+`/qr.svg"`, `class="no-print invitation-tools"`)
	mustContain(t, body(t, h.get(worker, h.server.pages.Assets.URL("app.css"))), "@media print", ".no-print")
	if strings.Contains(sv, "Bring the Migri letter") || strings.Contains(sv, "TULKKI-42") {
		t.Error("the client's invitation shows the note to the adviser or the interpreter booking")
	}
	mustContain(t, body(t, h.get(worker, page+"/invitation")), "Invitation to a remote consultation") // the service language
	mustContain(t, body(t, h.get(worker, page+"/invitation?lang=fi")), "Kutsu etäneuvontaan", "Suomen aikaa")

	resp := h.get(worker, page+"/qr.png")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("qr.png: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	img, err := png.Decode(strings.NewReader(body(t, resp)))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != "https://meet.example/room-42" {
		t.Fatalf("the QR code says %q", got)
	}
	svg := h.get(worker, page+"/qr.svg")
	if text := body(t, svg); svg.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(text, "<svg") {
		t.Fatalf("qr.svg: %s %.40q", svg.Header.Get("Content-Type"), text)
	}
	// Who does not see the meeting link does not get its invitation.
	manager := h.login("partner", "partner-adviser")
	mustContain(t, body(t, h.get(manager, page)), "Varattu")
	for _, path := range []string{"/invitation", "/qr.png", "/calendar.ics"} {
		if resp := h.get(manager, page+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s for a partner colleague: %d", path, resp.StatusCode)
		}
	}
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	result, err := zxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decoding the QR code: %v", err)
	}
	return result.GetText()
}

// The .ics keeps its UID, grows its SEQUENCE on a move and becomes a
// cancellation, read back with a real iCalendar parser.
func TestTheCalendarFileFollowsTheConsultation(t *testing.T) {
	h := newHarness(t)
	c := h.bookSlot(h.publishSlot(3, 10))
	later := h.publishSlot(4, 12)
	adviser := h.login("hub", "hub-adviser")
	uid := "consultation-" + idString(c.ID) + "@127.0.0.1"
	event := func() (*goical.Calendar, *goical.Event) {
		t.Helper()
		resp := h.get(adviser, "/consultations/"+idString(c.ID)+"/calendar.ics")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("calendar.ics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		cal, err := goical.NewDecoder(bytes.NewReader([]byte(body(t, resp)))).Decode()
		if err != nil {
			t.Fatalf("parsing the .ics: %v", err)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d events", len(events))
		}
		return cal, &events[0]
	}
	check := func(step, method, sequence, status string, start time.Time) {
		t.Helper()
		cal, e := event()
		got := map[string]string{"METHOD": cal.Props.Get("METHOD").Value, "UID": e.Props.Get("UID").Value,
			"SEQUENCE": e.Props.Get("SEQUENCE").Value, "STATUS": e.Props.Get("STATUS").Value,
			"URL": e.Props.Get("URL").Value, "TZID": e.Props.Get("DTSTART").Params.Get("TZID")}
		want := map[string]string{"METHOD": method, "UID": uid, "SEQUENCE": sequence, "STATUS": status,
			"URL": "https://meet.example/room-42", "TZID": "Europe/Helsinki"}
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s: %s is %q, want %q", step, k, got[k], want[k])
			}
		}
		if starts, err := e.DateTimeStart(time.UTC); err != nil || !starts.Equal(start) {
			t.Errorf("%s: DTSTART %s (%v), want %s", step, starts, err, start)
		}
		if desc := e.Props.Get("DESCRIPTION"); desc == nil || strings.Contains(desc.Value, "Migri") {
			t.Errorf("%s: description %v", step, desc)
		}
	}
	check("booked", "REQUEST", "0", "CONFIRMED", c.StartsAt)
	adviserStaff := h.staffOf("hub", "hub-adviser", cases.RoleAdviser)
	h.asStaff(adviserStaff, func(tx *sqlx.Tx, _ *cases.Taxonomy) error {
		_, err := cases.RescheduleConsultation(context.Background(), tx, nil, adviserStaff, c.ID, cases.Reschedule{SlotID: later.ID}, time.Now())
		return err
	})
	check("moved", "REQUEST", "1", "CONFIRMED", later.StartsAt)
	h.asStaff(adviserStaff, func(tx *sqlx.Tx, _ *cases.Taxonomy) error {
		_, err := cases.CancelConsultation(context.Background(), tx, nil, adviserStaff, c.ID, cases.Cancellation{Reason: "adviser ill"}, time.Now())
		return err
	})
	check("cancelled", "CANCEL", "2", "CANCELLED", later.StartsAt)
}

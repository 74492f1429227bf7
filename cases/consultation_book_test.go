package cases_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func TestParallelBookingsOfOneSlotExactlyOneWins(t *testing.T) {
	w := newConsultWorld(t)
	slot := w.publish(t, w.adviser, 48*time.Hour, 60)
	bookers := []cases.Staff{w.worker, w.workmate, w.outsider, w.worker, w.workmate, w.outsider, w.adviser, w.worker}
	errs := make([]error, len(bookers))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, who := range bookers {
		wg.Go(func() {
			<-start
			errs[i] = cases.InScope(context.Background(), w.d.Service, cases.Scope{OrgID: who.OrgID, UserID: who.UserID},
				func(tx *sqlx.Tx) error {
					tax, err := cases.LoadTaxonomy(context.Background(), tx)
					if err == nil {
						in := booking(slot.ID)
						in.PartnerOrgID = w.n.PartnerID // the hub adviser says whose resident; partners are themselves
						_, _, err = cases.Book(context.Background(), tx, nil, tax, who, in, w.now)
					}
					return err
				})
		})
	}
	close(start)
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, cases.ErrConflict):
			t.Errorf("booker %d: %v, want a conflict", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d bookings of one slot succeeded, want exactly one", won)
	}
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations WHERE slot_id = $1`, slot.ID); n != 1 {
		t.Fatalf("%d consultations stored for the slot", n)
	}
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_slots WHERE id = $1 AND booked`, slot.ID); n != 1 {
		t.Fatal("the slot is not marked booked")
	}
}

func TestOneAdviserCannotBeBookedTwiceAtOnce(t *testing.T) {
	w := newConsultWorld(t)
	adHoc := func(offset time.Duration) cases.BookingInput {
		in := booking(0)
		in.StartsAt, in.DurationMin, in.PartnerOrgID = w.now.Add(72*time.Hour+offset), 60, w.n.PartnerID
		return in
	}
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Go(func() {
			errs[i] = cases.InScope(context.Background(), w.d.Service, cases.Scope{OrgID: w.n.HubID, UserID: w.adviser.UserID},
				func(tx *sqlx.Tx) error {
					tax, _ := cases.LoadTaxonomy(context.Background(), tx)
					_, _, err := cases.Book(context.Background(), tx, nil, tax, w.adviser, adHoc(time.Duration(i)*15*time.Minute), w.now)
					return err
				})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		var v *cases.ValidationError
		if err == nil {
			won++
		} else if !errors.Is(err, cases.ErrConflict) || !errors.As(err, &v) || v.For("starts_at") != "error.adviser_busy" {
			t.Errorf("overlapping ad-hoc booking: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d overlapping bookings of one adviser succeeded, want one", won)
	}
	// A slot published over the booked time cannot be booked either.
	slot := w.publish(t, w.adviser, 72*time.Hour+30*time.Minute, 30)
	w.as(t, w.worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		_, _, err := cases.Book(context.Background(), tx, nil, tax, w.worker, booking(slot.ID), w.now)
		if !errors.Is(err, cases.ErrConflict) {
			t.Errorf("booking a slot over the adviser's ad-hoc consultation: %v", err)
		}
	})
}

func TestPartnerBooksForItsOwnMunicipalityWithoutAClient(t *testing.T) {
	w := newConsultWorld(t)
	slot := w.publish(t, w.adviser, 24*time.Hour, 45)
	in := booking(slot.ID)
	in.IdempotencyKey = cases.NewIdempotencyKey()
	in.PartnerOrgID = w.partner2 // ignored: a partner books for itself
	c := w.book(t, w.worker, in)
	if c.PartnerOrgID != w.n.PartnerID || c.MunicipalityCode != "426" || c.OrgID != w.n.HubID || c.AdviserID != w.adviser.UserID {
		t.Fatalf("booked %+v", c)
	}
	if c.PartnerContactID == nil || *c.PartnerContactID != w.worker.UserID || c.PartnerContactName != w.worker.Name ||
		c.PartnerContactEmail != w.worker.Email || !c.Details || c.Note != in.Note || c.DurationMin() != 45 {
		t.Fatalf("the partner contact or details: %+v", c)
	}
	again := w.book(t, w.worker, in)
	if again.ID != c.ID {
		t.Fatalf("a replay booked %d beside %d", again.ID, c.ID)
	}
	w.as(t, w.worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		other := w.publish(t, w.colleague, 30*time.Hour, 30)
		named := booking(other.ID)
		named.ClientID = 1
		_, _, err := cases.Book(context.Background(), tx, nil, tax, w.worker, named, w.now)
		var v *cases.ValidationError
		if !errors.As(err, &v) || v.For("client") != "error.partner_no_client" {
			t.Errorf("a partner naming a client: %v", err)
		}
		adHoc := booking(0)
		adHoc.StartsAt, adHoc.DurationMin = w.now.Add(50*time.Hour), 30
		if _, _, err := cases.Book(context.Background(), tx, nil, tax, w.worker, adHoc, w.now); !errors.As(err, &v) || v.For("slot") != "error.slot_required" {
			t.Errorf("a partner booking an ad-hoc time: %v", err)
		}
	})
	var events, audits int
	events = w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_events WHERE consultation_id = $1 AND kind = 'booked'`, c.ID)
	audits = w.count(t, w.n.PartnerID, `SELECT count(*) FROM audit_events WHERE action = 'consultation.book' AND record_id = $1`, idText(c.ID))
	if events != 1 || audits != 1 {
		t.Fatalf("booking wrote %d history rows and %d audit events, want one each", events, audits)
	}
}

func TestBookingInputIsValidated(t *testing.T) {
	w := newConsultWorld(t)
	slot := w.publish(t, w.adviser, 24*time.Hour, 45)
	bad := func(change func(*cases.BookingInput)) cases.BookingInput {
		in := booking(slot.ID)
		change(&in)
		return in
	}
	for _, c := range []struct {
		name, field, key string
		in               cases.BookingInput
	}{
		{"http link", "meeting_link", "error.meeting_link", bad(func(in *cases.BookingInput) { in.MeetingLink = "http://meet.example/x" })},
		{"link with a password", "meeting_link", "error.meeting_link", bad(func(in *cases.BookingInput) { in.MeetingLink = "https://me:pw@meet.example/x" })},
		{"link without a host", "meeting_link", "error.meeting_link", bad(func(in *cases.BookingInput) { in.MeetingLink = "https:///x" })},
		{"script link", "meeting_link", "error.meeting_link", bad(func(in *cases.BookingInput) { in.MeetingLink = "javascript:alert(1)" })},
		{"no language", "service_language", "error.required", bad(func(in *cases.BookingInput) { in.ServiceLanguage = "" })},
		{"a language the slot lacks", "service_language", "error.slot_language", bad(func(in *cases.BookingInput) { in.ServiceLanguage = "sv" })},
		{"interpreter without language", "interpreter_language", "error.interpreter_language", bad(func(in *cases.BookingInput) { in.InterpreterLanguage = "" })},
		{"unknown interpreter kind", "interpreter_kind", "error.unknown_code", bad(func(in *cases.BookingInput) { in.InterpreterKind = "telepathy" })},
		{"no topic", "topics", "error.topic_required", bad(func(in *cases.BookingInput) { in.Topics = nil })},
		{"unknown slot", "slot", "error.unknown_record", bad(func(in *cases.BookingInput) { in.SlotID = 999999 })},
	} {
		w.as(t, w.worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
			_, _, err := cases.Book(context.Background(), tx, nil, tax, w.worker, c.in, w.now)
			var v *cases.ValidationError
			if !errors.As(err, &v) || v.For(c.field) != c.key {
				t.Errorf("%s: %v, want %s on %s", c.name, err, c.key, c.field)
			}
		})
	}
	for link, want := range map[string]string{"": "", "HTTPS://Teams.Example/l/x?a=1": "https://Teams.Example/l/x?a=1",
		"https://whereby.com/neuvo": "https://whereby.com/neuvo"} {
		in := bad(func(in *cases.BookingInput) { in.MeetingLink = link; in.IdempotencyKey = cases.NewIdempotencyKey() })
		in.SlotID = w.publish(t, w.adviser, time.Duration(30+len(link))*time.Hour, 30).ID
		if c := w.book(t, w.worker, in); c.MeetingLink != want || c.LinkToFollow() != (want == "") {
			t.Errorf("link %q stored as %q", link, c.MeetingLink)
		}
	}
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations`); n != 3 {
		t.Fatalf("%d consultations stored, want the 3 valid ones", n)
	}
}

func TestTheHubBooksForAClientAndOnlyTheHubKnowsWhichClient(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	var client cases.Client
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		client, _, err = cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{Name: "Amina", Email: "amina@example.test"}, w.now)
		if err != nil {
			t.Fatal(err)
		}
	})
	slot := w.publish(t, w.adviser, 24*time.Hour, 45)
	in := booking(slot.ID)
	in.PartnerOrgID, in.ClientID, in.InviteClient = w.n.PartnerID, client.ID, true
	in.PartnerContactName = "Katja from Liperi"
	c := w.book(t, w.adviser, in)
	if c.ClientID == nil || *c.ClientID != client.ID || !c.InviteClient || c.PartnerContactID != nil {
		t.Fatalf("the hub's booking: %+v", c)
	}
	// Row-level security, not only the handlers, keeps the client from the
	// partner: raw SQL in the partner's scope sees no client rows at all.
	for _, org := range []int64{w.n.PartnerID, w.partner2} {
		if n := w.count(t, org, `SELECT count(*) FROM consultation_clients`); n != 0 {
			t.Errorf("organisation %d sees %d consultation_clients rows", org, n)
		}
	}
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_clients WHERE client_id = $1`, client.ID); n != 1 {
		t.Fatalf("the hub sees %d client rows", n)
	}
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		seen, err := cases.GetConsultation(ctx, tx, w.worker, c.ID)
		if err != nil || seen.ClientID != nil || seen.ClientCode != nil || seen.Note != "" || seen.MeetingLink != "" ||
			seen.InterpreterRef != "" || seen.Details || seen.Adviser != "" || seen.InterpreterLanguage != "ar" {
			t.Errorf("the partner sees %+v (%v)", seen, err)
		}
	})
	raw := w.d.Service.MustBegin()
	cases.SetScope(ctx, raw, cases.Scope{OrgID: w.n.PartnerID, UserID: w.worker.UserID})
	if _, err := raw.Exec(`UPDATE consultations SET note = 'changed' WHERE id = $1`, c.ID); err == nil {
		t.Error("the partner changed the hub's note with raw SQL")
	}
	raw.Rollback()
	w.as(t, w.outsider, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.GetConsultation(ctx, tx, w.outsider, c.ID); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("another municipality reads the consultation: %v", err)
		}
	})
	w.as(t, w.manager, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		seen, err := cases.GetConsultation(ctx, tx, w.manager, c.ID)
		if err != nil || seen.ClientID != nil || seen.ClientCode != nil || seen.Note == "" {
			t.Errorf("the hub's manager sees %+v (%v)", seen, err)
		}
	})
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		seen, err := cases.GetConsultation(ctx, tx, w.adviser, c.ID)
		if err != nil || seen.ClientCode == nil || *seen.ClientCode != client.Code {
			t.Errorf("the adviser sees %+v (%v)", seen, err)
		}
		list, err := cases.ListConsultations(ctx, tx, w.adviser, cases.ConsultationFilter{})
		if err != nil || len(list) != 1 || list[0].ClientID != nil || list[0].ClientCode != nil {
			t.Errorf("the calendar names the client: %+v (%v)", list, err)
		}
	})
	views := w.count(t, w.n.HubID, `SELECT count(*) FROM audit_events WHERE action = 'consultation.view'
		AND record_id = $1 AND details->>'client_id' = $2`, idText(c.ID), idText(client.ID))
	if views != 1 {
		t.Fatalf("%d audit events for reads naming the client, want 1 (the adviser's; the manager's named none)", views)
	}
}

func TestThePartnerContactSeesTheirBookingInFullAndWorkmatesDoNot(t *testing.T) {
	w := newConsultWorld(t)
	c := w.book(t, w.worker, booking(w.publish(t, w.adviser, 24*time.Hour, 45).ID))
	for who, full := range map[*cases.Staff]bool{&w.worker: true, &w.workmate: false} {
		w.as(t, *who, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
			seen, err := cases.GetConsultation(context.Background(), tx, *who, c.ID)
			if err != nil || seen.Details != full || (seen.MeetingLink != "") != full || (seen.InterpreterRef != "") != full ||
				(seen.Note != "") != full || seen.Status != "booked" || len(seen.Topics) != 2 {
				t.Errorf("%s (full %v) sees %+v (%v)", who.Name, full, seen, err)
			}
		})
	}
}

// TestBookingsYearsAheadAreRefused: an ad-hoc booking or a move more than
// two years ahead is a typing error, refused by the time field (review
// low 3); two years less a day is fine.
func TestBookingsYearsAheadAreRefused(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	in := cases.BookingInput{PartnerOrgID: w.n.PartnerID, StartsAt: w.now.AddDate(2, 0, 1), DurationMin: 30,
		Meeting: cases.Meeting{ServiceLanguage: "fi", Topics: []string{"housing"}}}
	var v *cases.ValidationError
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		if _, _, err := cases.Book(ctx, tx, nil, tax, w.adviser, in, w.now); !errors.As(err, &v) || v.For("starts_at") != "error.too_far_ahead" {
			t.Errorf("booking two years and a day ahead: %v", err)
		}
	})
	in.StartsAt = w.now.AddDate(2, 0, -1)
	c := w.book(t, w.adviser, in)
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		_, err := cases.RescheduleConsultation(ctx, tx, nil, w.adviser, c.ID,
			cases.Reschedule{StartsAt: w.now.AddDate(3, 0, 0), DurationMin: 30}, w.now)
		if !errors.As(err, &v) || v.For("starts_at") != "error.too_far_ahead" {
			t.Errorf("moving three years ahead: %v", err)
		}
	})
	if n := w.count(t, w.n.HubID, `SELECT count(*) FROM consultations WHERE starts_at > $1`, w.now.AddDate(2, 0, 0)); n != 0 {
		t.Fatal("a consultation years ahead was stored")
	}
}

package cases_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/cases/notify/mailpit"
	"neuvo/cases/workcal"
	"neuvo/frontend"
)

// mailWorld is the consultation world with a running job client that
// sends through a real SMTP server (Mailpit).
type mailWorld struct {
	*consultWorld
	mail   *mailpit.Process
	outbox *notify.Outbox
	send   *cases.ConsultationMail
}

func newMailWorld(t *testing.T) *mailWorld {
	w := &mailWorld{consultWorld: newConsultWorld(t)}
	bin, err := mailpit.Binary(context.Background(), ".")
	if err != nil {
		t.Fatal(err)
	}
	smtpAddr, _ := mailpit.FreeAddr()
	uiAddr, _ := mailpit.FreeAddr()
	if w.mail, err = mailpit.Start(context.Background(), bin, smtpAddr, uiAddr); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.mail.Stop)
	render, err := frontend.New()
	if err != nil {
		t.Fatal(err)
	}
	texts := func(lang, key string) string { return render.Lang(lang).T(key) }
	smtp := w.mail.SMTP("Neuvo <neuvo@neuvo.test>")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg := jobs.NewRegistry()
	notify.Register(reg, w.d.Service, smtp, log)
	w.send = &cases.ConsultationMail{Host: "neuvo.test", Texts: texts, Calendar: workcal.Default()}
	cases.RegisterConsultationJobs(reg, w.d.Service, w.send)
	client, err := jobs.New(w.d.Service, reg, jobs.Options{PollInterval: 100 * time.Millisecond, TestOnly: true, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://neuvo.test")
	if w.outbox, err = notify.NewOutbox(client, texts, base, smtp); err != nil {
		t.Fatal(err)
	}
	w.send.Outbox = w.outbox
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		client.Stop(ctx)
	})
	return w
}

// waitFor polls Mailpit until n messages have arrived.
func (w *mailWorld) waitFor(t *testing.T, n int) []mailpit.Message {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		list, err := w.mail.Messages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) < n {
			continue
		}
		var out []mailpit.Message
		for _, s := range list {
			m, err := w.mail.Message(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
		}
		return out
	}
	t.Fatalf("fewer than %d messages arrived within 20 s", n)
	return nil
}

func to(messages []mailpit.Message, address string) []mailpit.Message {
	var out []mailpit.Message
	for _, m := range messages {
		if len(m.To) == 1 && m.To[0].Address == address {
			out = append(out, m)
		}
	}
	return out
}

// A hub booking for an invited client, cancelled by the partner: the
// client gets the invitation and then the cancellation as .ics files,
// although the partner's own transaction cannot read who the client is;
// the adviser hears of the cancellation; nobody hears of their own act.
func TestTheInvitedClientGetsTheCalendarFileAndStaffGetALink(t *testing.T) {
	w := newMailWorld(t)
	ctx := context.Background()
	var client cases.Client
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		client, _, err = cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{Email: "amina@example.test", ClientLanguage: "sv"}, w.now)
		if err != nil {
			t.Fatal(err)
		}
	})
	in := booking(w.publish(t, w.adviser, 24*time.Hour, 45).ID)
	in.PartnerOrgID, in.ClientID, in.InviteClient = w.n.PartnerID, client.ID, true
	var c cases.Consultation
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		if c, _, err = cases.Book(ctx, tx, w.outbox.Jobs(), tax, w.adviser, in, w.now); err != nil {
			t.Fatal(err)
		}
	})
	w.waitFor(t, 1) // the invitation, before it is cancelled
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.CancelConsultation(ctx, tx, w.outbox.Jobs(), w.worker, c.ID, cases.Cancellation{Reason: "The resident moved"}, w.now); err != nil {
			t.Fatal(err)
		}
	})
	all := w.waitFor(t, 3)
	invitations := to(all, "amina@example.test")
	adviser := to(all, w.adviser.Email)
	if len(all) != 3 || len(invitations) != 2 || len(adviser) != 1 {
		t.Fatalf("%d messages: %d to the client, %d to the adviser", len(all), len(invitations), len(adviser))
	}
	when := c.StartsAt.In(cases.Finland).Format("2.1.2006 15:04")
	if !strings.HasPrefix(adviser[0].Subject, "Neuvo: etäneuvonta "+when+" peruttu") ||
		!strings.Contains(adviser[0].Text, "https://neuvo.test/consultations/"+idText(c.ID)) ||
		strings.Contains(adviser[0].Text, "moved") {
		t.Errorf("the adviser's mail: %q\n%s", adviser[0].Subject, adviser[0].Text)
	}
	methods := map[string]string{}
	for _, m := range invitations {
		if len(m.Attachments) != 1 || m.Attachments[0].FileName != "invitation.ics" {
			t.Fatalf("the client's mail %q has attachments %+v", m.Subject, m.Attachments)
		}
		data, err := w.mail.Attachment(ctx, m.ID, m.Attachments[0].PartID)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatalf("the client's .ics does not parse: %v", err)
		}
		event := cal.Events()[0]
		methods[m.Subject] = cal.Props.Get("METHOD").Value + " " + event.Props.Get("SEQUENCE").Value + " " + event.Props.Get("URL").Value
		if strings.Contains(m.Text, "amina") || strings.Contains(string(data), "Resident prefers") || strings.Contains(m.Text, "log in") {
			t.Errorf("the client's mail says too much:\n%s", m.Text)
		}
	}
	link := in.MeetingLink
	for _, m := range invitations {
		if strings.HasPrefix(m.Subject, "Inbjudan") && !strings.Contains(m.Text, link) {
			t.Errorf("the client's invitation does not say how to join:\n%s", m.Text)
		}
	}
	if methods["Inbjudan: videomöte "+when] != "REQUEST 0 "+link || methods["Inställt: videomöte "+when] != "CANCEL 1 "+link {
		t.Errorf("the client's calendar files: %v", methods)
	}
	reads := w.count(t, w.n.HubID, `SELECT count(*) FROM audit_events WHERE action = 'client.view'
		AND purpose = 'consultation_invitation' AND record_id = $1`, idText(client.ID))
	told := w.count(t, w.n.HubID, `SELECT count(*) FROM consultation_events WHERE notified_at IS NOT NULL`)
	if reads != 2 || told != 2 {
		t.Errorf("%d audited reads of the address (want 2), %d events told (want 2)", reads, told)
	}
	// A job run again after a crash tells nobody twice.
	var event int64
	w.d.InScope(t, cases.Scope{OrgID: w.n.HubID}, func(tx *sqlx.Tx) error {
		if err := tx.Get(&event, `SELECT max(id) FROM consultation_events`); err != nil {
			return err
		}
		return w.send.Tell(ctx, tx, event)
	})
	time.Sleep(500 * time.Millisecond)
	if list, _ := w.mail.Messages(ctx); len(list) != 3 {
		t.Fatalf("%d messages after telling the same event again, want 3", len(list))
	}
}

func TestRemindersCoverTheDaysUntilTheNextWorkingDay(t *testing.T) {
	cal := workcal.Default()
	day := func(s string) time.Time {
		d, _ := time.ParseInLocation("2006-01-02 15:04", s, cases.Finland)
		return d
	}
	for _, c := range []struct{ run, from, to string }{
		{"2026-10-21 14:00", "2026-10-22 00:00", "2026-10-23 00:00"}, // Wednesday: Thursday
		{"2026-10-23 14:00", "2026-10-24 00:00", "2026-10-27 00:00"}, // Friday: the weekend and Monday
		{"2026-05-13 14:00", "2026-05-14 00:00", "2026-05-16 00:00"}, // before Ascension Day: Thursday and Friday
		{"2026-12-23 14:00", "2026-12-24 00:00", "2026-12-29 00:00"}, // before Christmas: up to Monday the 28th
	} {
		from, to, ok := cases.ReminderWindow(cal, day(c.run))
		if !ok || !from.Equal(day(c.from)) || !to.Equal(day(c.to)) {
			t.Errorf("run %s: %s – %s (%v), want %s – %s", c.run, from, to, ok, c.from, c.to)
		}
	}
	if _, _, ok := cases.ReminderWindow(cal, day("2026-10-24 14:00")); ok {
		t.Error("a Saturday run reminded of something")
	}
}

func TestRemindersGoOnceAndAgainAfterAMove(t *testing.T) {
	w := newMailWorld(t)
	ctx := context.Background()
	friday := time.Date(2026, 10, 23, 14, 0, 0, 0, cases.Finland)
	at := func(day, hour int) time.Duration {
		return time.Date(2026, 10, day, hour, 0, 0, 0, cases.Finland).Sub(w.now)
	}
	w.now = friday.Add(-72 * time.Hour)
	monday := w.publish(t, w.adviser, at(26, 10), 45)
	tuesday := w.publish(t, w.adviser, at(27, 10), 45)
	c := w.book(t, w.worker, booking(monday.ID))
	w.book(t, w.workmate, booking(tuesday.ID))
	if n, err := cases.SendConsultationReminders(ctx, w.d.Service, w.send, friday); err != nil || n != 1 {
		t.Fatalf("Friday's reminders: %d, %v; want Monday's one", n, err)
	}
	if n, _ := cases.SendConsultationReminders(ctx, w.d.Service, w.send, friday); n != 0 {
		t.Fatalf("a second run on Friday reminded %d again", n)
	}
	messages := w.waitFor(t, 2)
	if len(to(messages, w.adviser.Email)) != 1 || len(to(messages, w.worker.Email)) != 1 ||
		!strings.HasPrefix(messages[0].Subject, "Neuvo: etäneuvonta ") {
		t.Fatalf("Friday's mail: %d messages", len(messages))
	}
	later := w.publish(t, w.colleague, at(26, 15), 45) // in the window again
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.RescheduleConsultation(ctx, tx, nil, w.worker, c.ID, cases.Reschedule{SlotID: later.ID}, w.now); err != nil {
			t.Fatal(err)
		}
	})
	if n, _ := cases.SendConsultationReminders(ctx, w.d.Service, w.send, friday); n != 1 {
		t.Fatalf("after the move %d reminders, want the moved one again", n)
	}
}

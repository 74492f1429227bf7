package notify_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/notify"
)

var invitation = []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Neuvo//test//EN\r\nEND:VCALENDAR\r\n")

func TestEnqueuedMessageArrivesWithItsAttachment(t *testing.T) {
	mail := startMailpit(t, "")
	e := newEnv(t, mail.SMTP("Neuvo <neuvo@neuvo.test>"))
	at := time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)
	m := notify.Message{To: "Aino Adviser <aino@hub.test>", Lang: "sv", Template: notify.Test,
		Fields:      notify.Fields{Number: "1042", Link: "/notifications", At: at},
		Attachments: []notify.Attachment{{Name: "invitation.ics", ContentType: "text/calendar; method=REQUEST", Content: invitation}}}
	id := e.enqueue(m)
	stored := e.waitRow(id, "sent", func(r row) bool { return r.Status == "sent" })
	if stored.Attempts != 1 || stored.SentAt == nil || stored.LastError != "" {
		t.Errorf("stored after sending: %+v", stored)
	}
	ctx := context.Background()
	got, err := mail.Message(ctx, caught(t, mail, 1)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.To) != 1 || got.To[0].Address != "aino@hub.test" || got.From.Address != "neuvo@neuvo.test" {
		t.Errorf("from %+v to %+v", got.From, got.To)
	}
	if got.Subject != "Neuvo: testmeddelande" {
		t.Errorf("subject %q, want the Swedish one", got.Subject)
	}
	if "<"+got.MessageID+">" != stored.MessageID || !strings.HasSuffix(stored.MessageID, "@neuvo.test>") {
		t.Errorf("Message-ID %q, stored %q", got.MessageID, stored.MessageID)
	}
	for _, want := range []string{"testmeddelande från Neuvo", "https://neuvo.test/notifications", "aldrig klientuppgifter"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("text body lacks %q:\n%s", want, got.Text)
		}
	}
	if !strings.Contains(got.HTML, `<a href="https://neuvo.test/notifications">`) {
		t.Errorf("HTML body has no link:\n%s", got.HTML)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].FileName != "invitation.ics" ||
		!strings.HasPrefix(got.Attachments[0].ContentType, "text/calendar") {
		t.Fatalf("attachments %+v", got.Attachments)
	}
	content, err := mail.Attachment(ctx, got.ID, got.Attachments[0].PartID)
	if err != nil || !bytes.Equal(content, invitation) {
		t.Errorf("attachment %q (%v), want %q", content, err, invitation)
	}
	headers, err := mail.Headers(ctx, got.ID)
	if err != nil || strings.Join(headers["Auto-Submitted"], "") != "auto-generated" {
		t.Errorf("Auto-Submitted %v (%v)", headers["Auto-Submitted"], err)
	}
}

func TestRolledBackEnqueueSendsNothing(t *testing.T) {
	mail := startMailpit(t, "")
	e := newEnv(t, mail.SMTP("neuvo@neuvo.test"))
	ctx := context.Background()
	tx, err := e.d.Service.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec(`SELECT set_config('app.org_id', $1, true)`, idText(e.net.HubID))
	if _, err := e.outbox.Enqueue(ctx, tx, testMessage("aino@hub.test")); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()
	// A committed message after it proves the worker runs: by the time it
	// arrives, the rolled-back one would have too.
	e.enqueue(testMessage("second@hub.test"))
	list := caught(t, mail, 1)
	time.Sleep(500 * time.Millisecond)
	list = caught(t, mail, 1)
	if list[0].To[0].Address != "second@hub.test" {
		t.Fatalf("mailpit got a message to %v", list[0].To)
	}
	var rows, jobs int
	e.inHub(func(tx *sqlx.Tx) error { return tx.Get(&rows, `SELECT count(*) FROM outbox_messages`) })
	e.d.Owner.Get(&jobs, `SELECT count(*) FROM river_job WHERE kind = 'notify_send'`)
	if rows != 1 || jobs != 1 {
		t.Fatalf("%d outbox rows and %d send jobs, want 1 and 1", rows, jobs)
	}
}

func TestWithoutSMTPNothingIsStoredOrSent(t *testing.T) {
	e := newEnv(t, notify.SMTP{})
	if e.outbox.MailConfigured() {
		t.Fatal("an empty SMTP configuration counts as configured")
	}
	if id := e.enqueue(testMessage("aino@hub.test")); id != 0 {
		t.Fatalf("Enqueue without SMTP stored message %d", id)
	}
	var rows int
	e.inHub(func(tx *sqlx.Tx) error { return tx.Get(&rows, `SELECT count(*) FROM outbox_messages`) })
	if rows != 0 {
		t.Fatalf("%d outbox rows without SMTP", rows)
	}
}

func TestMessagesRefuseAnythingButALinkAndANumber(t *testing.T) {
	e := newEnv(t, smtpTo("127.0.0.1:1"))
	ok := testMessage("aino@hub.test")
	for name, change := range map[string]func(m *notify.Message){
		"query string in link": func(m *notify.Message) { m.Fields.Link = "/clients?name=Ahmed" },
		"absolute link":        func(m *notify.Message) { m.Fields.Link = "https://evil.test/" },
		"words as number":      func(m *notify.Message) { m.Fields.Number = "Ahmed Hassan" },
		"unknown template":     func(m *notify.Message) { m.Template = "free_text" },
		"no address":           func(m *notify.Message) { m.To = "Aino" },
		"unknown language":     func(m *notify.Message) { m.Lang = "de" },
		"path in file name": func(m *notify.Message) {
			m.Attachments = []notify.Attachment{{Name: "../x.ics", ContentType: "text/calendar"}}
		},
		"bad content type": func(m *notify.Message) { m.Attachments = []notify.Attachment{{Name: "x.ics", ContentType: "calendar"}} },
	} {
		m := ok
		change(&m)
		if _, err := e.outbox.Enqueue(context.Background(), nil, m); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

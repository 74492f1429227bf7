package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/notify/mailpit"
)

// The journey: a Liperi partner worker books a slot for a
// resident; the hub adviser gets the mail, follows its link, opens the
// invitation and, after the meeting, marks it held, which records the
// contact.
func TestBrowserPartnerBooksAndTheHubHoldsTheConsultation(t *testing.T) {
	mail := startMailCatcherForTest(t)
	base, d := demoStackWith(t, mail.SMTP("Neuvo demo <neuvo@demo.neuvo.test>"))
	slot := publishTestSlot(t, d)
	ctx := chromium(t)
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			screenshot(t, ctx, "consultation-failed.png")
			t.Fatalf("%s: %v", what, err)
		}
	}
	slotRow := chromedp.CSS(`#slot-` + idOf(slot.ID) + ` a.button`)
	step("log in as the Liperi worker and open the free times", loginAs(base, "Liperi", "liperi-worker",
		chromedp.Navigate(base+"/slots"), chromedp.WaitVisible(slotRow))...)
	screenshot(t, ctx, "consultation-slots.png")
	topics := chromedp.CSS(`#booking-form input.typeahead-input`)
	step("open the booking form", chromedp.Click(slotRow), chromedp.WaitVisible(chromedp.CSS("#slot-banner")))
	screenshot(t, ctx, "consultation-form.png")
	step("choose the language", chromedp.SetValue(chromedp.CSS("#service_language"), "fi"))
	step("topics", chromedp.SendKeys(topics, "oleskelu"+kb.Enter), chromedp.SendKeys(topics, "asumi"+kb.Enter))
	step("interpreter", chromedp.SetValue(chromedp.CSS("#interpreter_kind"), "phone"),
		chromedp.SetValue(chromedp.CSS("#interpreter_language"), "ar"))
	step("link", chromedp.SendKeys(chromedp.CSS("#meeting_link"), "https://teams.microsoft.com/l/meetup-join/19%3ameeting_browser%40thread.v2/0"))
	step("note", chromedp.SendKeys(chromedp.CSS("#note"), "Asukas osallistuu sosiaalitoimistosta."))
	screenshot(t, ctx, "consultation-booking.png")
	step("book", chromedp.Click(chromedp.CSS("#book")), chromedp.WaitVisible(chromedp.CSS("#done")))
	booked := consultationOfSlot(t, d, slot.ID)

	got := waitForMailTo(t, mail, "joensuu-adviser@demo.neuvo.invalid", "/consultations/"+idOf(booked))
	link := regexp.MustCompile(`http://[^\s]+/consultations/[0-9]+`).FindString(got.Text)
	if !strings.HasPrefix(got.Subject, "Neuvo: etäneuvonta varattu") || link != base+"/consultations/"+idOf(booked) ||
		strings.Contains(got.Text, "sosiaalitoimistosta") {
		t.Fatalf("the adviser's mail %q links to %q:\n%s", got.Subject, link, got.Text)
	}
	meetingHeld(t, d, booked) // an hour passes: the meeting has taken place

	step("log out", chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#logged-out")))
	step("log in as the hub adviser and follow the mail's link", loginAs(base, "Joensuu", "joensuu-adviser",
		chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#consultation-facts")))...)
	step("open the invitation", chromedp.Click(chromedp.CSS("#invitation")), chromedp.WaitVisible(chromedp.CSS("#qr")))
	invitation, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#invitation")))
	if !strings.Contains(invitation, "Kutsu etäneuvontaan") || !strings.Contains(invitation, "meeting_browser") ||
		!strings.Contains(invitation, "Tulkki (arabia) osallistuu tapaamiseen puhelimitse.") {
		t.Fatalf("the invitation reads:\n%s", invitation)
	}
	screenshot(t, ctx, "consultation-invitation.png")
	step("mark it held", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#hold")), chromedp.Click(chromedp.CSS("#hold")),
		chromedp.WaitVisible(chromedp.CSS("#hold-banner")))
	screenshot(t, ctx, "consultation-hold.png")
	step("save the contact", chromedp.Click(chromedp.CSS("#hold-save")), chromedp.WaitVisible(chromedp.CSS("#done")))
	status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#status")))
	if status != "Pidetty" {
		t.Fatalf("the consultation shows %q", status)
	}
	checkHeldContact(t, d, booked)
}

func idOf(id int64) string { return strconv.FormatInt(id, 10) }

// loginAs logs in through the demo provider's picker.
func loginAs(base, org, subject string, then ...chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] {
	return append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/login"),
		chromedp.Click(chromedp.Search(`//button[contains(., "` + org + `")]`)),
		chromedp.Click(chromedp.CSS(`button[name=subject][value="` + subject + `"]`)), chromedp.WaitVisible(chromedp.CSS("#home-org"))}, then...)
}

func startMailCatcherForTest(t *testing.T) *mailpit.Process {
	t.Helper()
	bin, err := mailpit.Binary(context.Background(), ".")
	if err != nil {
		t.Fatal(err)
	}
	smtp, _ := mailpit.FreeAddr()
	ui, _ := mailpit.FreeAddr()
	p, err := mailpit.Start(context.Background(), bin, smtp, ui)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	return p
}

// publishTestSlot is Aino's slot tomorrow at 8:00, before the demo's.
func publishTestSlot(t *testing.T, d *dbtest.DB) cases.Slot {
	t.Helper()
	ctx := context.Background()
	aino, err := demoStaffOf(ctx, d.Service, "Joensuu", "joensuu-adviser")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Now().In(cases.Finland).AddDate(0, 0, 1)
	var slot cases.Slot
	d.InScope(t, cases.Scope{OrgID: aino.OrgID, UserID: aino.UserID}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		slots, _, err := cases.PublishSlots(ctx, tx, tax, aino, cases.SlotInput{DurationMin: 45, ServiceLanguages: []string{"fi", "en"},
			StartsAt: time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, cases.Finland)}, time.Now())
		if err == nil {
			slot = slots[0]
		}
		return err
	})
	return slot
}

func consultationOfSlot(t *testing.T, d *dbtest.DB, slot int64) int64 {
	t.Helper()
	var id int64
	d.InScope(t, cases.Scope{OrgID: hubOf(t, d)}, func(tx *sqlx.Tx) error {
		return tx.Get(&id, `SELECT id FROM consultations WHERE slot_id = $1 AND status = 'booked'`, slot)
	})
	return id
}

func hubOf(t *testing.T, d *dbtest.DB) int64 {
	id, err := demoOrgID(context.Background(), d.Service, "Joensuu")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// meetingHeld moves the booked meeting an hour into the past, as if the
// test had waited for it: a contact is never recorded for the future.
func meetingHeld(t *testing.T, d *dbtest.DB, id int64) {
	t.Helper()
	d.InScope(t, cases.Scope{OrgID: hubOf(t, d)}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`UPDATE consultations SET starts_at = date_trunc('minute', now()) - interval '60 minutes',
			ends_at = date_trunc('minute', now()) - interval '15 minutes' WHERE id = $1`, id)
		return err
	})
}

func checkHeldContact(t *testing.T, d *dbtest.DB, id int64) {
	t.Helper()
	var got struct {
		Status, Channel, Kind, Municipality, Interpreter, Language, Topics, Adviser string
		Client                                                                      *int64
	}
	d.InScope(t, cases.Scope{OrgID: hubOf(t, d)}, func(tx *sqlx.Tx) error {
		return tx.QueryRow(`SELECT c.status, k.channel, k.kind, k.municipality, k.interpreter, k.client_language,
			array_to_string(k.topics, ','), u.subject, k.client_id FROM consultations c
			JOIN consultation_clients cc ON cc.consultation_id = c.id JOIN contacts k ON k.id = cc.held_contact_id
			JOIN users u ON u.id = k.adviser_id WHERE c.id = $1`, id).Scan(&got.Status, &got.Channel, &got.Kind,
			&got.Municipality, &got.Interpreter, &got.Language, &got.Topics, &got.Adviser, &got.Client)
	})
	if got.Status != "held" || got.Channel != "video" || got.Kind != "remote_consultation" || got.Municipality != "426" ||
		got.Interpreter != "phone" || got.Language != "ar" || got.Topics != "permits,housing" ||
		got.Adviser != "joensuu-adviser" || got.Client != nil {
		t.Fatalf("held consultation and its contact: %+v", got)
	}
}

// waitForMailTo waits for a message to address whose text holds want.
func waitForMailTo(t *testing.T, p *mailpit.Process, address, want string) mailpit.Message {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		list, err := p.Messages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			if len(s.To) != 1 || s.To[0].Address != address {
				continue
			}
			m, err := p.Message(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(m.Text, want) {
				return m
			}
		}
	}
	t.Fatalf("no mail to %s about %s within 30 s", address, want)
	return mailpit.Message{}
}

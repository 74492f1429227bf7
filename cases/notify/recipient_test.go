package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/notify"
)

// A partner worker's action notifies the hub's adviser: the notice lands
// in the adviser's own list, visible to nobody else, and the e-mail goes
// to the adviser's address in the adviser's language.
func TestNotifyUserAcrossTheNetwork(t *testing.T) {
	mail := startMailpit(t, "")
	e := newEnv(t, mail.SMTP("neuvo@neuvo.test"))
	ctx := context.Background()
	worker := e.d.NewUser(t, e.net.PartnerID, "https://idp.test/notify/partner", "pia", cases.RolePartnerWorker)
	colleague := e.d.NewUser(t, e.net.HubID, "https://idp.test/notify/hub", "mikko", cases.RoleAdviser)
	e.inHub(func(tx *sqlx.Tx) error { return cases.SetLanguage(ctx, tx, "en") })
	at := time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)
	notice := notify.Notice{Template: notify.Test, Fields: notify.Fields{Number: "1042", Link: "/notifications", At: at}}
	e.d.InScope(t, cases.Scope{OrgID: e.net.PartnerID, UserID: worker}, func(tx *sqlx.Tx) error {
		if err := e.outbox.NotifyUser(ctx, tx, notify.Recipient{OrgID: e.net.HubID, UserID: e.adviser}, notice); err != nil {
			return err
		}
		var scope string
		tx.Get(&scope, `SELECT current_setting('app.org_id')`)
		if scope != idText(e.net.PartnerID) {
			t.Errorf("after notifying, the transaction is scoped to %s, want the partner %d", scope, e.net.PartnerID)
		}
		return nil
	})
	var own []notify.Notification
	e.inHub(func(tx *sqlx.Tx) (err error) { own, err = notify.Notifications(ctx, tx, 10); return err })
	if len(own) != 1 || own[0].Kind != "test" || own[0].Number != "1042" || own[0].Link != "/notifications" ||
		own[0].At == nil || !own[0].At.Equal(at) || own[0].ReadAt != nil {
		t.Fatalf("the adviser's notifications: %+v", own)
	}
	var others []notify.Notification
	e.d.InScope(t, cases.Scope{OrgID: e.net.HubID, UserID: colleague}, func(tx *sqlx.Tx) (err error) {
		others, err = notify.Notifications(ctx, tx, 10)
		return err
	})
	if len(others) != 0 {
		t.Errorf("a colleague sees %d of the adviser's notifications", len(others))
	}
	got := caught(t, mail, 1)[0]
	if got.To[0].Address != "aino@example.test" || got.Subject != "Neuvo: test message" {
		t.Errorf("e-mail to %v, subject %q", got.To, got.Subject)
	}
	// The partner caused it, so it is in the partner's outbox.
	var rows int
	e.d.InScope(t, cases.Scope{OrgID: e.net.PartnerID}, func(tx *sqlx.Tx) error {
		return tx.Get(&rows, `SELECT count(*) FROM outbox_messages WHERE status = 'sent'`)
	})
	if rows != 1 {
		t.Errorf("%d sent messages in the partner's outbox", rows)
	}

	e.inHub(func(tx *sqlx.Tx) error { return notify.MarkAllRead(ctx, tx) })
	var unread int
	e.inHub(func(tx *sqlx.Tx) (err error) { unread, err = notify.Unread(ctx, tx); return err })
	if unread != 0 {
		t.Errorf("%d unread after marking all read", unread)
	}
}

func TestNotifyUserOutsideTheNetworkIsRefused(t *testing.T) {
	e := newEnv(t, notify.SMTP{})
	other := e.d.NewNetwork(t, "Elsewhere", "https://idp.test/elsewhere")
	stranger := e.d.NewUser(t, other.HubID, "https://idp.test/elsewhere/hub", "olli", cases.RoleAdviser)
	notice := notify.Notice{Template: notify.Test, Fields: notify.Fields{Link: "/"}}
	err := cases.InScope(context.Background(), e.d.Service, cases.Scope{OrgID: e.net.HubID, UserID: e.adviser}, func(tx *sqlx.Tx) error {
		return e.outbox.NotifyUser(context.Background(), tx, notify.Recipient{OrgID: other.HubID, UserID: stranger}, notice)
	})
	if err == nil {
		t.Fatal("notified a user of another network")
	}
	// A user id that belongs to another organisation than the one named.
	err = cases.InScope(context.Background(), e.d.Service, cases.Scope{OrgID: e.net.HubID, UserID: e.adviser}, func(tx *sqlx.Tx) error {
		return e.outbox.NotifyUser(context.Background(), tx, notify.Recipient{OrgID: e.net.PartnerID, UserID: e.adviser}, notice)
	})
	var n int
	e.inHub(func(tx *sqlx.Tx) error { return tx.Get(&n, `SELECT count(*) FROM notifications`) })
	if err != nil || n != 0 {
		t.Fatalf("a mismatched recipient: err %v, %d notifications", err, n)
	}
}

func TestWithoutSMTPTheNoticeIsInTheAppOnly(t *testing.T) {
	e := newEnv(t, notify.SMTP{})
	e.inHub(func(tx *sqlx.Tx) error {
		return cases.SendTestNotification(context.Background(), tx, e.outbox,
			cases.Scope{OrgID: e.net.HubID, UserID: e.adviser}, cases.Roles{cases.RoleAdmin})
	})
	var notices, messages, audited int
	e.inHub(func(tx *sqlx.Tx) error {
		tx.Get(&notices, `SELECT count(*) FROM notifications WHERE read_at IS NULL`)
		tx.Get(&audited, `SELECT count(*) FROM audit_events WHERE action = 'outbox.test'`)
		return tx.Get(&messages, `SELECT count(*) FROM outbox_messages`)
	})
	if notices != 1 || messages != 0 || audited != 1 {
		t.Fatalf("%d notices, %d outbox messages, %d audit events; want 1, 0, 1", notices, messages, audited)
	}
}

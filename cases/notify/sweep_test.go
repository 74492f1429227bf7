package notify_test

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/notify"
)

// The sweep sends a pending message whose job is gone and deletes sent
// messages past their keeping time.
func TestSweepSendsAStrandedMessageAndForgetsOldOnes(t *testing.T) {
	mail := startMailpit(t, "")
	e := newEnv(t, mail.SMTP("neuvo@neuvo.test"))
	old := e.enqueue(testMessage("old@hub.test"))
	e.waitRow(old, "sent", func(r row) bool { return r.Status == "sent" })
	waitJobsDone(t, e)
	stranded := e.enqueue(testMessage("stranded@hub.test"))
	e.d.Owner.MustExec(`DELETE FROM river_job WHERE kind = 'notify_send' AND args->>'message_id' = $1`, idText(stranded))
	e.inHub(func(tx *sqlx.Tx) error {
		tx.MustExec(`UPDATE outbox_messages SET sent_at = now() - interval '31 days' WHERE id = $1`, old)
		tx.MustExec(`UPDATE outbox_messages SET created_at = now() - interval '11 minutes' WHERE id = $1`, stranded)
		return nil
	})
	if r := e.row(stranded); r.Status != "pending" || r.Attempts != 0 {
		t.Fatalf("the stranded message was sent without its job: %+v", r)
	}
	e.inHub(func(tx *sqlx.Tx) error { return e.jobs.InsertTx(context.Background(), tx, notify.SweepArgs{}, nil) })
	e.waitRow(stranded, "sent by the sweep", func(r row) bool { return r.Status == "sent" })
	var left int
	e.inHub(func(tx *sqlx.Tx) error {
		return tx.Get(&left, `SELECT count(*) FROM outbox_messages WHERE id = $1`, old)
	})
	if left != 0 {
		t.Error("a message sent 31 days ago is still kept")
	}
	caught(t, mail, 2)
}

package cases

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/notify"
)

// RetryOutboxMessage queues a failed e-mail of the organisation again and
// audits it. Another organisation's message is not found.
func RetryOutboxMessage(ctx context.Context, tx *sqlx.Tx, outbox *notify.Outbox, roles Roles, id int64) error {
	err := outbox.Retry(ctx, tx, id)
	if errors.Is(err, notify.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return Audit(ctx, tx, Event{Action: "outbox.retry", RecordType: "outbox_message", RecordID: idText(id), ActorRoles: roles})
}

// SendTestNotification notifies the acting user, in the app and by e-mail
// when it is configured, so an administrator can see the whole path work.
func SendTestNotification(ctx context.Context, tx *sqlx.Tx, outbox *notify.Outbox, s Scope, roles Roles) error {
	err := outbox.NotifyUser(ctx, tx, notify.Recipient{OrgID: s.OrgID, UserID: s.UserID},
		notify.Notice{Template: notify.Test, Fields: notify.Fields{Link: "/notifications"}})
	if err != nil {
		return err
	}
	return Audit(ctx, tx, Event{Action: "outbox.test", RecordType: "user", RecordID: idText(s.UserID), ActorRoles: roles})
}

package cases

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/notify"
)

// OutboxNotifier sends support notices through the notifications outbox:
// each recipient gets an in-app notice and, when e-mail is on, a message
// with the request's number and a link to it, and nothing else.
type OutboxNotifier struct{ Outbox *notify.Outbox }

// NotifySupport notifies every recipient in the caller's transaction.
func (o OutboxNotifier) NotifySupport(ctx context.Context, q sqlx.ExtContext, n SupportNotice) error {
	tx, ok := q.(*sqlx.Tx)
	if !ok {
		return errors.New("support notices are sent in the transaction that causes them")
	}
	for _, user := range n.UserIDs {
		err := o.Outbox.NotifyUser(ctx, tx, notify.Recipient{OrgID: n.OrgID, UserID: user},
			notify.Notice{Template: notify.Template(n.Kind), Fields: notify.Fields{Number: n.Number, Link: n.Link()}})
		if err != nil {
			return err
		}
	}
	return nil
}

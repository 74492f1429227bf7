package notify

import (
	"context"
	"database/sql"
	"errors"
	"net/mail"

	"github.com/jmoiron/sqlx"
)

// Recipient is a user of any organisation in the caller's network: a
// partner's booking notifies the hub's adviser.
type Recipient struct {
	OrgID  int64
	UserID int64
}

// Notice is what a user is told: a template and its fields.
type Notice struct {
	Template Template
	Fields   Fields
}

// NotifyUser adds the notice to the user's in-app list and, when SMTP is
// configured and the user has a valid address, e-mails it in the user's
// language, all in tx. An inactive or unknown user is not notified; a
// recipient outside the caller's network is an error.
func (o *Outbox) NotifyUser(ctx context.Context, tx *sqlx.Tx, r Recipient, n Notice) error {
	if !n.Template.known() {
		return invalid("template %q is not in Templates()", n.Template)
	}
	if err := n.Fields.validate(); err != nil {
		return err
	}
	at := sql.NullTime{Time: n.Fields.At, Valid: !n.Fields.At.IsZero()}
	var user struct {
		Email    string `db:"email"`
		Language string `db:"language"`
	}
	err := tx.GetContext(ctx, &user, `SELECT email, language FROM app_notify_user($1, $2, $3, $4, $5, $6)`,
		r.OrgID, r.UserID, string(n.Template), n.Fields.Link, n.Fields.Number, at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := mail.ParseAddress(user.Email); err != nil || !o.mailOn {
		return nil // the in-app notice is all this user gets
	}
	lang := user.Language
	if !isLanguage(lang) {
		lang = "fi"
	}
	_, err = o.Enqueue(ctx, tx, Message{To: user.Email, Lang: lang, Template: n.Template, Fields: n.Fields})
	return err
}

// Package notify sends Neuvo's notifications: each one is a line in the
// recipient's in-app list and, when SMTP is configured and the recipient
// has an address, an e-mail from a durable outbox in PostgreSQL.
//
// Everything is written in the caller's transaction: a booking that rolls
// back notifies nobody. A background job (River, see cases/jobs) sends
// each e-mail after the commit, retries with backoff while the SMTP server
// is unreachable, and gives up after MaxAttempts, leaving the message
// "failed" for an administrator to retry from /admin/outbox.
//
// E-mail never carries client details: a link and a number. The API
// allows nothing else: a Message names a Template, whose texts are fixed
// translations, and Fields, which hold a number, a path and a time.
//
//	err := outbox.NotifyUser(ctx, tx, notify.Recipient{OrgID: hub, UserID: adviser},
//		notify.Notice{Template: notify.ConsultationBooked, Fields: notify.Fields{Number: "1042", Link: "/consultations/1042", At: start}})
//
//	id, err := outbox.Enqueue(ctx, tx, notify.Message{To: client.Email, Lang: "sv", Template: …, Fields: …,
//		Attachments: []notify.Attachment{{Name: "invitation.ics", ContentType: "text/calendar; method=REQUEST", Content: ics}}})
package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/url"
	"strconv"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
)

// Inserter adds a job in a transaction; *jobs.Client is one.
type Inserter interface {
	InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// Outbox is the enqueueing side, used by requests.
type Outbox struct {
	jobs       Inserter
	texts      *mailTexts
	base       *url.URL
	mailOn     bool
	mailServer string
}

// NewOutbox checks every template's texts in every language; a missing or
// broken text stops start-up.
func NewOutbox(jobs Inserter, texts Texts, base *url.URL, smtp SMTP) (*Outbox, error) {
	parsed, err := parseTexts(texts)
	if err != nil {
		return nil, err
	}
	o := &Outbox{jobs: jobs, texts: parsed, base: base, mailOn: smtp.Configured()}
	if o.mailOn {
		o.mailServer = net.JoinHostPort(smtp.Host, strconv.Itoa(smtp.Port))
	}
	return o, nil
}

// Jobs is the inserter the outbox queues its sends with, for other work
// that must commit or roll back with a request (nil for a nil outbox).
func (o *Outbox) Jobs() Inserter {
	if o == nil {
		return nil
	}
	return o.jobs
}

// MailConfigured says whether e-mail is sent at all. Without SMTP,
// notifications are shown in Neuvo only.
func (o *Outbox) MailConfigured() bool { return o != nil && o.mailOn }

// Enqueue stores an e-mail in the outbox of the transaction's organisation
// and a job to send it, both in tx: it is sent after tx commits, and never
// if tx rolls back. It returns the outbox id, or 0 when SMTP is not
// configured and nothing was stored. An invalid message is a programming
// error (ErrInvalid).
//
// Never put a client's details in a message: give the reader a link and a
// number, and let Neuvo show the rest after login.
func (o *Outbox) Enqueue(ctx context.Context, tx *sqlx.Tx, m Message) (int64, error) {
	to, err := m.validate()
	if err != nil || !o.mailOn {
		return 0, err
	}
	r, err := o.texts.render(m.Lang, m.Template, m.Fields, o.base)
	if err != nil {
		return 0, err
	}
	var row struct {
		ID    int64 `db:"id"`
		OrgID int64 `db:"org_id"`
	}
	err = tx.GetContext(ctx, &row, `INSERT INTO outbox_messages
		(org_id, message_id, recipient, lang, template, subject, body_text, body_html)
		VALUES (app_org_id(), $1, $2, $3, $4, $5, $6, $7) RETURNING id, org_id`,
		o.newMessageID(), to, m.Lang, string(m.Template), r.subject, r.text, r.html)
	if err != nil {
		return 0, err
	}
	for i, a := range m.Attachments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox_attachments (org_id, message_id, position, name, content_type, content)
			VALUES ($1, $2, $3, $4, $5, $6)`, row.OrgID, row.ID, i, a.Name, a.ContentType, a.Content); err != nil {
			return 0, err
		}
	}
	return row.ID, o.jobs.InsertTx(ctx, tx, SendArgs{OrgID: row.OrgID, MessageID: row.ID}, nil)
}

// newMessageID is random rather than derived from the row, so it reveals
// nothing about how many messages an organisation sends.
func (o *Outbox) newMessageID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "<" + hex.EncodeToString(b) + "@" + o.base.Hostname() + ">"
}

// MailServer is "host:port" of the SMTP server, or "" without mail.
func (o *Outbox) MailServer() string {
	if o == nil {
		return ""
	}
	return o.mailServer
}

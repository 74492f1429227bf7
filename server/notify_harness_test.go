package server

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/cases/workcal"
	"neuvo/frontend"
)

// outbox builds the notification outbox on the harness database. Unless
// started, its job client only inserts: jobs wait in the table.
func (h *harness) outbox(render *frontend.Renderer, base *url.URL, smtp notify.SMTP, start bool) *notify.Outbox {
	h.t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	texts := func(lang, key string) string { return render.Lang(lang).T(key) }
	reg := jobs.NewRegistry()
	notify.Register(reg, h.db.Service, smtp, log)
	mail := &cases.ConsultationMail{Host: base.Hostname(), Texts: texts, Calendar: workcal.Default()}
	cases.RegisterConsultationJobs(reg, h.db.Service, mail)
	support := cases.RegisterSupportJobs(reg, h.db.Service)
	client, err := jobs.New(h.db.Service, reg, jobs.Options{PollInterval: 100 * time.Millisecond, TestOnly: true, Logger: log})
	if err != nil {
		h.t.Fatal(err)
	}
	outbox, err := notify.NewOutbox(client, texts, base, smtp)
	if err != nil {
		h.t.Fatal(err)
	}
	mail.Outbox = outbox
	support.Use(outbox)
	if start {
		if err := client.Start(context.Background()); err != nil {
			h.t.Fatal(err)
		}
		h.t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			client.Stop(ctx)
		})
	}
	return outbox
}

// sendMailThrough makes the running server send its mail through smtp,
// with a running job client, as `neuvo serve` does.
func (h *harness) sendMailThrough(smtp notify.SMTP) {
	base, _ := url.Parse(h.base)
	h.server.cfg.Outbox = h.outbox(h.server.pages, base, smtp, true)
}

// failedMessage stores an e-mail of the organisation that has given up,
// as the send job leaves one after its last attempt.
func (h *harness) failedMessage(orgID int64) int64 {
	h.t.Helper()
	var id int64
	h.db.InScope(h.t, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
		return tx.Get(&id, `INSERT INTO outbox_messages (org_id, message_id, recipient, lang, template, subject, body_text,
			status, attempts, last_error) VALUES (app_org_id(), '<'||gen_random_uuid()||'@neuvo.test>', 'aino@hub.test', 'fi',
			'test', 'Neuvo: testiviesti', 'x', 'failed', 12, 'dial tcp: connection refused') RETURNING id`)
	})
	return id
}

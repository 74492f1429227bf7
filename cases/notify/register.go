package notify

import (
	"log/slog"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/jobs"
)

// Register adds the outbox's send worker and its periodic sweep to the
// job registry; the composition root calls it before building the jobs
// client. Without SMTP the workers still run and leave messages pending.
func Register(reg *jobs.Registry, db *sqlx.DB, smtp SMTP, log *slog.Logger) {
	var m *mailer
	if smtp.Configured() {
		m = &mailer{cfg: smtp}
	}
	jobs.Register(reg, &sender{db: db, mailer: m, log: log})
	jobs.Register(reg, &sweeper{db: db, mailOn: smtp.Configured(), log: log})
	reg.Every(SweepEvery, SweepArgs{})
}

package main

import (
	"context"
	"log/slog"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/cases/stats"
	"neuvo/cases/workcal"
	"neuvo/frontend"
)

// startJobs builds the job queue with every package's workers and periodic
// jobs, starts it, and returns the outbox that requests enqueue into. The
// caller stops the client after the HTTP server has drained.
func startJobs(ctx context.Context, cfg config, db *sqlx.DB, render *frontend.Renderer, log *slog.Logger) (*jobs.Client, *notify.Outbox, error) {
	if cfg.SMTP.Configured() {
		log.Info("e-mail notifications on", "smtp_host", cfg.SMTP.Host, "smtp_port", cfg.SMTP.Port, "smtp_security", string(cfg.SMTP.Security))
	} else {
		log.Warn("NEUVO_SMTP_HOST is not set: no e-mail is sent, notifications are shown in Neuvo only")
	}
	texts := func(lang, key string) string { return render.Lang(lang).T(key) }
	reg := jobs.NewRegistry()
	notify.Register(reg, db, cfg.SMTP, log)
	mail := &cases.ConsultationMail{Host: cfg.BaseURL.Hostname(), Texts: texts, Calendar: workcal.Default()}
	cases.RegisterConsultationJobs(reg, db, mail)
	support := cases.RegisterSupportJobs(reg, db)
	stats.RegisterJobs(reg, db, log)
	client, err := jobs.New(db, reg, jobs.Options{Logger: log})
	if err != nil {
		return nil, nil, err
	}
	outbox, err := notify.NewOutbox(client, texts, cfg.BaseURL, cfg.SMTP)
	if err != nil {
		return nil, nil, err
	}
	mail.Outbox = outbox
	support.Use(outbox)
	// Not ctx: a signal must not cut running jobs off before the HTTP
	// server has drained; stopJobs ends them in order.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, nil, err
	}
	return client, outbox, nil
}

// stopJobs lets running jobs finish until ctx ends; River retries the
// ones cut off, on this or another replica.
func stopJobs(ctx context.Context, client *jobs.Client, log *slog.Logger) {
	if err := client.Stop(ctx); err != nil {
		log.Warn("stopping background jobs", "err", err)
	}
}

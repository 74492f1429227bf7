package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
	"neuvo/frontend"
	"neuvo/migrations"
	"neuvo/server"
)

func serve(ctx context.Context, getenv func(string) string, stderr io.Writer) error {
	cfg, err := loadConfig(getenv, "NEUVO_DATABASE_URL")
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	db, err := cases.Open(ctx, cases.WithTimeouts(cfg.DatabaseURL, cfg.DBTimeouts), cfg.DBMaxConns)
	if err != nil {
		return err
	}
	defer db.Close()
	listener, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("NEUVO_LISTEN: %w", err)
	}
	return serveOn(ctx, cfg, db, listener, log)
}

// serveOn is the composition root: it builds every dependency once and
// serves until ctx ends, then drains requests for ShutdownTimeout.
func serveOn(ctx context.Context, cfg config, db *sqlx.DB, listener net.Listener, log *slog.Logger) error {
	if err := schemaCurrent(ctx, db); err != nil {
		return err
	}
	render, err := frontend.New()
	if err != nil {
		return err
	}
	providers := auth.NewRegistry(context.WithoutCancel(ctx), &http.Client{Timeout: cfg.HTTPTimeout}, server.RedirectURL(cfg.BaseURL))
	orgs, err := cases.AllOrganisations(ctx, db)
	if err != nil {
		return err
	}
	providers.Load(orgs, log)
	jobsClient, outbox, err := startJobs(ctx, cfg, db, render, log)
	if err != nil {
		return err
	}
	neuvo := server.New(server.Config{BaseURL: cfg.BaseURL, Session: cfg.Session, Version: version, Outbox: outbox,
		Limits: server.Limits{RequestTimeout: cfg.RequestTimeout, PoolWait: cfg.DBPoolWait}}, db, providers, render, log)
	go neuvo.SweepUploads(ctx)
	srv := &http.Server{Handler: neuvo.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	errs := make(chan error, 1)
	go func() { errs <- srv.Serve(listener) }()
	log.Info("serving", "address", listener.Addr().String(), "base_url", cfg.BaseURL.String(), "version", version)
	select {
	case err = <-errs:
	case <-ctx.Done():
		log.Info("shutting down")
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err == nil {
		err = srv.Shutdown(shutdownCtx)
	}
	stopJobs(shutdownCtx, jobsClient, log)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func schemaCurrent(ctx context.Context, db *sqlx.DB) error {
	current, err := migrations.Current(ctx, db.DB)
	if err != nil {
		return err
	}
	if current < migrations.Latest() {
		return fmt.Errorf("the database schema is at version %d but this binary needs %d: run `neuvo migrate` first", current, migrations.Latest())
	}
	if current > migrations.Latest() {
		return fmt.Errorf("the database schema (%d) is newer than this binary (%d): deploy the newer binary", current, migrations.Latest())
	}
	return migrations.RiverCurrent(ctx, db.DB)
}

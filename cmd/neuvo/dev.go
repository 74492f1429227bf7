package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"neuvo/cases"
)

// dev starts everything a newcomer needs to try Neuvo on one machine.
func dev(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) error {
	withDefaults := func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return map[string]string{"NEUVO_LOG_FORMAT": "text", "NEUVO_LOG_LEVEL": "warn"}[name]
	}
	cfg, err := loadConfig(withDefaults)
	if err != nil {
		return err
	}
	adminURL, stopPostgres, err := devPostgres(ctx, getenv, stdout)
	if err != nil {
		return err
	}
	defer stopPostgres()
	ownerURL, serviceURL, err := devDatabaseURLs(ctx, adminURL)
	if err != nil {
		return err
	}
	if err := migrateDatabase(ctx, ownerURL, devServiceRole, stdout); err != nil {
		return err
	}
	idpAddr := withDefaults("NEUVO_DEV_IDP_LISTEN")
	if idpAddr == "" {
		idpAddr = "localhost:9090"
	}
	if !cfg.SMTP.Configured() { // NEUVO_SMTP_HOST set by hand wins
		var stopMail func()
		cfg.SMTP, stopMail = startMailCatcher(ctx, getenv, stdout)
		defer stopMail()
	}
	stopIdP, err := startDemoProvider(ctx, idpAddr, cfg, ownerURL, serviceURL, stdout)
	if err != nil {
		return err
	}
	defer stopIdP()
	db, err := cases.Open(ctx, cases.WithTimeouts(serviceURL, cfg.DBTimeouts), cfg.DBMaxConns)
	if err != nil {
		return err
	}
	defer db.Close()
	listener, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("NEUVO_LISTEN %s: %w", cfg.Listen, err)
	}
	fmt.Fprintf(stdout, "\nNeuvo is running at %s\n", cfg.BaseURL)
	fmt.Fprintf(stdout, "Log in: pick an organisation (for example Liperi), then a demo user on the demo provider's page.\n")
	fmt.Fprintf(stdout, "Demo users exist for every role; the provider lists them. Press Ctrl-C to stop everything.\n\n")
	return serveOn(ctx, cfg, db, listener, newLogger(cfg, stderr))
}

// startDemoProvider serves the demo OpenID provider and seeds the demo
// network the first time. Its issuer URLs use the host name the browser
// uses, so the listener address must be reachable under that name.
func startDemoProvider(ctx context.Context, addr string, cfg config, ownerURL, serviceURL string, stdout io.Writer) (func(), error) {
	idp, err := demoProvider("http://"+addr, cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("demo OpenID provider on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: idp, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(listener)
	owner, err := cases.Open(ctx, ownerURL, 2)
	if err != nil {
		return nil, err
	}
	defer owner.Close()
	service, err := cases.Open(ctx, serviceURL, 2)
	if err != nil {
		return nil, err
	}
	defer service.Close()
	notifier, err := demoNotifier(service, cfg)
	if err != nil {
		return nil, err
	}
	created, err := seedDemo(ctx, owner, service, idp, notifier)
	if err != nil {
		return nil, fmt.Errorf("seeding demo data: %w", err)
	}
	if created {
		fmt.Fprintln(stdout, "Created the demo network: Joensuu (hub), Liperi, Kontiolahti, Ilomantsi, Outokumpu.")
	}
	fmt.Fprintf(stdout, "Demo OpenID provider (never started by `neuvo serve`): http://%s/\n", addr)
	return func() { srv.Close() }, nil
}

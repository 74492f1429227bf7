package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
	"neuvo/frontend"
	"neuvo/server"
)

// benchOptions are `neuvo bench`'s flags.
type benchOptions struct {
	adminURL string
	clients  []int
	duration time.Duration
	contacts int
	requests int
	conns    int
}

func parseBenchFlags(args []string, stderr io.Writer) (benchOptions, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := benchOptions{}
	fs.StringVar(&o.adminURL, "admin-url", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
		"superuser connection used to create and drop the throw-away database")
	clients := fs.String("clients", "1,8,32", "concurrent API clients, comma-separated")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long each API phase runs")
	fs.IntVar(&o.contacts, "contacts", 1_000_000, "contacts to generate before timing the pages (0 skips the page phase)")
	fs.IntVar(&o.requests, "requests", 400, "requests per page phase")
	fs.IntVar(&o.conns, "db-conns", 32, "database connections for the service and for the raw loop")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	for _, part := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 || n > 256 {
			return o, fmt.Errorf("-clients: %q is not a number from 1 to 256", part)
		}
		o.clients = append(o.clients, n)
	}
	return o, nil
}

// bench measures contact creation through the real HTTP API against the
// same statements replayed on the raw driver, then the list and client
// file pages over a large generated register. It runs on a throw-away
// database that it drops at the end.
func bench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "stats" {
		return benchStats(ctx, args[1:], stdout, stderr)
	}
	o, err := parseBenchFlags(args, stderr)
	if err != nil {
		return err
	}
	d, err := newBenchDB(ctx, o.adminURL)
	if err != nil {
		return fmt.Errorf("creating the benchmark database: %w", err)
	}
	defer d.drop()
	service, err := openRecording(cases.DriverURL(d.serviceURL), o.conns)
	if err != nil {
		return err
	}
	defer service.Close()
	db := sqlx.NewDb(service, "postgres")
	org, err := seedBenchOrg(ctx, d, db, maxOf(o.clients), benchPolicy)
	if err != nil {
		return fmt.Errorf("seeding: %w", err)
	}
	base, stop, err := startBenchServer(ctx, db)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(stdout, "Neuvo bench: %s, database pool %d, PostgreSQL at %s\n\n", time.Now().Format("2006-01-02"), o.conns, redactURL(o.adminURL))
	if err := benchAPI(ctx, o, d, org, base, stdout); err != nil {
		return err
	}
	if o.contacts == 0 {
		return nil
	}
	return benchPages(ctx, o, d, db, org, base, stdout, stderr)
}

func startBenchServer(ctx context.Context, db *sqlx.DB) (string, func(), error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	base, _ := url.Parse("http://" + listener.Addr().String())
	render, err := frontend.New()
	if err != nil {
		return "", nil, err
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil)) // formatted as in production, then dropped
	registry := auth.NewRegistry(ctx, http.DefaultClient, server.RedirectURL(base))
	srv := &http.Server{Handler: server.New(server.Config{BaseURL: base, Session: benchPolicy, Version: version}, db, registry, render, log).Handler()}
	go srv.Serve(listener)
	return base.String(), func() { srv.Close() }, nil
}

func benchAPI(ctx context.Context, o benchOptions, d *benchDB, org benchOrg, base string, stdout io.Writer) error {
	web := newHTTPClient(maxOf(o.clients))
	var clients []apiClient
	for _, secret := range org.sessions {
		clients = append(clients, apiClient{http: web, base: base, cookie: "neuvo-session=" + secret, pointID: org.pointID})
	}
	scripts, keys, err := recordCreates(clients)
	if err != nil {
		return fmt.Errorf("recording a create: %w", err)
	}
	raw, err := sql.Open("postgres", cases.DriverURL(d.serviceURL))
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(o.conns)
	raw.SetMaxIdleConns(o.conns)
	fmt.Fprintf(stdout, "One API create issues %d statements (BEGIN and COMMIT included):\n%s\n", len(scripts[0]), describe(scripts[0]))
	fmt.Fprintln(stdout, resultHeader)
	for _, n := range o.clients {
		api := runFor("API create (HTTP)", n, o.duration, func(w int) error { _, err := clients[w].create(); return err })
		direct := runFor("same SQL, raw driver", n, o.duration, func(w int) error { return replay(ctx, raw, scripts[w], keys[w]) })
		if api.errors > 0 || direct.errors > 0 {
			return errors.New("requests failed during the API phase; see the table")
		}
		fmt.Fprintf(stdout, "%s\n%s\n| ratio service/raw      | %3d | | %.2f | | | |\n", api, direct, n, api.perSecond()/direct.perSecond())
	}
	fmt.Fprintln(stdout)
	return nil
}

func benchPages(ctx context.Context, o benchOptions, d *benchDB, db *sqlx.DB, org benchOrg, base string, stdout, stderr io.Writer) error {
	const clients = 20_000
	started := time.Now()
	first, err := seedContacts(ctx, db, org, o.contacts, clients, stderr)
	if err != nil {
		return fmt.Errorf("generating contacts: %w", err)
	}
	if err := analyze(ctx, d.ownerURL); err != nil {
		return err
	}
	var total int
	db.GetContext(ctx, &total, `SELECT reltuples::bigint FROM pg_class WHERE relname = 'contacts'`)
	fmt.Fprintf(stdout, "Generated %d contacts and %d clients in %s (about %d contacts in the table).\n\n", o.contacts, clients,
		time.Since(started).Round(time.Second), total)
	web := newHTTPClient(4)
	var pages []pageClient
	for _, secret := range org.sessions[:min(4, len(org.sessions))] {
		pages = append(pages, pageClient{http: web, base: base, cookie: "neuvo-session=" + secret})
	}
	results, err := measurePages(pages, first, clients, o.requests)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, resultHeader)
	for _, r := range results {
		fmt.Fprintln(stdout, r)
	}
	return nil
}

// analyze refreshes the planner's statistics as autovacuum would after a
// bulk load; only the owner may.
func analyze(ctx context.Context, ownerURL string) error {
	owner, err := cases.Open(ctx, ownerURL, 1)
	if err != nil {
		return err
	}
	defer owner.Close()
	_, err = owner.ExecContext(ctx, `VACUUM ANALYZE`)
	return err
}

func describe(script []statement) string {
	var b strings.Builder
	for i, st := range script {
		fmt.Fprintf(&b, "  %2d. %s\n", i+1, firstLine(st.query))
	}
	return b.String()
}

func firstLine(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > 100 {
		q = q[:100] + "…"
	}
	return q
}

func maxOf(values []int) int {
	m := 0
	for _, v := range values {
		m = max(m, v)
	}
	return m
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "?"
	}
	return u.Host
}

// Command neuvo is the whole service: `neuvo serve` runs it, `neuvo migrate`
// prepares the database, `neuvo dev` starts a local demo.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

const usage = `Neuvo – case register for immigrant advice points

Usage:
  neuvo serve       run the web service (needs NEUVO_DATABASE_URL; the schema must be current)
  neuvo migrate     apply database migrations as the owner (needs NEUVO_MIGRATE_DATABASE_URL)
  neuvo bootstrap   create a network and its hub organisation (owner connection; see -h)
  neuvo dev         start a local demo: PostgreSQL, demo data, demo OpenID provider and the service
  neuvo bench       measure contact creation (HTTP API vs raw SQL) and page latency on a throw-away database (see -h)
  neuvo bench stats seed 10 M contacts, time rollups, patterns and the year report vs plain SQL (see -h)
  neuvo version     print the version
  neuvo help        print this help

Configuration comes from environment variables; README.md lists them all.
`

// run is main without the process: testable, and every exit path returns.
func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, getenv, stderr)
	case "migrate":
		err = migrate(ctx, getenv, stdout)
	case "bootstrap":
		err = bootstrap(ctx, args[1:], getenv, stdout, stderr)
	case "dev":
		err = dev(ctx, getenv, stdout, stderr)
	case "bench":
		err = bench(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "neuvo", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "neuvo: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "neuvo:", err)
		return 1
	}
	return 0
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

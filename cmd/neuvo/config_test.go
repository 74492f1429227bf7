package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/notify"
	"neuvo/migrations"
)

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := loadConfig(envOf(map[string]string{"NEUVO_DATABASE_URL": "postgres://neuvo_app@db/neuvo"}), "NEUVO_DATABASE_URL")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != ":8080" || cfg.Session.Idle != 30*time.Minute || cfg.Session.Absolute != 10*time.Hour ||
		cfg.BaseURL.String() != "http://localhost:8080" || cfg.ServiceRole != "neuvo_app" {
		t.Fatalf("defaults: %+v", cfg)
	}
	if cfg.RequestTimeout != 30*time.Second || cfg.DBPoolWait != 2*time.Second || cfg.DBTimeouts != (cases.Timeouts{
		Statement: 20 * time.Second, Lock: 3 * time.Second, IdleInTransaction: 30 * time.Second}) {
		t.Fatalf("timeout defaults: %v %v %+v", cfg.RequestTimeout, cfg.DBPoolWait, cfg.DBTimeouts)
	}
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"NEUVO_DATABASE_URL":    {},
		"NEUVO_SESSION_IDLE":    {"NEUVO_DATABASE_URL": "x", "NEUVO_SESSION_IDLE": "soon"},
		"NEUVO_BASE_URL":        {"NEUVO_DATABASE_URL": "x", "NEUVO_BASE_URL": "http://neuvo.example.fi"},
		"NEUVO_DB_MAX_CONNS":    {"NEUVO_DATABASE_URL": "x", "NEUVO_DB_MAX_CONNS": "0"},
		"NEUVO_LOG_FORMAT":      {"NEUVO_DATABASE_URL": "x", "NEUVO_LOG_FORMAT": "xml"},
		"NEUVO_DB_LOCK_TIMEOUT": {"NEUVO_DATABASE_URL": "x", "NEUVO_DB_LOCK_TIMEOUT": "3"},
		"NEUVO_REQUEST_TIMEOUT": {"NEUVO_DATABASE_URL": "x", "NEUVO_REQUEST_TIMEOUT": "-1s"},
		"NEUVO_DATABASE_URL_":   {"NEUVO_DATABASE_URL": "x", "NEUVO_DATABASE_URL_FILE": "/nonexistent"},
	} {
		_, err := loadConfig(envOf(vars), "NEUVO_DATABASE_URL")
		if err == nil || !strings.Contains(err.Error(), strings.TrimSuffix(name, "_")) {
			t.Errorf("%v: error %v does not name %s", vars, err, name)
		}
	}
}

func TestConfigReadsSecretsFromFiles(t *testing.T) {
	file := filepath.Join(t.TempDir(), "db-url")
	os.WriteFile(file, []byte("postgres://svc@db/neuvo\n"), 0o600)
	cfg, err := loadConfig(envOf(map[string]string{"NEUVO_DATABASE_URL_FILE": file}), "NEUVO_DATABASE_URL")
	if err != nil || cfg.DatabaseURL != "postgres://svc@db/neuvo" {
		t.Fatalf("from file: %q, %v", cfg.DatabaseURL, err)
	}
}

func TestRunUsageAndVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, envOf(nil), &out, &errOut); code != 0 || !strings.Contains(out.String(), "neuvo") {
		t.Fatalf("version: %d %q", code, out.String())
	}
	if code := run([]string{"frobnicate"}, envOf(nil), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"serve"}, envOf(nil), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "NEUVO_DATABASE_URL") {
		t.Fatalf("serve without config: %d %q", code, errOut.String())
	}
}

func TestServeRefusesSchemaBehind(t *testing.T) {
	d := dbtest.New(t)
	d.Owner.MustExec(`DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`)
	db, err := cases.Open(context.Background(), d.ServiceURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = schemaCurrent(context.Background(), db)
	if err == nil || !strings.Contains(err.Error(), "neuvo migrate") {
		t.Fatalf("schema behind: %v, want a message telling to run neuvo migrate", err)
	}
}

func TestServeRefusesRiverSchemaBehind(t *testing.T) {
	d := dbtest.New(t)
	ctx := context.Background()
	db, err := cases.Open(ctx, d.ServiceURL, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := schemaCurrent(ctx, db); err != nil {
		t.Fatalf("a freshly migrated database: %v", err)
	}
	d.Owner.MustExec(`DELETE FROM river_migration WHERE version = (SELECT max(version) FROM river_migration)`)
	err = schemaCurrent(ctx, db)
	if err == nil || !strings.Contains(err.Error(), "River") || !strings.Contains(err.Error(), "neuvo migrate") {
		t.Fatalf("River's schema behind: %v", err)
	}
	if _, err := migrations.Apply(ctx, d.Owner.DB, d.ServiceRole); err != nil {
		t.Fatal(err)
	}
	if err := schemaCurrent(ctx, db); err != nil {
		t.Fatalf("migrate did not bring River's schema back: %v", err)
	}
}

func TestMigrateCommandAppliesAndGrants(t *testing.T) {
	d := dbtest.New(t)
	var out, errOut bytes.Buffer
	code := run([]string{"migrate"}, envOf(map[string]string{"NEUVO_MIGRATE_DATABASE_URL": d.OwnerURL, "NEUVO_DATABASE_URL": d.ServiceURL}), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "service role "+d.ServiceRole) {
		t.Fatalf("migrate: %d %q %q", code, out.String(), errOut.String())
	}
}

func TestConfigSMTP(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "smtp-password")
	os.WriteFile(secret, []byte("s3cret\n"), 0o600)
	cfg, err := loadConfig(envOf(map[string]string{"NEUVO_BASE_URL": "https://neuvo.joensuu.fi",
		"NEUVO_SMTP_HOST": "smtp.joensuu.fi", "NEUVO_SMTP_USER": "neuvo", "NEUVO_SMTP_PASSWORD_FILE": secret,
		"NEUVO_SMTP_FROM": "Neuvo <neuvo@joensuu.fi>"}))
	if err != nil {
		t.Fatal(err)
	}
	want := notify.SMTP{Host: "smtp.joensuu.fi", Port: 587, Security: notify.StartTLS, User: "neuvo", Password: "s3cret",
		From: "Neuvo <neuvo@joensuu.fi>", HELO: "neuvo.joensuu.fi"}
	if cfg.SMTP != want {
		t.Fatalf("SMTP %+v, want %+v", cfg.SMTP, want)
	}
	if cfg, _ := loadConfig(envOf(nil)); cfg.SMTP.Configured() {
		t.Fatal("mail is on without NEUVO_SMTP_HOST")
	}
	tls, _ := loadConfig(envOf(map[string]string{"NEUVO_SMTP_HOST": "smtp.example.fi", "NEUVO_SMTP_SECURITY": "tls", "NEUVO_SMTP_FROM": "n@example.fi"}))
	if tls.SMTP.Port != 465 {
		t.Errorf("tls defaults to port %d, want 465", tls.SMTP.Port)
	}
	local, err := loadConfig(envOf(map[string]string{"NEUVO_SMTP_HOST": "localhost", "NEUVO_SMTP_SECURITY": "none",
		"NEUVO_SMTP_PORT": "1025", "NEUVO_SMTP_FROM": "n@example.fi"}))
	if err != nil || local.SMTP.Port != 1025 {
		t.Errorf("none on localhost: %+v, %v", local.SMTP, err)
	}
}

func TestConfigSMTPErrorsNameTheVariable(t *testing.T) {
	ok := map[string]string{"NEUVO_SMTP_HOST": "smtp.example.fi", "NEUVO_SMTP_FROM": "n@example.fi"}
	with := func(extra map[string]string) map[string]string {
		vars := map[string]string{}
		for k, v := range ok {
			vars[k] = v
		}
		for k, v := range extra {
			if v == "" {
				delete(vars, k)
			} else {
				vars[k] = v
			}
		}
		return vars
	}
	for name, vars := range map[string]map[string]string{
		"NEUVO_SMTP_HOST":      {"NEUVO_SMTP_FROM": "n@example.fi"},
		"NEUVO_SMTP_HOST ":     with(map[string]string{"NEUVO_SMTP_HOST": "smtp://example.fi"}),
		"NEUVO_SMTP_SECURITY":  with(map[string]string{"NEUVO_SMTP_SECURITY": "none"}),
		"NEUVO_SMTP_SECURITY ": with(map[string]string{"NEUVO_SMTP_SECURITY": "ssl"}),
		"NEUVO_SMTP_PORT":      with(map[string]string{"NEUVO_SMTP_PORT": "70000"}),
		"NEUVO_SMTP_USER":      with(map[string]string{"NEUVO_SMTP_USER": "neuvo"}),
		"NEUVO_SMTP_FROM":      with(map[string]string{"NEUVO_SMTP_FROM": ""}),
		"NEUVO_SMTP_PASSWORD":  with(map[string]string{"NEUVO_SMTP_USER": "neuvo", "NEUVO_SMTP_PASSWORD": "x", "NEUVO_SMTP_PASSWORD_FILE": "/x"}),
	} {
		_, err := loadConfig(envOf(vars))
		if err == nil || !strings.Contains(err.Error(), strings.TrimSpace(name)) {
			t.Errorf("%v: error %v does not name %s", vars, err, strings.TrimSpace(name))
		}
	}
}

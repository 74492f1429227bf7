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

func TestMigrateCommandAppliesAndGrants(t *testing.T) {
	d := dbtest.New(t)
	var out, errOut bytes.Buffer
	code := run([]string{"migrate"}, envOf(map[string]string{"NEUVO_MIGRATE_DATABASE_URL": d.OwnerURL, "NEUVO_DATABASE_URL": d.ServiceURL}), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "service role "+d.ServiceRole) {
		t.Fatalf("migrate: %d %q %q", code, out.String(), errOut.String())
	}
}

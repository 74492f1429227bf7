// Package dbtest gives a test a fresh PostgreSQL database of its own: an
// owner role that migrates it and a service role that the code under test
// uses, exactly as in production. Everything is dropped when the test ends.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // the PostgreSQL driver

	"neuvo/cases"
	"neuvo/migrations"
)

// AdminURL is a superuser connection used only to create and drop the test
// database and roles. NEUVO_TEST_ADMIN_URL overrides it.
func AdminURL() string {
	if u := os.Getenv("NEUVO_TEST_ADMIN_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// Admin opens the superuser connection, closed when the test ends.
func Admin(t testing.TB) *sqlx.DB {
	t.Helper()
	admin, err := sqlx.Open("postgres", AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	return admin
}

// DB is one test database.
type DB struct {
	Name        string
	OwnerRole   string
	ServiceRole string
	OwnerURL    string
	ServiceURL  string
	Owner       *sqlx.DB
	Service     *sqlx.DB
}

// New creates, migrates and returns a fresh database.
func New(t testing.TB) *DB {
	t.Helper()
	ctx := context.Background()
	admin := Admin(t)
	var err error
	suffix := randomSuffix()
	d := &DB{Name: "neuvo_test_" + suffix, OwnerRole: "neuvo_test_" + suffix + "_owner", ServiceRole: "neuvo_test_" + suffix + "_app"}
	mustExec(t, admin, `CREATE ROLE `+d.OwnerRole+` LOGIN CREATEROLE`)
	mustExec(t, admin, `CREATE DATABASE `+d.Name+` OWNER `+d.OwnerRole)
	t.Cleanup(func() { d.drop(admin) })
	d.OwnerURL = withUserAndDB(AdminURL(), d.OwnerRole, d.Name)
	d.ServiceURL = withUserAndDB(AdminURL(), d.ServiceRole, d.Name)
	if d.Owner, err = sqlx.Open("postgres", cases.DriverURL(d.OwnerURL)); err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Apply(ctx, d.Owner.DB, d.ServiceRole); err != nil {
		t.Fatalf("migrating test database: %v", err)
	}
	if d.Service, err = sqlx.Open("postgres", cases.DriverURL(d.ServiceURL)); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *DB) drop(admin *sqlx.DB) {
	if d.Service != nil {
		d.Service.Close()
	}
	if d.Owner != nil {
		d.Owner.Close()
	}
	admin.Exec(`DROP DATABASE IF EXISTS ` + d.Name + ` WITH (FORCE)`)
	admin.Exec(`DROP ROLE IF EXISTS ` + d.ServiceRole)
	admin.Exec(`DROP ROLE IF EXISTS ` + d.OwnerRole)
}

func mustExec(t testing.TB, db *sqlx.DB, query string) {
	t.Helper()
	if _, err := db.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func withUserAndDB(base, user, db string) string {
	u, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	u.User = url.User(user)
	u.Path = "/" + db
	return u.String()
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

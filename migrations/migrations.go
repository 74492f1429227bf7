// Package migrations holds the numbered schema changes and applies them in
// order, each in its own transaction together with its version row, under an
// advisory lock so that concurrent `neuvo migrate` runs wait for each other.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/lib/pq"
)

//go:embed *.sql
var files embed.FS

// lockKey is an arbitrary constant shared by every Neuvo migrator.
const lockKey = 7_384_110_211

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// All returns the embedded migrations in version order.
func All() ([]Migration, error) {
	names, err := fs.Glob(files, "[0-9]*.sql")
	if err != nil {
		return nil, err
	}
	var all []Migration
	for _, name := range names {
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
		body, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		all = append(all, Migration{Version: version, Name: name, SQL: string(body)})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Version < all[j].Version })
	for i := 1; i < len(all); i++ {
		if all[i].Version == all[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share a version", all[i-1].Name, all[i].Name)
		}
	}
	return all, nil
}

// Latest is the version the code expects the schema to be at.
func Latest() int {
	all, err := All()
	if err != nil || len(all) == 0 {
		return 0
	}
	return all[len(all)-1].Version
}

// Current reads the schema version; 0 when nothing has been applied.
func Current(ctx context.Context, db *sql.DB) (int, error) {
	var exists bool
	err := db.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists)
	if err != nil || !exists {
		return 0, err
	}
	var version int
	err = db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version)
	return version, err
}

// Apply runs the pending migrations as the connected (owner) role, then
// River's (river.go), then makes sure the service role exists, cannot
// bypass row-level security and has exactly the privileges in grants.sql.
// It returns the versions of Neuvo's migrations applied.
func Apply(ctx context.Context, db *sql.DB, serviceRole string) ([]int, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockKey); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, lockKey)

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, err
	}
	applied, err := applyPending(ctx, conn)
	if err != nil {
		return applied, err
	}
	if _, err := applyRiver(ctx, db); err != nil {
		return applied, err
	}
	return applied, grantService(ctx, conn, serviceRole)
}

func applyPending(ctx context.Context, conn *sql.Conn) ([]int, error) {
	all, err := All()
	if err != nil {
		return nil, err
	}
	var current int
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return nil, err
	}
	var applied []int
	for _, m := range all {
		if m.Version <= current {
			continue
		}
		if err := applyOne(ctx, conn, m); err != nil {
			return applied, err
		}
		applied = append(applied, m.Version)
	}
	return applied, nil
}

func applyOne(ctx context.Context, conn *sql.Conn, m Migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	return tx.Commit()
}

func grantService(ctx context.Context, conn *sql.Conn, role string) error {
	if role == "" {
		return fmt.Errorf("no service role given")
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := ensureServiceRole(ctx, tx, role); err != nil {
		return err
	}
	body, err := files.ReadFile("grants.sql")
	if err != nil {
		return err
	}
	grants := strings.ReplaceAll(string(body), "{{service}}", pq.QuoteIdentifier(role))
	if _, err := tx.ExecContext(ctx, grants); err != nil {
		return fmt.Errorf("grants for %s: %w", role, err)
	}
	return tx.Commit()
}

func ensureServiceRole(ctx context.Context, tx *sql.Tx, role string) error {
	var super, bypass bool
	err := tx.QueryRowContext(ctx, `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, role).Scan(&super, &bypass)
	if err == sql.ErrNoRows {
		_, err = tx.ExecContext(ctx, `CREATE ROLE `+pq.QuoteIdentifier(role)+` LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`)
		if err != nil {
			return fmt.Errorf("creating service role %s (the migrating role needs CREATEROLE, or create it yourself): %w", role, err)
		}
		return nil
	}
	if err != nil {
		return err
	}
	if super || bypass {
		return fmt.Errorf("service role %s is a superuser or has BYPASSRLS: row-level security would not protect anything", role)
	}
	var owned int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
		WHERE r.rolname = $1 AND c.relnamespace = 'public'::regnamespace`, role).Scan(&owned)
	if err == nil && owned > 0 {
		return fmt.Errorf("service role %s owns %d relations: row-level security is not forced on an owner's own tables", role, owned)
	}
	return err
}

package migrations

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
)

// River's job queue keeps its own tables (river_job, river_leader,
// river_queue, …) and its own numbered migrations. They are part of Neuvo's
// schema all the same: `neuvo migrate` applies them as the owner, after
// Neuvo's migrations and before grants.sql, so the grants can name them.

func riverMigrator(db *sql.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	return rivermigrate.New(riverdatabasesql.New(db), nil)
}

// applyRiver brings River's tables up to the version this binary's River
// needs; it does nothing when they are current.
func applyRiver(ctx context.Context, db *sql.DB) ([]int, error) {
	migrator, err := riverMigrator(db)
	if err != nil {
		return nil, err
	}
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("River's job queue migrations: %w", err)
	}
	var applied []int
	for _, v := range res.Versions {
		applied = append(applied, v.Version)
	}
	return applied, nil
}

// RiverCurrent reports an error when River's tables are missing or behind,
// so `neuvo serve` refuses to start before `neuvo migrate` has run.
func RiverCurrent(ctx context.Context, db *sql.DB) error {
	migrator, err := riverMigrator(db)
	if err != nil {
		return err
	}
	res, err := migrator.Validate(ctx, nil)
	if err != nil {
		return fmt.Errorf("checking River's job queue schema: %w", err)
	}
	if !res.OK {
		return fmt.Errorf("River's job queue schema is not current (%s): run `neuvo migrate` first", strings.Join(res.Messages, "; "))
	}
	return nil
}

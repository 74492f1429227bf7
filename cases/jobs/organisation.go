package jobs

import (
	"context"
	"strconv"

	"github.com/jmoiron/sqlx"
)

// InOrganisation runs fn in a transaction scoped to one organisation, as a
// request's transaction is, and commits when fn returns nil. A worker runs
// outside any request: tenant tables force row-level security and the
// service role cannot bypass it, so a worker sees no tenant row until it
// names the organisation its job belongs to. (This is cases.InScope
// without a user; jobs cannot import cases, which enqueues jobs.)
func InOrganisation(ctx context.Context, db *sqlx.DB, orgID int64, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT set_config('app.org_id', $1, true)`, strconv.FormatInt(orgID, 10)); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Organisations lists every active organisation, for periodic jobs that
// visit each in turn with InOrganisation.
func Organisations(ctx context.Context, db *sqlx.DB) ([]int64, error) {
	var ids []int64
	err := db.SelectContext(ctx, &ids, `SELECT id FROM organisations WHERE active ORDER BY id`)
	return ids, err
}

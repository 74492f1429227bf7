package stats

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// The disclosure threshold k of each organisation (design.md §5): a cell
// of 1..k-1 units is suppressed. Default 5, never below 3 (the schema
// refuses it too), at most 50.
const (
	thresholdDefault = 5
	ThresholdMin     = 3
	ThresholdMax     = 50
)

// K is an organisation's threshold, the default when it has set none. An
// organisation the current one may not read (outside its network) is an
// error, never a quiet default.
func K(ctx context.Context, q sqlx.QueryerContext, orgID int64) (int, error) {
	var row struct {
		Visible bool          `db:"visible"`
		K       sql.NullInt64 `db:"k"`
	}
	err := sqlx.GetContext(ctx, q, &row, `SELECT
		(o.id = app_org_id() OR o.network_id = app_network_id()) AS visible,
		(SELECT s.k FROM stats_settings s WHERE s.org_id = o.id) AS k
		FROM organisations o WHERE o.id = $1`, orgID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !row.Visible) {
		return 0, cases.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	if !row.K.Valid {
		return thresholdDefault, nil
	}
	return int(row.K.Int64), nil
}

// ThresholdField is the form field of k.
const ThresholdField = "k"

// SaveK sets the current organisation's threshold; its own admins only.
func SaveK(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, raw string) (int, error) {
	if !actor.Has(cases.RoleAdmin) {
		return 0, cases.ErrForbidden
	}
	var v cases.ValidationError
	k := v.Int(ThresholdField, raw, ThresholdMin, ThresholdMax, "error.threshold")
	if projectBlank(raw) && v.For(ThresholdField) == "" {
		v.Add(ThresholdField, "error.required")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO stats_settings (org_id, k) VALUES (app_org_id(), $1)
		ON CONFLICT (org_id) DO UPDATE SET k = excluded.k, updated_at = now()`, k)
	if err != nil {
		return 0, err
	}
	// Every year the organisation has figures for is recomputed at the new k.
	_, err = q.ExecContext(ctx, `INSERT INTO stats_dirty (org_id, source, year, month)
		SELECT app_org_id(), 'contacts', p.year, 1 FROM stats_patterns p WHERE p.scope_org = app_org_id()
		GROUP BY p.year ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, err
	}
	return int(k), cases.Audit(ctx, q, cases.Event{Action: "stats.threshold", RecordType: "organisation",
		RecordID: projectIDText(org.ID), ActorRoles: actor, Purpose: "administration",
		Details: map[string]any{"k": strconv.FormatInt(k, 10)}})
}

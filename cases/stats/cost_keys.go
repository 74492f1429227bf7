package stats

import (
	"context"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// KeyFigures reads the network's partner key figures: year -> org -> key.
func KeyFigures(ctx context.Context, q sqlx.QueryerContext) (map[int]map[int64]int64, error) {
	var rows []struct {
		Year  int   `db:"year"`
		OrgID int64 `db:"org_id"`
		Key   int64 `db:"key_figure"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT year, org_id, key_figure FROM stats_key_figures
		WHERE network_id = app_network_id()`)
	if err != nil {
		return nil, err
	}
	out := map[int]map[int64]int64{}
	for _, r := range rows {
		if out[r.Year] == nil {
			out[r.Year] = map[int64]int64{}
		}
		out[r.Year][r.OrgID] = r.Key
	}
	return out, nil
}

// KeyInput is one field of the key figures form: blank removes the figure.
type KeyInput struct {
	OrgID int64
	Year  int
	Raw   string
}

// KeyField names the form field of a partner's key figure for a year.
func KeyField(orgID int64, year int) string {
	return "key_" + projectIDText(orgID) + "_" + projectYearText(year)
}

// maxKeyFigure is the schema's integer.
const maxKeyFigure = cases.MaxSQLInt

// SaveKeyFigures stores the hub's key figures for the partners of its
// network, for the years given.
func SaveKeyFigures(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, in []KeyInput) error {
	if err := requireHubAdmin(actor, org); err != nil {
		return err
	}
	network, err := cases.ManagedOrganisations(ctx, q)
	if err != nil {
		return err
	}
	partners := map[int64]bool{}
	for _, o := range network {
		partners[o.ID] = o.Kind == cases.KindPartner
	}
	var v cases.ValidationError
	for _, k := range in {
		field := KeyField(k.OrgID, k.Year)
		if !partners[k.OrgID] || !projectSettingsYear(k.Year) {
			v.Add(field, "error.choose")
			continue
		}
		n := v.Int(field, k.Raw, 0, maxKeyFigure, "error.key_figure")
		if v.For(field) != "" {
			continue
		}
		if err := saveKey(ctx, q, k, n); err != nil {
			return err
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return cases.Audit(ctx, q, cases.Event{Action: "stats.key_figures", RecordType: "organisation",
		RecordID: projectIDText(org.ID), ActorRoles: actor, Purpose: "administration"})
}

// saveKey stores one figure; a blank field removes it. The request's
// transaction rolls back if any other field was bad.
func saveKey(ctx context.Context, q sqlx.ExtContext, k KeyInput, n int64) error {
	if projectBlank(k.Raw) {
		_, err := q.ExecContext(ctx, `DELETE FROM stats_key_figures WHERE org_id = $1 AND year = $2`, k.OrgID, k.Year)
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO stats_key_figures (network_id, org_id, year, key_figure)
		VALUES (app_hub_network_id(), $1, $2, $3)
		ON CONFLICT (org_id, year) DO UPDATE SET key_figure = excluded.key_figure, updated_at = now()`, k.OrgID, k.Year, n)
	return err
}

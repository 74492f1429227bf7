package stats

import (
	"context"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// Staffing reads the current organisation's advisers' full-time
// equivalents by year.
func Staffing(ctx context.Context, q sqlx.QueryerContext) (map[int]float64, error) {
	var rows []struct {
		Year int     `db:"year"`
		FTE  float64 `db:"fte"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT year, fte::float8 AS fte FROM stats_staffing WHERE org_id = app_org_id()`)
	out := map[int]float64{}
	for _, r := range rows {
		out[r.Year] = r.FTE
	}
	return out, err
}

// FTE is the staffing of some organisations in a year, summed: what a
// report's contacts are divided by. Organisations the current one may not
// read count nothing; 0 means no staffing is known (see HasStaffing).
func FTE(ctx context.Context, q sqlx.QueryerContext, orgIDs []int64, year int) (float64, error) {
	var fte float64
	err := sqlx.GetContext(ctx, q, &fte, `SELECT coalesce(sum(fte), 0)::float8 FROM stats_staffing
		WHERE org_id = ANY($1) AND year = $2`, pq.Array(orgIDs), year)
	return fte, err
}

// StaffingInput is one year of the staffing form: blank removes it.
type StaffingInput struct {
	Year int
	Raw  string // "2,5"
}

// StaffingField names a year's field.
func StaffingField(year int) string { return "fte_" + projectYearText(year) }

// maxFTE is the schema's bound.
const maxFTE = 9999

// SaveStaffing stores the current organisation's staffing for the years
// given. Any organisation's admin keeps its own.
func SaveStaffing(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, in []StaffingInput) error {
	if !actor.Has(cases.RoleAdmin) {
		return cases.ErrForbidden
	}
	var v cases.ValidationError
	for _, s := range in {
		field := StaffingField(s.Year)
		if !projectSettingsYear(s.Year) {
			v.Add(field, "error.choose")
			continue
		}
		fte, ok := projectDecimal(&v, field, s.Raw, 0, maxFTE, "error.fte")
		if v.For(field) != "" {
			continue
		}
		var err error
		if ok {
			_, err = q.ExecContext(ctx, `INSERT INTO stats_staffing (org_id, year, fte) VALUES (app_org_id(), $1, $2)
				ON CONFLICT (org_id, year) DO UPDATE SET fte = excluded.fte, updated_at = now()`, s.Year, fte)
		} else {
			_, err = q.ExecContext(ctx, `DELETE FROM stats_staffing WHERE org_id = app_org_id() AND year = $1`, s.Year)
		}
		if err != nil {
			return err
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return cases.Audit(ctx, q, cases.Event{Action: "stats.staffing", RecordType: "organisation",
		RecordID: projectIDText(org.ID), ActorRoles: actor, Purpose: "administration"})
}

// PeriodFTE is the staffing behind a report of the months [from, to]:
// each month counts its year's FTE (summed over the organisations), and
// the result is their average, so a period across two years weighs each
// year by its months. A year of the period with no staffing entered for
// any of the organisations makes the whole figure unknown (0): a per-FTE
// figure from part of the period would mislead.
func PeriodFTE(ctx context.Context, q sqlx.QueryerContext, orgIDs []int64, from, to Month) (float64, error) {
	var rows []struct {
		Year int     `db:"year"`
		FTE  float64 `db:"fte"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT year, sum(fte)::float8 AS fte FROM stats_staffing
		WHERE org_id = ANY($1) AND year BETWEEN $2 AND $3 GROUP BY year`, pq.Array(orgIDs), from.Year, to.Year)
	if err != nil {
		return 0, err
	}
	byYear := map[int]float64{}
	for _, r := range rows {
		byYear[r.Year] = r.FTE
	}
	return periodAverage(byYear, from, to), nil
}

// periodAverage is the month-weighted average of yearly figures, 0 when
// a year is missing.
func periodAverage(byYear map[int]float64, from, to Month) float64 {
	months := ProjectMonths(from, to)
	if months < 1 {
		return 0
	}
	sum := 0.0
	for i := 0; i < months; i++ {
		y := (projectMonthIndex(from) + i) / 12
		fte, ok := byYear[y]
		if !ok {
			return 0
		}
		sum += fte
	}
	return sum / float64(months)
}

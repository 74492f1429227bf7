package stats

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// ProjectCost is a project's cost setting for one year.
type ProjectCost struct {
	Year          int             `db:"year"`
	PartnersShare float64         `db:"partners_share"`
	Budget        sql.NullFloat64 `db:"budget_eur"`
}

// DefaultPartnersShare is the partners' share of a project's budget when
// the admin has not set it: 30 %, the state paying 70 %.
const DefaultPartnersShare = 30.0

// ProjectCosts reads a visible project's cost settings, one per year of
// its period, with the default where none is stored.
func ProjectCosts(ctx context.Context, q sqlx.QueryerContext, p Project) ([]ProjectCost, error) {
	var stored []ProjectCost
	err := sqlx.SelectContext(ctx, q, &stored, `SELECT year, partners_share::float8 AS partners_share,
		budget_eur::float8 AS budget_eur FROM project_costs WHERE project_id = $1`, p.ID)
	if err != nil {
		return nil, err
	}
	byYear := map[int]ProjectCost{}
	for _, c := range stored {
		byYear[c.Year] = c
	}
	var out []ProjectCost
	for _, y := range p.Years() {
		c, ok := byYear[y]
		if !ok {
			c = ProjectCost{Year: y, PartnersShare: DefaultPartnersShare}
		}
		out = append(out, c)
	}
	return out, nil
}

// CostInputRow is one year of the costs form, as typed.
type CostInputRow struct {
	Year          int
	PartnersShare string // percent, "30" or "30,5"
	Budget        string // euros, blank for none
}

// CostShareField and CostBudgetField name a year's form fields.
func CostShareField(year int) string  { return "share_" + projectYearText(year) }
func CostBudgetField(year int) string { return "budget_" + projectYearText(year) }

// SaveProjectCosts stores the cost settings of every year of the period.
func SaveProjectCosts(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, projectID int64, in []CostInputRow) error {
	p, err := AdminProject(ctx, q, actor, org, projectID)
	if err != nil {
		return err
	}
	rows, err := parseCosts(p, in)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM project_costs WHERE project_id = $1`, p.ID); err != nil {
		return err
	}
	for _, c := range rows {
		_, err := q.ExecContext(ctx, `INSERT INTO project_costs (network_id, project_id, year, partners_share, budget_eur)
			VALUES (app_hub_network_id(), $1, $2, $3, $4)`, p.ID, c.Year, c.PartnersShare, c.Budget)
		if err != nil {
			return err
		}
	}
	return auditProject(ctx, q, actor, "project.costs", p.ID)
}

func parseCosts(p Project, in []CostInputRow) ([]ProjectCost, error) {
	var v cases.ValidationError
	var out []ProjectCost
	years := map[int]bool{}
	for _, y := range p.Years() {
		years[y] = true
	}
	for _, r := range in {
		if !years[r.Year] {
			v.Add(CostShareField(r.Year), "error.choose")
			continue
		}
		c := ProjectCost{Year: r.Year, PartnersShare: DefaultPartnersShare}
		if share, ok := projectDecimal(&v, CostShareField(r.Year), r.PartnersShare, 0, 100, "error.partners_share"); ok {
			c.PartnersShare = share
		}
		if budget, ok := projectDecimal(&v, CostBudgetField(r.Year), r.Budget, 0, 9_999_999_999, "error.budget"); ok {
			c.Budget = sql.NullFloat64{Float64: budget, Valid: true}
		}
		out = append(out, c)
	}
	return out, v.Err()
}

package stats

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// ProjectFigures are a project's progress against its targets and its
// partners' cost shares of the report's last year, both read from the
// report's protected tables.
type ProjectFigures struct {
	Progress []ProgressRow
	Cost     *CostInput // nil when no cost settings cover the year
	Year     int
	Names    map[int64]string // the network's organisations by id
}

// ForProject computes a project's figures beside a report of its period;
// nil when the project is not visible.
func ForProject(ctx context.Context, q sqlx.QueryerContext, rep *Report, projectID int64, now time.Time) (*ProjectFigures, error) {
	project, err := GetProject(ctx, q, projectID)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	targets, err := ProjectTargets(ctx, q, projectID)
	if err != nil {
		return nil, err
	}
	names, partners, err := networkOrganisations(ctx, q)
	if err != nil {
		return nil, err
	}
	out := &ProjectFigures{Progress: ProjectProgress(project, targets, rep.Done, now), Year: rep.To.Year, Names: names}
	costs, err := ProjectCosts(ctx, q, project)
	if err != nil {
		return nil, err
	}
	keys, err := KeyFigures(ctx, q)
	for _, cost := range costs {
		if cost.Year != out.Year {
			continue
		}
		var members []CostMember
		for _, m := range project.Members {
			if partners[m] {
				members = append(members, CostMember{OrgID: m, Name: names[m], Received: rep.ReceivedBy(m)})
			}
		}
		in := ProjectCostInput(cost, keys[out.Year], members, Received{})
		out.Cost = &in
	}
	return out, err
}

// networkOrganisations are the network's organisations by id, and which
// of them are partners.
func networkOrganisations(ctx context.Context, q sqlx.QueryerContext) (map[int64]string, map[int64]bool, error) {
	var rows []struct {
		ID   int64  `db:"id"`
		Name string `db:"name"`
		Kind string `db:"kind"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT id, name, kind FROM organisations WHERE network_id = app_network_id()`)
	names, partners := map[int64]string{}, map[int64]bool{}
	for _, r := range rows {
		names[r.ID], partners[r.ID] = r.Name, r.Kind == "partner"
	}
	return names, partners, err
}

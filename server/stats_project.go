package server

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// projectPresets are the projects' periods for the report builder.
func projectPresets(ctx context.Context, q sqlx.QueryerContext, l interface{ T(string, ...any) string }) ([]periodPreset, error) {
	projects, err := stats.Projects(ctx, q)
	var out []periodPreset
	for _, p := range projects {
		out = append(out, periodPreset{Value: "project:" + strconv.FormatInt(p.ID, 10),
			Label: l.T("stats.preset.project", p.Name, p.From.String(), p.To.String()), From: p.From, To: p.To})
	}
	return out, err
}

// statsProject adds a project's targets and the cost shares of the
// report's last year when the period is the project's.
func (s *Server) statsProject(c *gin.Context, p *statsPage) error {
	id, ok := strings.CutPrefix(p.Form.Period, "project:")
	pid, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || p.Report == nil {
		return nil
	}
	ctx, tx := c.Request.Context(), requestTx(c)
	project, err := stats.GetProject(ctx, tx, pid)
	if errors.Is(err, cases.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	targets, err := stats.ProjectTargets(ctx, tx, pid)
	if err != nil {
		return err
	}
	names, partners, err := networkNames(ctx, tx)
	if err != nil {
		return err
	}
	t := newStatsTargets(p.L, stats.ProjectProgress(project, targets, p.Report.Done, s.now()), names)
	p.Targets = &t
	return s.statsCostShares(ctx, tx, p, project, names, partners)
}

func (s *Server) statsCostShares(ctx context.Context, tx *sqlx.Tx, p *statsPage, project stats.Project, names map[int64]string, partners map[int64]bool) error {
	costs, err := stats.ProjectCosts(ctx, tx, project)
	if err != nil {
		return err
	}
	keys, err := stats.KeyFigures(ctx, tx)
	if err != nil {
		return err
	}
	year := p.Report.To.Year
	for _, cost := range costs {
		if cost.Year != year {
			continue
		}
		var members []stats.CostMember
		for _, m := range project.Members {
			if partners[m] {
				members = append(members, stats.CostMember{OrgID: m, Name: names[m], Received: p.Report.ReceivedBy(m)})
			}
		}
		cc := newStatsCosts(p.L, year, stats.ProjectCostInput(cost, keys[year], members, stats.Received{}))
		p.Costs = &cc
	}
	return nil
}

// networkNames are the network's organisations by id, and which are partners.
func networkNames(ctx context.Context, q sqlx.QueryerContext) (map[int64]string, map[int64]bool, error) {
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

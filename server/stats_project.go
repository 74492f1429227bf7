package server

import (
	"context"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/cases/stats"
	"neuvo/frontend"
)

// projectPresets are the projects' periods for the report builder.
func projectPresets(ctx context.Context, q sqlx.QueryerContext, l frontend.Lang) ([]periodPreset, error) {
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
	figures, err := stats.ForProject(c.Request.Context(), requestTx(c), p.Report, pid, s.now())
	if figures == nil || err != nil {
		return err
	}
	t := newStatsTargets(p.L, figures.Progress, figures.Names)
	p.Targets = &t
	if figures.Cost != nil {
		cc := newStatsCosts(p.L, figures.Year, *figures.Cost)
		p.Costs = &cc
	}
	return nil
}

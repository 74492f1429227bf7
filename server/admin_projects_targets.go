package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// projectTargetsSave replaces a project's targets with the grid as typed.
func (s *Server) projectTargetsSave(c *gin.Context) {
	who := currentActor(c)
	ctx, tx, id := c.Request.Context(), requestTx(c), paramID(c)
	p, err := stats.AdminProject(ctx, tx, who.Roles, who.Org, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	network, err := cases.ManagedOrganisations(ctx, tx)
	if err != nil {
		s.fail(c, err)
		return
	}
	grid := newTargetGrid(p, network)
	var in []stats.TargetInput
	for _, m := range grid.Measures {
		for _, col := range grid.Columns {
			raw := c.PostForm(grid.Field(m, col.ID))
			grid.Values[grid.Field(m, col.ID)] = raw
			in = append(in, stats.TargetInput{Measure: m, OrgID: col.ID, Raw: raw})
		}
	}
	err = stats.SaveTargets(ctx, tx, who.Roles, who.Org, id, in)
	var invalid *cases.ValidationError
	switch {
	case err == nil:
		s.redirect(c, "/admin/projects/"+strconv.FormatInt(id, 10)+"?saved=targets#targets")
	case s.formFailed(c, err, &invalid):
		s.projectSubformFailed(c, p, func(page *projectPage) { page.Targets, page.TargetErrors = grid, invalid })
	default:
		s.fail(c, err)
	}
}

// projectCostsSave stores the partners' share and the budget per year.
func (s *Server) projectCostsSave(c *gin.Context) {
	who := currentActor(c)
	ctx, tx, id := c.Request.Context(), requestTx(c), paramID(c)
	p, err := stats.AdminProject(ctx, tx, who.Roles, who.Org, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	var rows []stats.CostInputRow
	for _, y := range p.Years() {
		rows = append(rows, stats.CostInputRow{Year: y, PartnersShare: c.PostForm(stats.CostShareField(y)),
			Budget: c.PostForm(stats.CostBudgetField(y))})
	}
	err = stats.SaveProjectCosts(ctx, tx, who.Roles, who.Org, id, rows)
	var invalid *cases.ValidationError
	switch {
	case err == nil:
		s.redirect(c, "/admin/projects/"+strconv.FormatInt(id, 10)+"?saved=costs#costs")
	case s.formFailed(c, err, &invalid):
		s.projectSubformFailed(c, p, func(page *projectPage) { page.Costs, page.CostErrors = rows, invalid })
	default:
		s.fail(c, err)
	}
}

// projectSubformFailed shows the project page again with one of its
// forms as typed and its errors. Both saves validate before they write,
// so the rest of the page reads what is stored.
func (s *Server) projectSubformFailed(c *gin.Context, p stats.Project, typed func(*projectPage)) {
	in := stats.ProjectInput{Name: p.Name, Funder: p.Funder, From: p.From.String(), To: p.To.String(), Members: p.Members}
	page, err := s.projectForm(c, p.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	typed(&page)
	s.render(c, http.StatusUnprocessableEntity, "admin_project_form", "admin.project_edit", page)
}

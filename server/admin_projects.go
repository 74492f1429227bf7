package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// projectPage is the hub admin's project form and, for a project that
// exists, its targets and cost settings, each a form of its own.
type projectPage struct {
	ID      int64
	Input   stats.ProjectInput
	Network []cases.Organisation
	Errors  *cases.ValidationError

	Targets      targetGrid
	TargetErrors *cases.ValidationError
	Costs        []stats.CostInputRow
	CostErrors   *cases.ValidationError
	Saved        string // which form was just saved
}

// Member reports whether an organisation is ticked as a member.
func (p projectPage) Member(id int64) bool {
	for _, m := range p.Input.Members {
		if m == id {
			return true
		}
	}
	return false
}

func (s *Server) projectList(c *gin.Context) {
	who := currentActor(c)
	projects, err := stats.AdminProjects(c.Request.Context(), requestTx(c), who.Roles, who.Org)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_projects", "admin.projects", projects)
}

func (s *Server) projectNew(c *gin.Context) {
	who := currentActor(c)
	if err := stats.ProjectAdmin(who.Roles, who.Org); err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.projectForm(c, 0, stats.ProjectInput{Members: []int64{who.Org.ID}})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_project_form", "admin.project_new", page)
}

func (s *Server) projectCreate(c *gin.Context) {
	who := currentActor(c)
	in := projectInput(c)
	id, err := stats.CreateProject(c.Request.Context(), requestTx(c), who.Roles, who.Org, in)
	s.projectSaved(c, 0, in, err, "/admin/projects/"+strconv.FormatInt(id, 10)+"?saved=project")
}

func (s *Server) projectEdit(c *gin.Context) {
	who := currentActor(c)
	p, err := stats.AdminProject(c.Request.Context(), requestTx(c), who.Roles, who.Org, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	in := stats.ProjectInput{Name: p.Name, Funder: p.Funder, From: p.From.String(), To: p.To.String(), Members: p.Members}
	page, err := s.projectForm(c, p.ID, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Saved = c.Query("saved")
	s.render(c, http.StatusOK, "admin_project_form", "admin.project_edit", page)
}

func (s *Server) projectUpdate(c *gin.Context) {
	who := currentActor(c)
	id, in := paramID(c), projectInput(c)
	err := stats.UpdateProject(c.Request.Context(), requestTx(c), who.Roles, who.Org, id, in)
	s.projectSaved(c, id, in, err, "/admin/projects/"+strconv.FormatInt(id, 10)+"?saved=project")
}

// projectSaved answers the project form: on to the project, the form
// again with its field errors and what was typed, or an error page.
func (s *Server) projectSaved(c *gin.Context, id int64, in stats.ProjectInput, err error, next string) {
	var invalid *cases.ValidationError
	switch {
	case err == nil:
		s.redirect(c, next)
	case s.formFailed(c, err, &invalid):
		page, ferr := s.projectForm(c, id, in)
		if ferr != nil {
			s.fail(c, ferr)
			return
		}
		page.Errors = invalid
		title := "admin.project_new"
		if id != 0 {
			title = "admin.project_edit"
		}
		s.render(c, http.StatusUnprocessableEntity, "admin_project_form", title, page)
	default:
		s.fail(c, err)
	}
}

func projectInput(c *gin.Context) stats.ProjectInput {
	in := stats.ProjectInput{Name: c.PostForm("name"), Funder: c.PostForm("funder"), From: c.PostForm("from"), To: c.PostForm("to")}
	for _, raw := range c.PostFormArray("members") {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			in.Members = append(in.Members, id)
		} else {
			in.Members = append(in.Members, -1) // refused by validation as not of the network
		}
	}
	return in
}

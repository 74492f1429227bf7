package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// supportGroupsPage is the coordinator's expert groups: the list and one
// group's form (new or being edited).
type supportGroupsPage struct {
	supportView
	Groups  []cases.ExpertGroup
	Experts []cases.User
	ID      int64
	Form    cases.ExpertGroupInput
}

// IsMember reports whether a user is in the form's group.
func (p supportGroupsPage) IsMember(id int64) bool {
	for _, m := range p.Form.Members {
		if m == id {
			return true
		}
	}
	return false
}

// ExpertName names a group member.
func (p supportGroupsPage) ExpertName(id int64) string {
	for _, u := range p.Experts {
		if u.ID == id {
			return u.DisplayName
		}
	}
	return ""
}

func (s *Server) supportGroups(c *gin.Context) { s.supportGroupPage(c, 0, nil, nil) }

func (s *Server) supportGroupEdit(c *gin.Context) {
	g, err := cases.GetExpertGroup(c.Request.Context(), requestTx(c), paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.supportGroupPage(c, g.ID, &cases.ExpertGroupInput{Name: g.Name, Topics: g.Topics, Members: g.Members}, nil)
}

func (s *Server) supportGroupCreate(c *gin.Context) { s.supportGroupSave(c, 0) }

func (s *Server) supportGroupUpdate(c *gin.Context) { s.supportGroupSave(c, paramID(c)) }

func (s *Server) supportGroupSave(c *gin.Context, id int64) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var v cases.ValidationError
	in := cases.ExpertGroupInput{Name: c.PostForm("name"), Topics: c.PostFormArray("topics")}
	members := c.PostFormArray("members")
	if !v.List("members", "error.too_many_members", members, cases.MaxGroupMembers) {
		members = nil
	}
	for _, raw := range members {
		if m := v.ID("members", raw); m != 0 {
			in.Members = append(in.Members, m)
		}
	}
	who := currentActor(c)
	if id != 0 { // another hub's group is not found before the form is judged
		if _, err := cases.GetExpertGroup(c.Request.Context(), requestTx(c), id); err != nil {
			s.fail(c, err)
			return
		}
	}
	if v.Err() == nil {
		_, err = cases.SaveExpertGroup(c.Request.Context(), requestTx(c), tax, who.Roles, who.Org, id, in)
		if err == nil {
			s.redirect(c, "/support/groups")
			return
		}
	} else {
		err = &v
	}
	var invalid *cases.ValidationError
	if !s.formFailed(c, err, &invalid) {
		s.fail(c, err)
		return
	}
	s.supportGroupPage(c, id, &in, invalid)
}

func (s *Server) supportGroupPage(c *gin.Context, id int64, form *cases.ExpertGroupInput, errs *cases.ValidationError) {
	if !currentActor(c).Org.IsHub() {
		s.fail(c, cases.ErrForbidden)
		return
	}
	ctx, tx := c.Request.Context(), requestTx(c)
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := supportGroupsPage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code, Errors: errs}, ID: id}
	if form != nil {
		page.Form = *form
	}
	if page.Groups, err = cases.ExpertGroups(ctx, tx); err == nil {
		page.Experts, err = cases.Experts(ctx, tx)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	status := http.StatusOK
	if errs != nil {
		status = http.StatusUnprocessableEntity
	}
	s.render(c, status, "support_groups", "support.groups", page)
}

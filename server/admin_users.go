package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type userForm struct {
	User     cases.User
	New      bool
	Subject  string
	Name     string
	Email    string
	Roles    []string
	Active   bool
	AllRoles []string
	Errors   *cases.ValidationError
}

func (s *Server) userList(c *gin.Context) {
	users, err := cases.Users(c.Request.Context(), requestTx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_users", "admin.users", users)
}

func (s *Server) userEdit(c *gin.Context) {
	user, err := cases.GetUser(c.Request.Context(), requestTx(c), paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	form := userForm{User: user, Roles: user.RoleNames, Active: user.Active, AllRoles: cases.Roles(cases.AllRoles).Strings()}
	s.render(c, http.StatusOK, "admin_user_form", "admin.user_edit", form)
}

func (s *Server) userUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	who := currentActor(c)
	user, err := cases.GetUser(ctx, requestTx(c), paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	roles, ok := formRoles(c)
	form := userForm{User: user, Roles: c.PostFormArray("roles"), Active: c.PostForm("active") == "on",
		AllRoles: cases.Roles(cases.AllRoles).Strings()}
	if !ok {
		s.fail(c, errBadRequest)
		return
	}
	err = cases.UpdateUserAccess(ctx, requestTx(c), who.Roles, who.User.ID, user.ID, cases.UserAccess{Roles: roles, Active: form.Active})
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "admin_user_form", "admin.user_edit", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/users")
}

func (s *Server) userNew(c *gin.Context) {
	form := userForm{New: true, Active: true, AllRoles: cases.Roles(cases.AllRoles).Strings()}
	s.render(c, http.StatusOK, "admin_user_form", "admin.user_new", form)
}

// userCreate registers a user before their first login, by the subject
// their organisation's provider will send, so their roles are ready.
func (s *Server) userCreate(c *gin.Context) {
	who := currentActor(c)
	roles, ok := formRoles(c)
	form := userForm{New: true, Subject: c.PostForm("subject"), Name: c.PostForm("name"), Email: c.PostForm("email"),
		Roles: c.PostFormArray("roles"), Active: true, AllRoles: cases.Roles(cases.AllRoles).Strings()}
	if !ok {
		s.fail(c, errBadRequest)
		return
	}
	_, err := cases.PreRegisterUser(c.Request.Context(), requestTx(c), who.Roles, cases.LoginIdentity{
		Issuer: who.Org.Issuer, Subject: form.Subject, Name: form.Name, Email: form.Email, SeedRoles: roles})
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "admin_user_form", "admin.user_new", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/users")
}

// formRoles reads the role checkboxes; an honest form sends each role at
// most once, so more values than roles is a tampered request.
func formRoles(c *gin.Context) (cases.Roles, bool) {
	var roles cases.Roles
	names := c.PostFormArray("roles")
	if len(names) > len(cases.AllRoles) {
		return nil, false
	}
	for _, name := range names {
		r, ok := cases.ParseRole(name)
		if !ok {
			return nil, false
		}
		roles = append(roles, r)
	}
	return roles, true
}

func (s *Server) auditList(c *gin.Context) {
	events, err := cases.RecentAudit(c.Request.Context(), requestTx(c), 200)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_audit", "admin.audit", events)
}

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// route is one entry of the route table: what answers, and who may ask.
type route struct {
	method string
	path   string
	access access
	handle gin.HandlerFunc
}

// routes is the one table of every route, its permission and handler.
// A test walks it against every role (routes_test.go).
func (s *Server) routes() []route {
	const get, post = http.MethodGet, http.MethodPost
	admin := only(cases.RoleAdmin)
	return []route{
		{get, "/healthz", bare, s.healthz},
		{get, "/readyz", bare, s.readyz},
		{get, "/static/:file", bare, s.static},

		{get, "/login", public, s.loginPage},
		{post, "/login", public, s.loginStart},
		{get, "/auth/callback", bare, s.loginCallback},
		{get, "/logged-out", public, s.loggedOut},
		{post, "/logout", anyUser, s.logout},
		{post, "/language", public, s.setLanguage},

		{get, "/", anyUser, s.home},

		{get, "/admin/organisations", admin, s.organisationList},
		{get, "/admin/organisations/new", admin, s.organisationNew},
		{post, "/admin/organisations", admin, s.organisationCreate},
		{get, "/admin/organisations/:id", admin, s.organisationEdit},
		{post, "/admin/organisations/:id", admin, s.organisationUpdate},

		{get, "/admin/advice-points", admin, s.advicePointList},
		{get, "/admin/advice-points/new", admin, s.advicePointNew},
		{post, "/admin/advice-points", admin, s.advicePointCreate},
		{get, "/admin/advice-points/:id", admin, s.advicePointEdit},
		{post, "/admin/advice-points/:id", admin, s.advicePointUpdate},

		{get, "/admin/users", admin, s.userList},
		{get, "/admin/users/new", admin, s.userNew},
		{post, "/admin/users", admin, s.userCreate},
		{get, "/admin/users/:id", admin, s.userEdit},
		{post, "/admin/users/:id", admin, s.userUpdate},

		{get, "/admin/audit", admin, s.auditList},
	}
}

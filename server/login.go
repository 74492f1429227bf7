package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
)

type loginData struct {
	Organisations []cases.Organisation
	Return        string
	Problem       string // translation key
}

// loginPage lets the user pick their organisation. With only one there is
// nothing to pick and the login starts at once.
func (s *Server) loginPage(c *gin.Context) {
	if currentActor(c) != nil {
		s.redirect(c, "/")
		return
	}
	orgs, err := cases.LoginOrganisations(c.Request.Context(), requestTx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	returnTo := safeReturn(c.Query("return"))
	if len(orgs) == 1 {
		s.beginLogin(c, orgs[0], returnTo)
		return
	}
	s.render(c, http.StatusOK, "login", "login.title", loginData{Organisations: orgs, Return: returnTo})
}

func (s *Server) loginStart(c *gin.Context) {
	ctx := c.Request.Context()
	id, _ := strconv.ParseInt(c.PostForm("org"), 10, 64)
	org, err := cases.GetOrganisation(ctx, requestTx(c), id)
	if err != nil || !org.Active || org.Issuer == "" {
		s.loginProblem(c, http.StatusBadRequest, "login.choose_org")
		return
	}
	s.beginLogin(c, org, safeReturn(c.PostForm("return")))
}

func (s *Server) beginLogin(c *gin.Context, org cases.Organisation, returnTo string) {
	provider, err := s.providers.For(org)
	if err != nil {
		s.log.Warn("OpenID provider unavailable", append(logAttrs(c), "org_id", org.ID, "err", err)...)
		s.loginProblem(c, http.StatusServiceUnavailable, "login.provider_down")
		return
	}
	authURL, state, err := provider.Begin(c.Request.Context(), requestTx(c), returnTo)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.setCookie(c, s.cookies.login, state, auth.LoginLifetime)
	s.redirect(c, authURL)
}

func (s *Server) loginProblem(c *gin.Context, status int, problem string) {
	var q sqlx.QueryerContext = s.db // the callback has no request transaction
	if tx, ok := c.Get(keyTx); ok {
		q = tx.(*sqlx.Tx) // never a second connection while holding one: a full pool would deadlock
	}
	orgs, err := cases.LoginOrganisations(c.Request.Context(), q)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "login", "login.title", loginData{Organisations: orgs, Return: "/", Problem: problem})
}

package server

import (
	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// logout deletes the session first, then sends the browser to the
// provider's end-session endpoint so the provider's session ends too.
func (s *Server) logout(c *gin.Context) {
	ctx := c.Request.Context()
	who := currentActor(c)
	tx := requestTx(c)
	if err := cases.Audit(ctx, tx, cases.Event{Action: "logout", RecordType: "user",
		RecordID: idString(who.User.ID), ActorRoles: who.Roles, Purpose: "authentication"}); err != nil {
		s.fail(c, err)
		return
	}
	if err := who.session.End(ctx, tx); err != nil {
		s.fail(c, err)
		return
	}
	s.clearCookie(c, s.cookies.session)
	next := "/logged-out"
	if provider, err := s.providers.For(who.Org); err == nil {
		if u := provider.EndSessionURL(who.session.IDToken, PostLogoutURL(s.cfg.BaseURL), randomText(16)); u != "" {
			next = u
		}
	}
	s.redirect(c, next)
}

func (s *Server) loggedOut(c *gin.Context) {
	s.render(c, 200, "logged_out", "logout.title", nil)
}

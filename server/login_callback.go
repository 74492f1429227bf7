package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
)

// loginCallback finishes a login. It holds no database transaction while
// it talks to the provider: the login transaction is consumed and
// committed first (so it can never be replayed), then the code exchange
// runs, then the user and session are written in a second transaction.
func (s *Server) loginCallback(c *gin.Context) {
	ctx := c.Request.Context()
	cookieState, _ := c.Cookie(s.cookies.login)
	s.clearCookie(c, s.cookies.login)
	if c.Query("error") != "" {
		s.loginProblem(c, http.StatusBadRequest, "login.cancelled")
		return
	}
	t, err := auth.Consume(ctx, s.db, c.Query("state"), cookieState)
	if err != nil {
		s.refuseLogin(c, err)
		return
	}
	org, err := cases.GetOrganisation(ctx, s.db, t.OrgID)
	if err == nil && !org.Active {
		err = errInactiveOrganisation // deactivated while the user was at the provider
	}
	if err != nil {
		s.refuseLogin(c, err)
		return
	}
	provider, err := s.providers.For(org)
	if err != nil {
		s.refuseLogin(c, err)
		return
	}
	iss, hasIss := c.GetQuery("iss")
	result, err := provider.Complete(ctx, t, auth.Callback{Code: c.Query("code"), Issuer: iss, HasIssuer: hasIss})
	if err != nil {
		s.refuseLogin(c, err)
		return
	}
	secret, err := s.startSession(ctx, org, result)
	if errors.Is(err, cases.ErrForbidden) {
		s.loginProblem(c, http.StatusForbidden, "login.deactivated")
		return
	}
	if err != nil {
		s.refuseLogin(c, err)
		return
	}
	s.setCookie(c, s.cookies.session, secret, s.cfg.Session.Absolute)
	c.Redirect(http.StatusSeeOther, safeReturn(t.ReturnTo))
}

func (s *Server) startSession(ctx context.Context, org cases.Organisation, r auth.Result) (secret string, err error) {
	err = cases.InScope(ctx, s.db, cases.Scope{OrgID: org.ID}, func(tx *sqlx.Tx) error {
		user, err := cases.UserForLogin(ctx, tx, r.Identity)
		if err != nil {
			return err
		}
		if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: org.ID, UserID: user.ID}); err != nil {
			return err
		}
		if secret, err = auth.StartSession(ctx, tx, s.cfg.Session, user.ID, r.IDToken); err != nil {
			return err
		}
		return cases.Audit(ctx, tx, cases.Event{Action: "login", RecordType: "user",
			RecordID: idString(user.ID), ActorRoles: user.Roles(), Purpose: "authentication"})
	})
	return secret, err
}

var errInactiveOrganisation = errors.New("the organisation is inactive")

// refuseLogin logs why and shows the user one generic message.
func (s *Server) refuseLogin(c *gin.Context, err error) {
	s.log.Warn("login refused", append(logAttrs(c), "err", err)...)
	s.loginProblem(c, http.StatusBadRequest, "login.failed")
}

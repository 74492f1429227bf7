package server

import (
	"errors"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
)

const (
	keyTx    = "neuvo.tx"
	keyActor = "neuvo.actor"
)

// actor is the logged-in user of a request.
type actor struct {
	session auth.Session
	User    cases.User
	Org     cases.Organisation
	Roles   cases.Roles
}

// RoleNames is for templates.
func (a *actor) RoleNames() []string { return a.Roles.Strings() }

// requestTx runs the request's database work in one transaction, opened
// only once the body has been read (readBody). When the browser has a
// session, the transaction is scoped to its organisation and
// user before any handler runs; without one, row-level security shows the
// handler nothing tenant-scoped. Response helpers commit; anything else
// rolls back.
func (s *Server) requestTx(c *gin.Context) {
	if token, ok := bearerToken(c); ok && isAPI(c) {
		s.bearerRequest(c, token)
		return
	}
	ctx := c.Request.Context()
	tx, err := s.begin(c)
	if err != nil {
		s.fail(c, err)
		c.Abort()
		return
	}
	defer release(c)
	secret, _ := c.Cookie(s.cookies.session)
	session, err := auth.Resume(ctx, tx, s.cfg.Session, secret)
	switch {
	case errors.Is(err, auth.ErrNoSession):
		if secret != "" {
			s.clearCookie(c, s.cookies.session)
		}
	case err != nil:
		s.fail(c, err)
		c.Abort()
		return
	default:
		if err := s.loadActor(c, tx, session); err != nil {
			s.fail(c, err)
			c.Abort()
			return
		}
	}
	c.Next()
}

// bearerRequest runs an API request authenticated by an access token; it
// never looks at cookies. The token is verified before the transaction
// opens.
func (s *Server) bearerRequest(c *gin.Context, token string) {
	org, subject, err := s.bearerOrganisation(c, token)
	if err != nil && !errors.Is(err, errBearer) && !errors.Is(err, auth.ErrLogin) {
		s.apiFail(c, err)
		c.Abort()
		return
	}
	if err != nil {
		s.refuseBearer(c)
		return
	}
	tx, err := s.begin(c)
	if err != nil {
		s.apiFail(c, err)
		c.Abort()
		return
	}
	defer release(c)
	switch err := s.bearerActor(c, tx, org, subject); {
	case errors.Is(err, errBearer):
		s.refuseBearer(c) // a valid token of no active user here
	case err != nil:
		s.apiFail(c, err)
		c.Abort()
	default:
		c.Next()
	}
}

func (s *Server) loadActor(c *gin.Context, tx *sqlx.Tx, session auth.Session) error {
	ctx := c.Request.Context()
	user, err := cases.GetUser(ctx, tx, session.UserID)
	if errors.Is(err, cases.ErrNotFound) || (err == nil && !user.Active) {
		s.clearCookie(c, s.cookies.session)
		return cases.SetScope(ctx, tx, cases.Scope{})
	}
	if err != nil {
		return err
	}
	org, err := cases.GetOrganisation(ctx, tx, session.OrgID)
	if err != nil {
		return err
	}
	if !org.Active { // app_resume_session refuses these too: defence in depth
		s.clearCookie(c, s.cookies.session)
		return cases.SetScope(ctx, tx, cases.Scope{})
	}
	c.Set(keyActor, &actor{session: session, User: user, Org: org, Roles: user.Roles()})
	return nil
}

func currentActor(c *gin.Context) *actor {
	a, _ := c.Get(keyActor)
	who, _ := a.(*actor)
	return who
}

func requestTx(c *gin.Context) *sqlx.Tx {
	return c.MustGet(keyTx).(*sqlx.Tx)
}

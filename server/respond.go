package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/frontend"
)

// page is what every template gets.
type page struct {
	L       frontend.Lang
	Nonce   string
	Title   string // translation key
	Actor   *actor
	Path    string
	Version string
	Data    any
}

// finish ends the request's transaction before anything is written: it
// commits for a success and rolls back for an error, so the user is never
// told "saved" about something that was not.
func finish(c *gin.Context, status int) error {
	v, ok := c.Get(keyTx)
	if !ok {
		return nil
	}
	tx := v.(*sqlx.Tx)
	defer release(c)
	if status >= 400 {
		return tx.Rollback()
	}
	return tx.Commit()
}

// render commits (or rolls back) and writes a page.
func (s *Server) render(c *gin.Context, status int, name, title string, data any) {
	if err := finish(c, status); err != nil {
		s.internalError(c, err)
		return
	}
	s.write(c, status, name, title, data)
}

func (s *Server) write(c *gin.Context, status int, name, title string, data any) {
	p := page{L: s.lang(c), Nonce: c.GetString(keyNonce), Title: title, Actor: currentActor(c),
		Path: c.Request.URL.RequestURI(), Version: s.cfg.Version, Data: data}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(status)
	if err := s.pages.Render(c.Writer, name, p); err != nil {
		s.log.Error("rendering", append(logAttrs(c), "page", name, "err", err)...)
	}
}

// redirect commits and sends the browser on with 303 See Other.
func (s *Server) redirect(c *gin.Context, location string) {
	if err := finish(c, http.StatusSeeOther); err != nil {
		s.internalError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, location)
}

// errBadRequest is input no honest form can produce (a tampered field).
var errBadRequest = errors.New("bad request")

// fail answers a domain or infrastructure error with the right generic page.
func (s *Server) fail(c *gin.Context, err error) {
	switch {
	case s.busy(c, err):
		s.unavailable(c)
	case errors.Is(err, cases.ErrNotFound):
		s.errorPage(c, http.StatusNotFound)
	case errors.Is(err, errBadRequest):
		s.errorPage(c, http.StatusBadRequest)
	case errors.Is(err, cases.ErrForbidden):
		s.errorPage(c, http.StatusForbidden)
	default:
		s.internalError(c, err)
	}
}

func (s *Server) internalError(c *gin.Context, err error) {
	s.log.Error("internal error", append(logAttrs(c), "err", err)...)
	s.errorPage(c, http.StatusInternalServerError)
}

// errorPage shows a translated, generic page: the cause is only in the log.
func (s *Server) errorPage(c *gin.Context, status int) {
	if isAPI(c) {
		s.writeProblem(c, problem{Status: status})
		return
	}
	finish(c, status)
	s.write(c, status, "error", "error.title", status)
}

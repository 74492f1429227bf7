package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// statsRelease stores the report the query asks for, exactly as shown,
// under the title the manager gave, and opens it.
func (s *Server) statsRelease(c *gin.Context) {
	lang := s.lang(c).Code
	p, err := s.statsReport(c, lang)
	if err != nil {
		s.fail(c, err)
		return
	}
	if p.Errors != nil {
		s.statsRenderPage(c, http.StatusBadRequest, p)
		return
	}
	title := c.PostForm("title")
	id, err := stats.Publish(c.Request.Context(), requestTx(c), currentActor(c).Roles, p.Report.Request, title)
	if errors.Is(err, stats.ErrTitle) {
		p.Errors = &cases.ValidationError{}
		p.Errors.Add("title", "stats.error.release_title")
		p.ReleaseTitle = title
		s.statsRenderPage(c, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/stats/releases/"+strconv.FormatInt(id, 10))
}

// statsReleaseShow is a release read back: the stored tables, laid out
// like the print page, with who released it and whether it was corrected.
func (s *Server) statsReleaseShow(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, cases.ErrNotFound)
		return
	}
	rep, rel, err := stats.Released(c.Request.Context(), requestTx(c), id)
	if errors.Is(err, stats.ErrNoRelease) {
		err = cases.ErrNotFound
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	p := &statsPage{L: s.pages.Lang(s.lang(c).Code), Report: rep, Release: &rel,
		Form: statsForm{Scope: scopeValue(rep.Scope), From: rep.From.String(), To: rep.To.String()}}
	s.render(c, http.StatusOK, "stats_print", "stats.title", p)
}

package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
	"neuvo/frontend"
)

// statsPage is the report builder and, once the form is valid, the
// report: the same data feeds the print page.
type statsPage struct {
	L       frontend.Lang
	Form    statsForm
	Scopes  []stats.ScopeOption
	Presets []periodPreset
	Filters []filterGroup
	Errors  *cases.ValidationError
	Report  *stats.Report
	// A release read back, and the title typed into the release form.
	Release      *stats.Release
	ReleaseTitle string
	// A project's period: its targets and cost shares.
	Targets *statsTargets
	Costs   *statsCosts
}

// statsReport reads the query and loads its report. Bad input leaves the
// report nil and the page's Errors set; a scope the organisation may not
// see is cases.ErrNotFound.
func (s *Server) statsReport(c *gin.Context, lang string) (*statsPage, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	options, err := s.stats.Scopes(ctx, tx, lang)
	if err != nil {
		return nil, err
	}
	p := &statsPage{L: s.pages.Lang(lang), Form: readStatsForm(c), Scopes: options}
	if p.Presets, err = s.statsPresets(c, p.L); err != nil {
		return nil, err
	}
	v := &cases.ValidationError{}
	req, ok := p.Form.request(v, options, p.Presets, lang, s.now())
	if !ok {
		return nil, cases.ErrNotFound
	}
	if v.Err() == nil {
		p.Report, err = s.stats.Load(ctx, tx, req)
		switch {
		case errors.Is(err, stats.ErrScope):
			return nil, cases.ErrNotFound
		case errors.Is(err, stats.ErrPeriod):
			v.Add("period", "stats.error.period")
		case errors.Is(err, stats.ErrFilter):
			v.Add("filter", "stats.error.filter")
		case err != nil:
			return nil, err
		}
	}
	if v.Err() != nil {
		p.Errors, p.Report = v, nil
	}
	return p, s.statsProject(c, p)
}

// stats is the report builder and the report.
func (s *Server) statsShow(c *gin.Context) {
	s.statsRender(c, "stats")
}

// statsPrint is the same report laid out for A4.
func (s *Server) statsPrint(c *gin.Context) {
	s.statsRender(c, "stats_print")
}

func (s *Server) statsRender(c *gin.Context, name string) {
	p, err := s.statsReport(c, s.lang(c).Code)
	if err != nil {
		s.fail(c, err)
		return
	}
	if p.Errors != nil {
		// The print page and the exports show the builder to correct.
		s.statsRenderPage(c, http.StatusBadRequest, p)
		return
	}
	if name == "stats_print" {
		if err := s.auditStatsExport(c, p.Report, "print"); err != nil {
			s.fail(c, err)
			return
		}
		s.render(c, http.StatusOK, name, "stats.title", p)
		return
	}
	s.statsRenderPage(c, http.StatusOK, p)
}

// statsRenderPage shows the builder (and the report when there is one).
func (s *Server) statsRenderPage(c *gin.Context, status int, p *statsPage) {
	p.Presets = withPreset(p.Presets, p.L, p.Form.Period)
	if p.Form.Period == "" {
		p.Form.Period = periodRange
	}
	var err error
	if p.Filters, err = s.statsFilters(c, p.L.Code); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "stats", "stats.title", p)
}

// withPreset keeps a chosen period the list does not offer (last year's
// quarter, a project's period from a link) selectable, so the form shows
// what the report is.
func withPreset(presets []periodPreset, l frontend.Lang, value string) []periodPreset {
	for _, p := range presets {
		if p.Value == value {
			return presets
		}
	}
	from, to, ok := presetMonths(value)
	if !ok {
		return presets
	}
	return append([]periodPreset{{Value: value, Label: periodText(l, from, to), From: from, To: to}}, presets...)
}

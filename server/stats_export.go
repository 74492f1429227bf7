package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
	"neuvo/frontend"
)

// statsExportCSV and statsExportXLSX export exactly the report the page
// shows for the same query. The audit event is committed before the
// first byte leaves; bad input shows the builder with its errors.
func (s *Server) statsExportCSV(c *gin.Context) {
	dialect, format := stats.CSVPlain, "csv"
	if c.Query("excel") == "fi" {
		dialect, format = stats.CSVExcelFinnish, "csv-excel-fi"
	}
	s.statsExport(c, format, "text/csv; charset=utf-8", ".csv", func(w http.ResponseWriter, r *stats.Report, txt stats.ExportText) error {
		return stats.WriteCSV(w, r, txt, dialect)
	})
}

func (s *Server) statsExportXLSX(c *gin.Context) {
	s.statsExport(c, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx",
		func(w http.ResponseWriter, r *stats.Report, txt stats.ExportText) error {
			return stats.WriteXLSX(w, r, txt)
		})
}

type exportWriter func(w http.ResponseWriter, r *stats.Report, txt stats.ExportText) error

func (s *Server) statsExport(c *gin.Context, format, contentType, ext string, write exportWriter) {
	p, err := s.statsReport(c, s.lang(c).Code)
	if err != nil {
		s.fail(c, err)
		return
	}
	if p.Errors != nil {
		s.statsRender(c, "stats")
		return
	}
	filters, err := s.statsFilters(c, p.L.Code)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.auditStatsExport(c, p.Report, format); err != nil {
		s.fail(c, err)
		return
	}
	txt := exportText(p.L, p.Report, filterText(p.L, filters, p.Form.Filter))
	if err := finish(c, http.StatusOK); err != nil {
		s.internalError(c, err)
		return
	}
	c.Header("Content-Type", contentType)
	c.Header("Content-Disposition", `attachment; filename="`+exportName(p.Report)+ext+`"`)
	c.Status(http.StatusOK)
	if err := write(c.Writer, p.Report, txt); err != nil {
		// Headers are out: the client sees a cut file, the log the cause.
		s.log.Error("statistics export", append(logAttrs(c), "format", format, "err", err)...)
	}
}

// exportName names the file by scope kind and months only: no names.
func exportName(r *stats.Report) string {
	return "neuvo-" + string(r.Scope.Kind) + "-" + r.From.String() + "-" + r.To.String()
}

// auditStatsExport records that figures left the service: the scope,
// months, filter and format, never a figure or a name.
func (s *Server) auditStatsExport(c *gin.Context, r *stats.Report, format string) error {
	details := map[string]any{"scope": scopeValue(r.Scope), "from": r.From.String(), "to": r.To.String(), "format": format}
	if r.Filter.Dim != "" {
		details["filter"] = r.Filter.Dim + ":" + r.Filter.Code
	}
	return cases.Audit(c.Request.Context(), requestTx(c), cases.Event{Action: "stats.export", RecordType: "stats",
		RecordID: scopeValue(r.Scope), ActorRoles: currentActor(c).Roles, Purpose: "statistics", Details: details})
}

// exportText is the export's header block and legend in the report's
// language; filter names the filter when there is one.
func exportText(l frontend.Lang, r *stats.Report, filter string) stats.ExportText {
	txt := stats.ExportText{Title: l.T("stats.title"), Legend: l.T("stats.legend", stats.Marker, r.K),
		Withheld: l.T("stats.withheld"), Sections: map[string]string{}}
	txt.Head = [][2]string{
		{l.T("stats.scope"), r.ScopeName},
		{l.T("stats.period"), periodText(l, r.From, r.To)},
		{l.T("stats.rule"), l.T("stats.rule.text", r.K)},
		{l.T("stats.as_of_label"), r.AsOf.In(cases.Finland).Format("2006-01-02 15:04")},
	}
	if r.Filter.Dim != "" {
		txt.Head = append(txt.Head, [2]string{l.T("stats.filter"), filter})
	}
	for _, sec := range r.Sections() {
		txt.Sections[sec.Section] = sectionTitle(l, sec.Section)
	}
	return txt
}

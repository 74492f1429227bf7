package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats"
	"neuvo/frontend"
)

// apiStatsDoc is a protected report for BI tools: the tables the page
// shows, in its order. A suppressed cell is {"suppressed": true} and
// never carries a number.
type apiStatsDoc struct {
	Scope     string          `json:"scope"`
	ScopeName string          `json:"scope_name"`
	From      string          `json:"from"`
	To        string          `json:"to"`
	Filter    string          `json:"filter,omitempty"`
	Lang      string          `json:"lang"`
	K         int             `json:"k"`
	AsOf      time.Time       `json:"as_of"`
	Marker    string          `json:"marker"`
	Tables    []apiStatsTable `json:"tables"`
	Withheld  []string        `json:"withheld"`
}

type apiStatsTable struct {
	ID      string           `json:"id"`
	Section string           `json:"section"`
	Title   string           `json:"title"`
	RowHead string           `json:"row_head"`
	Rows    []apiStatsLabel  `json:"rows"`
	Cols    []apiStatsLabel  `json:"cols"`
	Cells   [][]apiStatsCell `json:"cells"`
}

type apiStatsLabel struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Total bool   `json:"total"`
}

type apiStatsCell struct {
	Value      *float64 `json:"value,omitempty"`
	Suppressed bool     `json:"suppressed,omitempty"`
	Kind       string   `json:"kind"`
}

var cellKinds = map[stats.CellKind]string{stats.Count: "count", stats.Percent: "percent", stats.Magnitude: "magnitude", stats.Ratio: "ratio"}

// apiStats answers GET /api/v1/stats with the same query as the page,
// plus lang (fi, sv, en; the user's language when blank).
func (s *Server) apiStats(c *gin.Context) {
	lang := c.Query("lang")
	if lang == "" {
		lang = s.lang(c).Code
	} else if !frontend.IsLanguage(lang) {
		s.invalid(c, http.StatusUnprocessableEntity, &cases.ValidationError{Fields: []cases.FieldError{{Field: "lang", Key: "error.choose"}}})
		return
	}
	p, err := s.statsReport(c, lang)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	if p.Errors != nil {
		s.invalid(c, http.StatusUnprocessableEntity, p.Errors)
		return
	}
	if err := s.auditStatsExport(c, p.Report, "json"); err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, apiStatsReport(p.Report))
}

func apiStatsReport(r *stats.Report) apiStatsDoc {
	doc := apiStatsDoc{Scope: scopeValue(r.Scope), ScopeName: r.ScopeName, From: r.From.String(), To: r.To.String(),
		Lang: r.Lang, K: r.K, AsOf: r.AsOf.UTC(), Marker: stats.Marker, Tables: []apiStatsTable{}, Withheld: r.Withheld}
	if r.Filter.Dim != "" {
		doc.Filter = r.Filter.Dim + ":" + r.Filter.Code
	}
	if doc.Withheld == nil {
		doc.Withheld = []string{}
	}
	for _, sec := range r.Sections() {
		for _, t := range sec.Tables {
			doc.Tables = append(doc.Tables, apiStatsTableOf(t))
		}
	}
	return doc
}

func apiStatsTableOf(t stats.Table) apiStatsTable {
	out := apiStatsTable{ID: t.ID, Section: t.Section, Title: t.Title, RowHead: t.RowHead,
		Rows: apiStatsLabels(t.Rows), Cols: apiStatsLabels(t.Cols), Cells: make([][]apiStatsCell, len(t.Cells))}
	for i, row := range t.Cells {
		out.Cells[i] = make([]apiStatsCell, len(row))
		for j, cell := range row {
			out.Cells[i][j] = apiStatsCell{Kind: cellKinds[cell.Kind], Suppressed: !cell.Shown}
			if cell.Shown {
				v := cell.Number()
				out.Cells[i][j].Value = &v
			}
		}
	}
	return out
}

func apiStatsLabels(labels []stats.Label) []apiStatsLabel {
	out := make([]apiStatsLabel, len(labels))
	for i, l := range labels {
		out[i] = apiStatsLabel{Code: l.Code, Label: l.Text, Total: l.Total}
	}
	return out
}

package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/stats/sdc"
	"neuvo/frontend"
)

// supportStatsPage is the response-time view of one year.
type supportStatsPage struct {
	Report cases.SupportReport
	Year   string
	Years  []int
	Errors *cases.ValidationError
	Lang   string
}

// Urgencies are the rows of the by-urgency table, the total last.
func (supportStatsPage) Urgencies() []string {
	return append(append([]string{}, cases.Urgencies...), "total")
}

// Hours shows working hours with one decimal (a comma in Finnish and
// Swedish), or the marker.
func (p supportStatsPage) Hours(f sdc.Figure) string {
	return f.Text(func(v float64) string { return p.decimal(v) })
}

// Percent shows a share as a whole percentage, or the marker.
func (p supportStatsPage) Percent(f sdc.Figure) string {
	return f.Text(func(v float64) string { return strconv.Itoa(int(v*100+0.5)) + " %" })
}

func (p supportStatsPage) decimal(v float64) string {
	text := fmt.Sprintf("%.1f", v)
	if p.Lang != "en" {
		text = strings.Replace(text, ".", ",", 1)
	}
	return text
}

// Marker is the symbol of a suppressed figure, for the legend.
func (supportStatsPage) Marker() string { return sdc.Marker }

func (s *Server) supportStats(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	this := s.now().In(cases.Finland).Year()
	page := supportStatsPage{Year: c.DefaultQuery("year", strconv.Itoa(this)), Lang: s.lang(c).Code}
	for y := this; y >= this-4; y-- {
		page.Years = append(page.Years, y)
	}
	v := &cases.ValidationError{}
	year := int(v.Int("year", page.Year, 2000, int64(this), "error.year"))
	if v.Err() != nil {
		page.Errors = v
		s.render(c, http.StatusBadRequest, "support_stats", "support.stats", page)
		return
	}
	page.Report, err = cases.SupportStats(c.Request.Context(), requestTx(c), tax, page.Lang, year, cases.DefaultStatsK, s.now())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "support_stats", "support.stats", page)
}

// Month is the number of the month at index i of ByMonth.
func (supportStatsPage) Month(i int) int { return i + 1 }

// countTable is one breakdown table for the support_count_table partial.
type countTable struct {
	L               frontend.Lang
	Title, Head, ID string
	Rows            []cases.CountRow
}

// CountTable feeds the support_count_table partial, which has no $.
func (supportStatsPage) CountTable(l frontend.Lang, title, head, id string, rows []cases.CountRow) countTable {
	return countTable{L: l, Title: title, Head: head, ID: id, Rows: rows}
}

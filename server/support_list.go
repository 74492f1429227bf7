package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// supportListPage is the requester's list: what the organisation asked
// (a colleague's questions too, so nothing is asked twice).
type supportListPage struct {
	supportView
	Requests []cases.SupportRequest
	Mine     bool
	Topic    string
	Status   string
	Next     string
	Query    url.Values
}

// NextURL keeps the filters and moves on a page.
func (p supportListPage) NextURL() string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Set("before", p.Next)
	return "/support?" + q.Encode()
}

// Statuses are the status filter's choices.
func (supportListPage) Statuses() []string { return cases.SupportStatuses }

const supportPageSize = 50

func (s *Server) supportList(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := supportListPage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, Mine: c.Query("mine") == "1",
		Topic: c.Query("topic"), Status: c.Query("status"), Query: c.Request.URL.Query()}
	page.Query.Del("before")
	filter, v := supportFilter(c, tax, cases.SideFiled)
	if v.Err() != nil {
		page.Errors = v
		s.render(c, http.StatusBadRequest, "support_list", "support.list", page)
		return
	}
	page.Requests, err = cases.ListSupportRequests(c.Request.Context(), requestTx(c), filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Next = cases.SupportCursor(page.Requests, filter.Limit)
	s.render(c, http.StatusOK, "support_list", "support.list", page)
}

// supportFilter reads a list's filters; one that does not parse is named,
// never ignored.
func supportFilter(c *gin.Context, tax *cases.Taxonomy, side string) (cases.SupportFilter, *cases.ValidationError) {
	v := &cases.ValidationError{}
	f := cases.SupportFilter{Side: side, Mine: c.Query("mine") == "1" || c.Query("mine") == "true", Limit: supportPageSize,
		BeforeID: v.ID("before", c.Query("before"))}
	if status := v.Choice("status", c.Query("status"), "", cases.SupportStatuses...); status != "" {
		f.Statuses = []string{status}
	}
	if topic := c.Query("topic"); topic != "" && v.Text("topic", topic, cases.MaxCodeLen) {
		if _, ok := tax.Item("topic", topic); !ok {
			v.Add("topic", "error.unknown_code")
		}
		f.Topic = topic
	}
	if raw := c.Query("limit"); raw != "" {
		f.Limit = int(v.Int("limit", raw, 1, cases.MaxSupportPage, "error.limit"))
	}
	return f, v
}

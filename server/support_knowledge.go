package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// supportKnowledgePage is the network's shared answers, searchable by
// topic and words.
type supportKnowledgePage struct {
	supportView
	Items []cases.KnowledgeItem
	Topic string
	Query string
	Next  string // the next page's cursor, "" on the last page
}

// NextURL keeps the search and moves on a page.
func (p supportKnowledgePage) NextURL() string {
	q := url.Values{"before": {p.Next}}
	if p.Topic != "" {
		q.Set("topic", p.Topic)
	}
	if p.Query != "" {
		q.Set("q", p.Query)
	}
	return "/support/knowledge?" + q.Encode()
}

func (s *Server) supportKnowledge(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := supportKnowledgePage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, Topic: c.Query("topic"), Query: c.Query("q")}
	filter, v := knowledgeFilter(c, tax, "before")
	if v.Err() != nil {
		page.Errors = v
		s.render(c, http.StatusBadRequest, "support_knowledge", "support.knowledge", page)
		return
	}
	if page.Items, err = cases.Knowledge(c.Request.Context(), requestTx(c), filter); err != nil {
		s.fail(c, err)
		return
	}
	page.Next = cases.KnowledgeCursor(page.Items, filter)
	s.render(c, http.StatusOK, "support_knowledge", "support.knowledge", page)
}

// knowledgeFilter reads the search and the paging: the cursor comes as
// cursor (the API) or before (the page), and the API may ask a limit.
func knowledgeFilter(c *gin.Context, tax *cases.Taxonomy, cursor string) (cases.KnowledgeFilter, *cases.ValidationError) {
	v := &cases.ValidationError{}
	f := cases.KnowledgeFilter{Query: c.Query("q"), BeforeID: v.ID(cursor, c.Query(cursor))}
	if raw := c.Query("limit"); raw != "" {
		f.Limit = int(v.Int("limit", raw, 1, cases.MaxKnowledgePage, "error.limit"))
	}
	v.Text("q", f.Query, cases.MaxKnowledgeQuery)
	if topic := c.Query("topic"); topic != "" && v.Text("topic", topic, cases.MaxCodeLen) {
		if _, ok := tax.Item("topic", topic); !ok {
			v.Add("topic", "error.unknown_code")
		}
		f.Topic = topic
	}
	return f, v
}

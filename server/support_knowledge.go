package server

import (
	"net/http"

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
}

func (s *Server) supportKnowledge(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := supportKnowledgePage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, Topic: c.Query("topic"), Query: c.Query("q")}
	filter, v := knowledgeFilter(c, tax)
	if v.Err() != nil {
		page.Errors = v
		s.render(c, http.StatusBadRequest, "support_knowledge", "support.knowledge", page)
		return
	}
	if page.Items, err = cases.Knowledge(c.Request.Context(), requestTx(c), filter); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "support_knowledge", "support.knowledge", page)
}

func knowledgeFilter(c *gin.Context, tax *cases.Taxonomy) (cases.KnowledgeFilter, *cases.ValidationError) {
	v := &cases.ValidationError{}
	f := cases.KnowledgeFilter{Query: c.Query("q")}
	v.Text("q", f.Query, cases.MaxKnowledgeQuery)
	if topic := c.Query("topic"); topic != "" && v.Text("topic", topic, cases.MaxCodeLen) {
		if _, ok := tax.Item("topic", topic); !ok {
			v.Add("topic", "error.unknown_code")
		}
		f.Topic = topic
	}
	return f, v
}

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// apiSupportList lists requests: side=filed (what the organisation asked,
// the default outside a hub) or side=queue (what a hub answers, its
// default), with the status, topic, mine and paging parameters.
func (s *Server) apiSupportList(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	who := currentActor(c)
	def := cases.SideFiled
	if who.Org.IsHub() {
		def = cases.SideQueue
	}
	filter, v := supportFilter(c, tax, "")
	filter.Side = v.Choice("side", c.Query("side"), def, cases.SideFiled, cases.SideQueue)
	filter.BeforeID = v.ID("cursor", c.Query("cursor"))
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	page, err := cases.ListSupportRequests(c.Request.Context(), requestTx(c), filter)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	doc := supportListDoc{Items: []supportDoc{}, NextCursor: cases.SupportCursor(page, filter.Limit)}
	for _, r := range page {
		doc.Items = append(doc.Items, supportSummary(r, r.IsHub(who.Org.ID)))
	}
	s.answer(c, http.StatusOK, doc)
}

// apiSupportGet reads one request with its thread and history, audited
// when its client details were shared with consent.
func (s *Server) apiSupportGet(c *gin.Context) {
	th, err := cases.OpenSupportRequest(c.Request.Context(), requestTx(c), supportActor(c), paramID(c))
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, supportThreadDoc(th))
}

// apiSupportCreate files a request. The Idempotency-Key header is
// required: a retry with the same key answers 200 with the first request.
func (s *Server) apiSupportCreate(c *gin.Context) {
	var doc supportCreateDoc
	key, tax, ok := s.readCreate(c, &doc)
	if !ok {
		return
	}
	guard, err := cases.LoadGuard(c.Request.Context(), requestTx(c), tax)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	r, created, err := cases.FileSupportRequest(c.Request.Context(), requestTx(c), tax, guard, supportActor(c), doc.input(key), s.now())
	if err != nil {
		s.apiGuardFail(c, err)
		return
	}
	th, err := cases.OpenSupportRequest(c.Request.Context(), requestTx(c), supportActor(c), r.ID)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answerCreate(c, "/api/v1/support-requests/"+idString(r.ID), created, supportThreadDoc(th))
}

// apiKnowledgeList searches the network's shared answers, a page at a
// time (cursor and limit, as the other lists).
func (s *Server) apiKnowledgeList(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	filter, v := knowledgeFilter(c, tax, "cursor")
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	items, err := cases.Knowledge(c.Request.Context(), requestTx(c), filter)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	doc := struct {
		Items      []knowledgeDoc `json:"items"`
		NextCursor string         `json:"next_cursor,omitempty"`
	}{Items: []knowledgeDoc{}, NextCursor: cases.KnowledgeCursor(items, filter)}
	for _, k := range items {
		doc.Items = append(doc.Items, knowledgeDoc{ID: k.ID, Title: k.Title, Answer: k.Answer, Topics: orEmpty(k.Topics),
			Sector: k.Sector, CreatedAt: k.CreatedAt, UpdatedAt: k.UpdatedAt})
	}
	s.answer(c, http.StatusOK, doc)
}

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// contactListDoc is one page of contacts and the cursor of the next.
type contactListDoc struct {
	Items      []contactDoc `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

func (s *Server) apiContactList(c *gin.Context) {
	filter, v := apiContactFilter(c)
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	if filter.ClientID != 0 {
		var err error
		if filter.Purpose, err = s.apiPurpose(c); err != nil {
			s.apiFail(c, err)
			return
		}
	}
	page, err := cases.ListContacts(c.Request.Context(), requestTx(c), currentActor(c).Roles, filter)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	doc := contactListDoc{Items: []contactDoc{}, NextCursor: page.Next}
	for _, contact := range page.Contacts {
		item := contactDocOf(contact)
		item.Note = "" // the restricted note only comes with one contact's audited read
		doc.Items = append(doc.Items, item)
	}
	s.answer(c, http.StatusOK, doc)
}

// apiContactFilter reads the list's query parameters; a parameter that
// does not parse, overflows or names an unknown choice is an error, never
// silently ignored, clamped or read as the default.
func apiContactFilter(c *gin.Context) (cases.ContactFilter, *cases.ValidationError) {
	v := &cases.ValidationError{}
	f := cases.ContactFilter{Channel: c.Query("channel"), Topic: c.Query("topic"), Cursor: c.Query("cursor"),
		AdviserID: v.ID("adviser_id", c.Query("adviser_id")), AdvicePointID: v.ID("advice_point_id", c.Query("advice_point_id")),
		ClientID:  v.ID("client_id", c.Query("client_id")),
		Limit:     int(v.Int("limit", c.Query("limit"), 1, cases.MaxPageSize, "error.limit")),
		Sort:      v.Choice("sort", c.Query("sort"), "started_at", "started_at", "duration_min"),
		Ascending: v.Choice("order", c.Query("order"), "desc", "asc", "desc") == "asc"}
	if v.Choice("mine", c.Query("mine"), "false", "true", "false") == "true" {
		f.AdviserID = currentActor(c).User.ID
	}
	f.From = parseDay(v, "from", c.Query("from"))
	if to := parseDay(v, "to", c.Query("to")); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	v.Merge(f.Validate())
	return f, v
}

func (s *Server) apiContactGet(c *gin.Context) {
	contact, err := cases.GetContact(c.Request.Context(), requestTx(c), currentActor(c).Roles, paramID(c))
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, contactDocOf(contact))
}

// apiContactCreate records a contact. The Idempotency-Key header is
// required: a retry with the same key answers 200 with the first contact.
func (s *Server) apiContactCreate(c *gin.Context) {
	var doc contactDoc
	key, tax, ok := s.readCreate(c, &doc)
	if !ok {
		return
	}
	in, parseErrs := doc.input(key)
	if parseErrs.Err() != nil { // with the domain's errors too, so every problem is named at once
		s.apiFail(c, parseErrs.Merge(in.Validate(tax, s.now(), nil)))
		return
	}
	contact, created, err := cases.RecordContact(c.Request.Context(), requestTx(c), tax, currentActor(c).Roles, in, s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answerCreate(c, "/api/v1/contacts/"+idString(contact.ID), created, contactDocOf(contact))
}

// apiContactUpdate replaces a contact's fields under the edit rules: an
// adviser's own within the edit window, any for a manager.
func (s *Server) apiContactUpdate(c *gin.Context) {
	var doc contactDoc
	tax, ok := s.readDoc(c, &doc)
	if !ok {
		return
	}
	in, parseErrs := doc.input("")
	if err := parseErrs.Err(); err != nil {
		s.apiFail(c, err)
		return
	}
	who := currentActor(c)
	err := cases.UpdateContact(c.Request.Context(), requestTx(c), tax, who.Roles, who.User.ID, paramID(c), in, s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	contact, err := cases.ContactRecord(c.Request.Context(), requestTx(c), who.Roles, paramID(c))
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, contactDocOf(contact))
}

type deleteDoc struct {
	Reason string `json:"reason"`
}

// apiContactDelete soft-deletes with a reason, as the page does.
func (s *Server) apiContactDelete(c *gin.Context) {
	var doc deleteDoc
	if !s.readJSON(c, &doc) {
		return
	}
	who := currentActor(c)
	if err := cases.DeleteContact(c.Request.Context(), requestTx(c), who.Roles, who.User.ID, paramID(c), doc.Reason, s.now()); err != nil {
		s.apiFail(c, err)
		return
	}
	if err := finish(c, http.StatusNoContent); err != nil {
		s.apiFail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// readCreate reads what every create needs: the Idempotency-Key, then
// what readDoc reads. It answers the problem itself.
func (s *Server) readCreate(c *gin.Context, doc any) (string, *cases.Taxonomy, bool) {
	key, ok := s.idempotencyKey(c)
	if !ok {
		return "", nil, false
	}
	tax, ok := s.readDoc(c, doc)
	return key, tax, ok
}

// readDoc reads a create's or an update's document and the network's
// taxonomies that validate it. It answers the problem itself.
func (s *Server) readDoc(c *gin.Context, doc any) (*cases.Taxonomy, bool) {
	if !s.readJSON(c, doc) {
		return nil, false
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.apiFail(c, err)
		return nil, false
	}
	return tax, true
}

// idempotencyKey reads the required Idempotency-Key header (a UUID).
func (s *Server) idempotencyKey(c *gin.Context) (string, bool) {
	key := c.GetHeader("Idempotency-Key")
	if key == "" {
		s.invalid(c, http.StatusBadRequest, &cases.ValidationError{Fields: []cases.FieldError{{Field: "Idempotency-Key", Key: "error.idempotency_key_missing"}}})
		return "", false
	}
	return key, true
}

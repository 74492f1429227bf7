package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// clientPurposePage asks why a client's identifying details are opened.
type clientPurposePage struct {
	ClientID int64
	Next     string // "file" or "edit": where the answer leads
	Purpose  cases.Purpose
	Purposes []string
	Errors   *cases.ValidationError
}

// rememberedPurpose is the purpose the session gave for opening client
// files; ok is false until it has given one.
func (s *Server) rememberedPurpose(c *gin.Context) (p cases.Purpose, ok bool, err error) {
	who := currentActor(c)
	p.Code, p.Text, err = who.session.ClientPurpose(c.Request.Context(), requestTx(c))
	return p, err == nil && p.Code != "", err
}

// askPurpose reports the purpose this session gave, or sends the browser
// to the purpose form first (for a client this organisation has).
func (s *Server) askPurpose(c *gin.Context, next string) (cases.Purpose, bool) {
	p, ok, err := s.rememberedPurpose(c)
	if err == nil && !ok {
		_, err = cases.GetClient(c.Request.Context(), requestTx(c), paramID(c))
	}
	switch {
	case err != nil:
		s.fail(c, err)
	case !ok:
		s.redirect(c, "/clients/"+idString(paramID(c))+"/purpose?next="+next)
	}
	return p, err == nil && ok
}

// apiPurpose is the purpose of an API read: the purpose and purpose_text
// parameters, or else the one the browser session gave. There is no
// default: cases refuses an audited read that does not say why.
func (s *Server) apiPurpose(c *gin.Context) (cases.Purpose, error) {
	if code, given := c.GetQuery("purpose"); given {
		return cases.Purpose{Code: code, Text: c.Query("purpose_text")}, nil
	}
	p, _, err := s.rememberedPurpose(c)
	return p, err
}

func (s *Server) clientPurposeForm(c *gin.Context) {
	if _, err := cases.GetClient(c.Request.Context(), requestTx(c), paramID(c)); err != nil {
		s.fail(c, err)
		return
	}
	p, _, err := s.rememberedPurpose(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "client_purpose", "purpose.title", clientPurposePage{ClientID: paramID(c),
		Next: purposeNext(c.Query("next")), Purpose: p, Purposes: cases.ClientPurposes})
}

// clientPurposeSave remembers the purpose for the session and opens what
// was asked for.
func (s *Server) clientPurposeSave(c *gin.Context) {
	ctx, tx := c.Request.Context(), requestTx(c)
	if _, err := cases.GetClient(ctx, tx, paramID(c)); err != nil {
		s.fail(c, err)
		return
	}
	page := clientPurposePage{ClientID: paramID(c), Next: purposeNext(c.PostForm("next")), Purposes: cases.ClientPurposes,
		Purpose: cases.Purpose{Code: c.PostForm("purpose"), Text: c.PostForm("purpose_text")}}
	p, err := cases.ParsePurpose(page.Purpose.Code, page.Purpose.Text)
	if err == nil {
		err = currentActor(c).session.RememberClientPurpose(ctx, tx, p.Code, p.Text)
	}
	if s.formFailed(c, err, &page.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "client_purpose", "purpose.title", page)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	target := "/clients/" + idString(page.ClientID)
	if page.Next == "edit" {
		target += "/edit"
	}
	s.redirect(c, target)
}

func purposeNext(raw string) string {
	if raw == "edit" {
		return "edit"
	}
	return "file"
}

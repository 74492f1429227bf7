package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// daysDuration is an organisation's edit window as a duration.
func daysDuration(days int) time.Duration { return time.Duration(days) * 24 * time.Hour }

func (s *Server) contactEdit(c *gin.Context) {
	view, err := s.contactView(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !view.CanChange {
		s.errorPage(c, http.StatusForbidden)
		return
	}
	code := ""
	if view.Contact.ClientCode != nil {
		code = *view.Contact.ClientCode
	}
	page, err := s.contactPage(c, view.Contact.Input(), nil)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Form = contactFormFrom(view.Contact.Input(), code)
	page.Form.ID, page.Editing = view.Contact.ID, true
	s.render(c, http.StatusOK, "contact_form", "contact.edit", page)
}

func (s *Server) contactUpdate(c *gin.Context) {
	who := currentActor(c)
	ctx, tx := c.Request.Context(), requestTx(c)
	old, err := cases.GetContact(ctx, tx, who.Roles, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	form := readContactForm(c)
	form.ID = old.ID
	page, in, err := s.parseContact(c, form, &old)
	page.Editing = true
	if err == nil {
		err = cases.UpdateContact(ctx, tx, page.Tax, who.Roles, who.User.ID, old.ID, in, s.now())
		if err == nil {
			s.redirect(c, "/contacts/"+idString(old.ID))
			return
		}
	}
	if !s.formFailed(c, err, &page.Errors) {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusUnprocessableEntity, "contact_form", "contact.edit", page)
}

func (s *Server) contactDelete(c *gin.Context) {
	who := currentActor(c)
	ctx, tx := c.Request.Context(), requestTx(c)
	err := cases.DeleteContact(ctx, tx, who.Roles, who.User.ID, paramID(c), c.PostForm("reason"), s.now())
	if err == nil {
		s.redirect(c, "/contacts?deleted=1")
		return
	}
	view, viewErr := s.contactView(c)
	if viewErr != nil { // a contact this user cannot see: not found, whatever the reason said
		s.fail(c, viewErr)
		return
	}
	if !s.formFailed(c, err, &view.Errors) {
		s.fail(c, err)
		return
	}
	view.Reason = c.PostForm("reason")
	s.render(c, http.StatusUnprocessableEntity, "contact_show", "contact.title", view)
}

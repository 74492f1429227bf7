package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// consultationHoldForm opens the contact form prefilled from a booked
// consultation; saving it records the contact and marks the consultation
// held.
func (s *Server) consultationHoldForm(c *gin.Context) {
	who := currentActor(c).Staff()
	in, consultation, client, err := cases.ConsultationDraft(c.Request.Context(), requestTx(c), who, paramID(c), s.now())
	if err != nil {
		s.holdRefused(c, who, err)
		return
	}
	page, err := s.contactPage(c, in, client)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Hold = &consultation
	s.render(c, http.StatusOK, "contact_form", "consultation.hold.title", page)
}

func (s *Server) consultationHold(c *gin.Context) {
	who := currentActor(c).Staff()
	consultation, err := cases.ConsultationSummary(c.Request.Context(), requestTx(c), who, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	page, in, err := s.parseContact(c, readContactForm(c), nil)
	page.Hold = &consultation
	if err == nil {
		_, _, err = cases.HoldConsultation(c.Request.Context(), requestTx(c), page.Tax, who, paramID(c), in, s.now())
		if err == nil {
			s.redirect(c, "/consultations/"+idString(paramID(c))+"?done=held")
			return
		}
	}
	if errors.Is(err, cases.ErrConflict) || errors.Is(err, cases.ErrForbidden) || statusRefused(err) {
		s.holdRefused(c, who, err)
		return
	}
	if !s.formFailed(c, err, &page.Errors) {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusUnprocessableEntity, "contact_form", "consultation.hold.title", page)
}

// holdRefused shows the consultation with why it cannot be held (already
// held, cancelled, a no-show, or too early).
func (s *Server) holdRefused(c *gin.Context, who cases.Staff, err error) {
	if errors.Is(err, cases.ErrConflict) || statusRefused(err) {
		s.consultationRefused(c, who, err, consultationActionForm{Action: "held"})
		return
	}
	s.fail(c, err)
}

// statusRefused reports a refusal of the consultation's state rather than
// of the form (too early to hold it), which the consultation's page shows.
func statusRefused(err error) bool {
	var v *cases.ValidationError
	return errors.As(err, &v) && v.For("status") != ""
}

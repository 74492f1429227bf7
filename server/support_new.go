package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// supportFormPage is the new-request form as typed, with what went wrong.
type supportFormPage struct {
	supportView
	In cases.SupportInput
}

// ProfileFields lists the anonymous profile's fields in form order.
func (p supportFormPage) ProfileFields() []cases.SupportProfileField {
	return cases.SupportProfileFields()
}

func readSupportForm(c *gin.Context) cases.SupportInput {
	return cases.SupportInput{IdempotencyKey: c.PostForm("idempotency_key"), Sector: c.PostForm("sector"),
		Topics: c.PostFormArray("topics"), Urgency: c.PostForm("urgency"), AnswerChannel: c.PostForm("answer_channel"),
		CallbackPhone: c.PostForm("callback_phone"), Question: c.PostForm("question"),
		Profile: cases.SupportProfile{AgeBand: c.PostForm("age_band"), ResidenceBasis: c.PostForm("residence_basis"),
			ClientLanguage: c.PostForm("client_language"), TimeInFinland: c.PostForm("time_in_finland")},
		ConsentShared: c.PostForm("consent_shared") == "on", ConsentWhat: c.PostForm("consent_what"),
		ConsentBasis: c.PostForm("consent_basis"), ConfirmFindings: c.PostForm("confirm_findings") == "on"}
}

func (s *Server) supportNew(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := cases.SupportInput{IdempotencyKey: cases.NewIdempotencyKey(), Urgency: cases.UrgencyThisWeek, AnswerChannel: "written",
		Profile: cases.SupportProfile{AgeBand: cases.Unknown, ResidenceBasis: cases.Unknown, ClientLanguage: cases.Unknown,
			TimeInFinland: cases.Unknown}}
	page := supportFormPage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, In: in}
	s.render(c, http.StatusOK, "support_form", "support.new", page)
}

// supportCreate files the request. The identity guard's findings come
// back highlighted, with everything typed kept; a repeated post of the
// same form finds the first request.
func (s *Server) supportCreate(c *gin.Context) {
	tax, guard, err := s.supportTools(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := readSupportForm(c)
	r, _, err := cases.FileSupportRequest(c.Request.Context(), requestTx(c), tax, guard, supportActor(c), in, s.now())
	if err == nil {
		s.redirect(c, "/support/"+idString(r.ID)+"?filed=1")
		return
	}
	page := supportFormPage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, In: in}
	if !page.failed(err) {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusUnprocessableEntity, "support_form", "support.new", page)
}

// Urgencies, Channels and ConsentBases are the form's fixed choices.
func (supportFormPage) Urgencies() []string    { return cases.Urgencies }
func (supportFormPage) Channels() []string     { return cases.AnswerChannels }
func (supportFormPage) ConsentBases() []string { return cases.ConsentBases }

package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/qr"
	"neuvo/frontend"
)

// invitationPage is the printable invitation. Inv is the client's
// language, which may differ from the reader's.
type invitationPage struct {
	labels
	Inv     frontend.Lang
	C       cases.Consultation
	Langs   []string
	QRScale int
}

// qrScale gives the PNG about 4 cm across on paper at 300 dpi for a
// typical Teams link.
const qrScale = 8

func (s *Server) consultationInvitation(c *gin.Context) {
	consultation, ok := s.invitationConsultation(c)
	if !ok {
		return
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	inv := s.pages.Lang(invitationLanguage(consultation, c.Query("lang")))
	s.render(c, http.StatusOK, "consultation_invitation", "invitation.title", invitationPage{
		labels: labels{tax, inv.Code}, Inv: inv, C: consultation, Langs: frontend.Languages, QRScale: qrScale})
}

// invitationLanguage is the language asked for when the invitation
// exists in it, else the consultation's own (the client's, the service
// language, Finnish: cases.Consultation.InvitationLanguage).
func invitationLanguage(c cases.Consultation, asked string) string {
	if frontend.IsLanguage(asked) {
		return asked
	}
	return c.InvitationLanguage(frontend.Languages)
}

// invitationConsultation reads a consultation whose meeting details the
// reader sees (the hub, the booking partner contact); for others it is
// not found. It names no client, so it writes no audit event.
func (s *Server) invitationConsultation(c *gin.Context) (cases.Consultation, bool) {
	consultation, err := cases.ConsultationInvitation(c.Request.Context(), requestTx(c), currentActor(c).Staff(), paramID(c))
	if err != nil {
		s.fail(c, err)
		return consultation, false
	}
	return consultation, true
}

// consultationQR serves the meeting link's QR code as PNG or SVG.
func (s *Server) consultationQR(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		consultation, ok := s.invitationConsultation(c)
		if !ok {
			return
		}
		code, err := qr.New(consultation.MeetingLink)
		if err != nil { // no link yet: the invitation says it follows
			s.fail(c, cases.ErrNotFound)
			return
		}
		body, contentType := code.SVG(), "image/svg+xml"
		if format == "png" {
			if body, err = code.PNG(qrScale); err != nil {
				s.fail(c, err)
				return
			}
			contentType = "image/png"
		}
		s.sendFile(c, contentType, body)
	}
}

// consultationICS serves the consultation's calendar file in the reader's
// language.
func (s *Server) consultationICS(c *gin.Context) {
	consultation, ok := s.invitationConsultation(c)
	if !ok {
		return
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	l := s.lang(c)
	body, err := consultation.Calendar(s.cfg.BaseURL.Hostname(), calendarText(l, labels{tax, l.Code}, consultation))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="consultation-`+idString(consultation.ID)+`.ics"`)
	s.sendFile(c, "text/calendar; charset=utf-8", body)
}

// calendarText is the calendar entry's words: the hub, how to join and
// the interpreter, never the client.
func calendarText(l frontend.Lang, names labels, c cases.Consultation) cases.CalendarText {
	link := c.MeetingLink
	if link == "" {
		link = l.T("consultation.link_to_follow")
	}
	lines := []string{l.T("invitation.ics.with", c.Hub), l.T("consultation.meeting_link") + ": " + link}
	if c.InterpreterKind != "none" {
		lines = append(lines, l.T("consultation.interpreter")+": "+names.Label("language", c.InterpreterLanguage)+", "+
			names.Label("interpreter", c.InterpreterKind))
	}
	return cases.CalendarText{Summary: l.T("invitation.ics.summary", c.Hub), Description: strings.Join(lines, "\n")}
}

// sendFile commits and writes a generated file.
func (s *Server) sendFile(c *gin.Context, contentType string, body []byte) {
	if err := finish(c, http.StatusOK); err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, contentType, body)
}

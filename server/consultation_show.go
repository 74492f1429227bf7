package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// consultationView is one consultation with its history and the forms
// its reader may use.
type consultationView struct {
	labels
	C       cases.Consultation
	History []cases.ConsultationEvent
	Actions cases.Actions
	Staff   cases.Staff
	Slots   []cases.Slot // where it can be moved
	Errors  *cases.ValidationError
	Form    consultationActionForm
	Done    string
	guardView
}

// consultationActionForm is what was typed into one of the page's forms.
type consultationActionForm struct {
	Action, Reason, Link, Slot, Date, Time, Duration string
	ConfirmFindings                                  bool // keeps the identity guard's warnings
}

// ErrorFor names the error of a field in the form that was sent.
func (v consultationView) ErrorFor(action, field string) string {
	if v.Errors == nil || v.Form.Action != action {
		return ""
	}
	return v.Errors.For(field)
}

func (s *Server) consultationShow(c *gin.Context) {
	who := currentActor(c).Staff()
	consultation, err := cases.GetConsultation(c.Request.Context(), requestTx(c), who, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	view, err := s.consultationView(c, who, consultation)
	if err != nil {
		s.fail(c, err)
		return
	}
	view.Done = c.Query("done")
	s.render(c, http.StatusOK, "consultation_show", "consultation.title", view)
}

func (s *Server) consultationView(c *gin.Context, who cases.Staff, consultation cases.Consultation) (consultationView, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	tax, err := s.taxonomy(c)
	if err != nil {
		return consultationView{}, err
	}
	view := consultationView{labels: labels{tax, s.lang(c).Code}, C: consultation, Staff: who,
		Actions: consultation.ActionsFor(who, s.now())}
	if view.History, err = cases.ConsultationHistory(ctx, tx, who, consultation.ID); err != nil {
		return view, err
	}
	if view.Actions.Reschedule {
		free, err := cases.ListSlots(ctx, tx, who, cases.SlotFilter{FreeOnly: true, To: s.now().AddDate(0, 0, 7*8)}, s.now())
		if err != nil {
			return view, err
		}
		view.Slots = free
	}
	return view, nil
}

// consultationRefused shows the page again with the refusal by the form
// that was sent, without the client (a refusal is not a reading of it).
func (s *Server) consultationRefused(c *gin.Context, who cases.Staff, err error, form consultationActionForm) {
	var v *cases.ValidationError
	if !errors.As(err, &v) {
		s.fail(c, err)
		return
	}
	consultation, readErr := cases.ConsultationSummary(c.Request.Context(), requestTx(c), who, paramID(c))
	if readErr != nil {
		s.fail(c, readErr)
		return
	}
	view, readErr := s.consultationView(c, who, consultation)
	if readErr != nil {
		s.fail(c, readErr)
		return
	}
	view.Errors, view.Form = v, form
	view.ConfirmKey = consultationConfirmKey
	view.caught(err)
	status := http.StatusUnprocessableEntity
	if errors.Is(err, cases.ErrConflict) {
		status = http.StatusConflict
	}
	s.render(c, status, "consultation_show", "consultation.title", view)
}

// consultationChanged answers a status change: back to the page, or the
// page with the refusal.
func (s *Server) consultationChanged(c *gin.Context, who cases.Staff, err error, form consultationActionForm) {
	if err != nil {
		s.consultationRefused(c, who, err, form)
		return
	}
	s.redirect(c, "/consultations/"+idString(paramID(c))+"?done="+form.Action)
}

func (s *Server) consultationCancel(c *gin.Context) {
	who := currentActor(c).Staff()
	form := consultationActionForm{Action: "cancelled", Reason: c.PostForm("reason"), ConfirmFindings: confirmed(c)}
	_, err := cases.CancelConsultation(c.Request.Context(), requestTx(c), s.jobs(), who, paramID(c),
		cases.Cancellation{Reason: form.Reason, ConfirmFindings: form.ConfirmFindings}, s.now())
	s.consultationChanged(c, who, err, form)
}

func (s *Server) consultationNoShow(c *gin.Context) {
	who := currentActor(c).Staff()
	_, err := cases.MarkNoShow(c.Request.Context(), requestTx(c), who, paramID(c), s.now())
	s.consultationChanged(c, who, err, consultationActionForm{Action: "no_show"})
}

func (s *Server) consultationLink(c *gin.Context) {
	who := currentActor(c).Staff()
	form := consultationActionForm{Action: "link", Link: c.PostForm("meeting_link"), ConfirmFindings: confirmed(c)}
	_, err := cases.SetMeetingLink(c.Request.Context(), requestTx(c), s.jobs(), who, paramID(c),
		cases.LinkChange{Link: form.Link, ConfirmFindings: form.ConfirmFindings})
	s.consultationChanged(c, who, err, form)
}

func (s *Server) consultationReschedule(c *gin.Context) {
	who := currentActor(c).Staff()
	form := consultationActionForm{Action: "rescheduled", Slot: c.PostForm("slot"), Date: c.PostForm("date"),
		Time: c.PostForm("time"), Duration: c.PostForm("duration_min")}
	to, v := rescheduleOf(form, who.HubAdviser())
	var err error
	if err = v.Err(); err == nil {
		_, err = cases.RescheduleConsultation(c.Request.Context(), requestTx(c), s.jobs(), who, paramID(c), to, s.now())
	}
	s.consultationChanged(c, who, err, form)
}

// consultationConfirmKey labels the confirmation of the guard's warnings
// in a consultation's texts, which go to the other organisation.
const consultationConfirmKey = "consultation.guard.confirm"

// confirmed reads the guard's confirmation box.
func confirmed(c *gin.Context) bool { return c.PostForm("confirm_findings") == "on" }

// rescheduleOf reads the new time: a slot, or (hub advisers) a typed
// date, time and length.
func rescheduleOf(form consultationActionForm, typedTime bool) (cases.Reschedule, *cases.ValidationError) {
	v := &cases.ValidationError{}
	to := cases.Reschedule{SlotID: v.ID("slot", form.Slot)}
	if to.SlotID == 0 && !typedTime && v.For("slot") == "" {
		v.Add("slot", "error.slot_required")
	}
	if to.SlotID == 0 && typedTime {
		to.StartsAt, to.DurationMin = parseAdHoc(v, form.Date, form.Time, form.Duration)
		if to.StartsAt.IsZero() && v.For("starts_at") == "" {
			v.Add("starts_at", "error.required")
		}
	}
	return to, v
}

// Fact feeds the interpreter_fact partial.
func (v consultationView) Fact(l frontend.Lang) consultationItem {
	return consultationItem{L: l, C: v.C, Labels: v.labels}
}

// SlotID is the consultation's current slot, 0 for an ad-hoc time.
func (v consultationView) SlotID() int64 {
	if v.C.SlotID == nil {
		return 0
	}
	return *v.C.SlotID
}

// The errors of each form, so that a field error shows only by the form
// that was sent.
func (v consultationView) LinkErrors() *cases.ValidationError       { return v.errorsOf("link") }
func (v consultationView) RescheduleErrors() *cases.ValidationError { return v.errorsOf("rescheduled") }
func (v consultationView) CancelErrors() *cases.ValidationError     { return v.errorsOf("cancelled") }

func (v consultationView) errorsOf(action string) *cases.ValidationError {
	if v.Form.Action != action {
		return nil
	}
	return v.Errors
}

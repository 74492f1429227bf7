package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// apiSupportMessage adds a message: the requester's follow-up, or the
// hub's answer, clarification, call or internal note. The
// Idempotency-Key header is required; a retry answers 200 with the first
// message.
func (s *Server) apiSupportMessage(c *gin.Context) {
	if _, err := cases.SupportRequestFor(c.Request.Context(), requestTx(c), supportActor(c), paramID(c)); err != nil {
		s.apiFail(c, err) // not found comes before a missing key
		return
	}
	var doc messageCreateDoc
	key, tax, ok := s.readCreate(c, &doc)
	if !ok {
		return
	}
	guard, err := cases.LoadGuard(c.Request.Context(), requestTx(c), tax)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	in := cases.MessageInput{Kind: doc.Kind, Body: doc.Body, Minutes: doc.Minutes, IdempotencyKey: key,
		ConfirmFindings: doc.ConfirmFindings}
	id := paramID(c)
	var m cases.SupportMessage
	var added bool
	if in.Kind == cases.KindMeeting && doc.Meeting != nil {
		mt := doc.Meeting
		m, added, err = cases.BookSupportMeeting(c.Request.Context(), requestTx(c), s.jobs(), tax, guard, supportActor(c),
			currentActor(c).Staff(), id, cases.MeetingInput{IdempotencyKey: key, StartsAt: mt.StartsAt, DurationMin: mt.DurationMin,
				Body: in.Body, Minutes: in.Minutes, ConfirmFindings: in.ConfirmFindings,
				Meeting: cases.Meeting{ServiceLanguage: mt.ServiceLanguage, InterpreterKind: mt.InterpreterKind,
					InterpreterLanguage: mt.InterpreterLanguage, MeetingLink: mt.MeetingLink}}, s.now())
	} else {
		m, added, err = cases.AddSupportMessage(c.Request.Context(), requestTx(c), guard, s.supportNotifier(), supportActor(c), id, in, s.now())
	}
	if err != nil {
		s.apiGuardFail(c, err)
		return
	}
	out := messageDoc{ID: m.ID, Side: m.Side, Kind: m.Kind, AuthorName: m.AuthorName, Body: m.Body, Internal: m.Internal,
		Shareable: m.Shareable, Minutes: m.Minutes, ConsultationID: m.ConsultationID, CreatedAt: m.CreatedAt}
	s.answerCreate(c, "/api/v1/support-requests/"+idString(id), added, out)
}

// apiSupportStatus takes, assigns or closes a request.
func (s *Server) apiSupportStatus(c *gin.Context) {
	var doc supportStatusDoc
	if !s.readJSON(c, &doc) {
		return
	}
	ctx, tx, who, id := c.Request.Context(), requestTx(c), supportActor(c), paramID(c)
	if _, err := cases.SupportRequestFor(ctx, tx, who, id); err != nil { // not found comes before a bad document
		s.apiFail(c, err)
		return
	}
	var r cases.SupportRequest
	var err error
	switch {
	case doc.Status == cases.StatusClosed:
		r, err = cases.CloseSupportRequest(ctx, tx, who, id, s.now())
	case doc.Status == cases.StatusAssigned && doc.AssignedTo == 0 && doc.GroupID == 0:
		r, err = cases.TakeSupportRequest(ctx, tx, s.supportNotifier(), who, id, s.now())
	case doc.Status == cases.StatusAssigned:
		a := cases.Assignment{UserID: doc.AssignedTo, GroupID: doc.GroupID, Note: doc.Note}
		r, err = cases.AssignSupportRequest(ctx, tx, s.supportNotifier(), who, id, a, s.now())
	default:
		v := &cases.ValidationError{}
		v.Add("status", "error.choose")
		err = v
	}
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, supportSummary(r, r.IsHub(who.OrgID)))
}

// apiSupportRating rates an answered request (and closes it); a later
// rating replaces the earlier one.
func (s *Server) apiSupportRating(c *gin.Context) {
	var doc ratingDoc
	tax, ok := s.readDoc(c, &doc)
	if !ok {
		return
	}
	guard, err := cases.LoadGuard(c.Request.Context(), requestTx(c), tax)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	in := cases.RatingInput{Rating: doc.Rating, Comment: doc.Comment, ConfirmFindings: doc.ConfirmFindings}
	r, err := cases.RateSupportRequest(c.Request.Context(), requestTx(c), guard, supportActor(c), paramID(c), in, s.now())
	if err != nil {
		s.apiGuardFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, supportSummary(r, false))
}

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// The thread's actions. Each answers with the thread on success; on a
// mistake the user can fix, only its own form comes back (see
// supportThreadPage), with the message next to the field.

func (s *Server) supportMessage(c *gin.Context) {
	_, guard, err := s.supportTools(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var v cases.ValidationError
	in := cases.MessageInput{Kind: c.PostForm("kind"), Body: c.PostForm("body"), IdempotencyKey: c.PostForm("idempotency_key"),
		ConfirmFindings: c.PostForm("confirm_findings") == "on",
		Minutes:         int(v.Int("minutes", c.PostForm("minutes"), 0, cases.MaxMessageMinutes, "error.minutes"))}
	id := paramID(c)
	fill := func(p *supportThreadPage) {
		p.Failed, p.Message, p.MessageKey, p.Meeting = "message", in, in.IdempotencyKey, readMeetingForm(c)
	}
	if v.Err() != nil {
		s.supportFailed(c, id, &v, fill)
		return
	}
	var m cases.SupportMessage
	if in.Kind == cases.KindMeeting {
		m, err = s.supportMeeting(c, guard, id, in)
	} else {
		m, _, err = cases.AddSupportMessage(c.Request.Context(), requestTx(c), guard, s.supportNotifier(), supportActor(c), id, in, s.now())
	}
	if err != nil {
		s.supportFailed(c, id, err, fill)
		return
	}
	s.redirect(c, "/support/"+idString(id)+"#m"+idString(m.ID))
}

// supportMeeting books the joint meeting typed on the message form.
func (s *Server) supportMeeting(c *gin.Context, guard cases.Guard, id int64, in cases.MessageInput) (cases.SupportMessage, error) {
	tax, err := s.taxonomy(c)
	if err != nil {
		return cases.SupportMessage{}, err
	}
	var v cases.ValidationError
	start, length := parseAdHoc(&v, c.PostForm("meeting_date"), c.PostForm("meeting_time"), c.PostForm("meeting_duration"))
	if err := v.Err(); err != nil {
		return cases.SupportMessage{}, err
	}
	meeting := cases.MeetingInput{IdempotencyKey: in.IdempotencyKey, StartsAt: start, DurationMin: length, Body: in.Body,
		Minutes: in.Minutes, ConfirmFindings: in.ConfirmFindings, Meeting: cases.Meeting{ServiceLanguage: c.PostForm("service_language"),
			InterpreterKind: c.PostForm("interpreter_kind"), InterpreterLanguage: c.PostForm("interpreter_language"),
			MeetingLink: c.PostForm("meeting_link")}}
	m, _, err := cases.BookSupportMeeting(c.Request.Context(), requestTx(c), s.jobs(), tax, guard, supportActor(c),
		currentActor(c).Staff(), id, meeting, s.now())
	return m, err
}

func (s *Server) supportTake(c *gin.Context) {
	id := paramID(c)
	_, err := cases.TakeSupportRequest(c.Request.Context(), requestTx(c), s.supportNotifier(), supportActor(c), id, s.now())
	s.supportDone(c, id, err, "take", nil)
}

func (s *Server) supportAssign(c *gin.Context) {
	var v cases.ValidationError
	a := cases.Assignment{UserID: v.ID("assignee", c.PostForm("assignee")), GroupID: v.ID("group", c.PostForm("group")),
		Note: c.PostForm("note")}
	id, fill := paramID(c), func(p *supportThreadPage) { p.Assign = a }
	if v.Err() != nil {
		s.supportDone(c, id, &v, "assign", fill)
		return
	}
	_, err := cases.AssignSupportRequest(c.Request.Context(), requestTx(c), s.supportNotifier(), supportActor(c), id, a, s.now())
	s.supportDone(c, id, err, "assign", fill)
}

func (s *Server) supportClose(c *gin.Context) {
	id := paramID(c)
	_, err := cases.CloseSupportRequest(c.Request.Context(), requestTx(c), supportActor(c), id, s.now())
	s.supportDone(c, id, err, "close", nil)
}

func (s *Server) supportRate(c *gin.Context) {
	_, guard, err := s.supportTools(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var v cases.ValidationError
	in := cases.RatingInput{Rating: int(v.Int("rating", c.PostForm("rating"), 0, 5, "error.rating")), Comment: c.PostForm("comment"),
		ConfirmFindings: c.PostForm("confirm_findings") == "on"}
	id, fill := paramID(c), func(p *supportThreadPage) { p.Rating = in }
	if v.Err() != nil {
		s.supportDone(c, id, &v, "rating", fill)
		return
	}
	_, err = cases.RateSupportRequest(c.Request.Context(), requestTx(c), guard, supportActor(c), id, in, s.now())
	s.supportDone(c, id, err, "rating", fill)
}

func (s *Server) supportShare(c *gin.Context) {
	_, guard, err := s.supportTools(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var v cases.ValidationError
	in := cases.KnowledgeInput{MessageID: v.ID("message", c.PostForm("message")), Title: c.PostForm("title"),
		Answer: c.PostForm("answer"), ConfirmFindings: c.PostForm("confirm_findings") == "on"}
	id, fill := paramID(c), func(p *supportThreadPage) { p.Share = in }
	if v.Err() != nil {
		s.supportDone(c, id, &v, "share", fill)
		return
	}
	_, err = cases.ShareAnswer(c.Request.Context(), requestTx(c), guard, supportActor(c), id, in, s.now())
	s.supportDone(c, id, err, "share", fill)
}

// supportDone sends the browser back to the thread, or shows the failed
// form.
func (s *Server) supportDone(c *gin.Context, id int64, err error, action string, fill func(*supportThreadPage)) {
	if err == nil {
		s.redirect(c, "/support/"+idString(id))
		return
	}
	s.supportFailed(c, id, err, func(p *supportThreadPage) {
		p.Failed = action
		if fill != nil {
			fill(p)
		}
	})
}

// supportFailed shows the form that failed, or the error page for what
// the user cannot fix (not found, forbidden, a failure of ours).
func (s *Server) supportFailed(c *gin.Context, id int64, err error, fill func(*supportThreadPage)) {
	tax, terr := s.taxonomy(c)
	if terr != nil {
		s.fail(c, terr)
		return
	}
	page := supportThreadPage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, Roles: currentActor(c).Roles}
	if !page.failed(err) {
		s.fail(c, err)
		return
	}
	who := supportActor(c)
	r, err := cases.SupportRequestFor(c.Request.Context(), requestTx(c), who, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Request, page.Hub, page.Requester = r, r.IsHub(who.OrgID), r.IsRequester(who.OrgID)
	fill(&page)
	if page.Failed == "assign" {
		ctx, tx := c.Request.Context(), requestTx(c)
		if page.Experts, err = cases.Experts(ctx, tx); err == nil {
			page.Groups, err = cases.ExpertGroups(ctx, tx)
		}
		if err != nil {
			s.fail(c, err)
			return
		}
	}
	s.render(c, http.StatusUnprocessableEntity, "support_action", "support.request", page)
}

// supportNotifier sends the support requests' notices through the
// outbox; a server built without one (some tests) sends none.
func (s *Server) supportNotifier() cases.SupportNotifier {
	if s.cfg.Outbox == nil {
		return nil
	}
	return cases.OutboxNotifier{Outbox: s.cfg.Outbox}
}

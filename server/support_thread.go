package server

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// supportThreadPage is a request's page: the thread, its history and the
// forms the reader may use. After a failed action only that action's form
// is shown again (Failed names it), with the typing kept: showing the
// thread again would be a read of its details that the failed request's
// rollback would leave unaudited.
type supportThreadPage struct {
	supportView
	Request    cases.SupportRequest
	Thread     cases.SupportThread
	Standing   cases.TimeLeft
	Shared     map[int64]cases.KnowledgeItem
	Experts    []cases.User
	Groups     []cases.ExpertGroup
	Filed      bool
	Failed     string // "message", "rating", "assign", "share"
	Message    cases.MessageInput
	Meeting    meetingForm
	Rating     cases.RatingInput
	Assign     cases.Assignment
	Share      cases.KnowledgeInput
	Hub        bool // the reader answers as the hub
	Requester  bool // the reader's organisation asked
	Roles      cases.Roles
	MessageKey string
}

// CanTake: an expert takes an open request nobody else holds.
func (p supportThreadPage) CanTake() bool {
	return p.Hub && p.Roles.Has(cases.RoleAdviser) && p.Request.Open() && p.Request.AssignedTo == nil
}

// CanAssign: a coordinator assigns an open request.
func (p supportThreadPage) CanAssign() bool {
	return p.Hub && p.Roles.Has(cases.RoleManager) && p.Request.Open()
}

// CanWrite: an expert writes to the thread.
func (p supportThreadPage) CanWrite() bool { return p.Hub && p.Roles.Has(cases.RoleAdviser) }

// HubKinds are the kinds an expert may write now.
func (p supportThreadPage) HubKinds() []string {
	var out []string
	for _, k := range cases.HubMessageKinds {
		switch {
		case k == cases.KindMeeting && (!p.Request.Open() || p.Request.IsHub(p.Request.OrgID)):
			// a remote consultation for an open request of a partner municipality
		case k == cases.KindClarification && !p.Request.Open():
		case k != cases.KindInternalNote && p.Request.Status == cases.StatusClosed:
		default:
			out = append(out, k)
		}
	}
	return out
}

// CanFollowUp: the requester's organisation writes back.
func (p supportThreadPage) CanFollowUp() bool {
	return p.Requester && p.Roles.Has(cases.RolePartnerWorker, cases.RoleAdviser)
}

// CanRate: the requester rates once the hub has answered.
func (p supportThreadPage) CanRate() bool {
	return p.CanFollowUp() && p.Request.AnsweredInTarget != nil
}

// CanClose: either side closes what is not closed.
func (p supportThreadPage) CanClose() bool {
	return p.Request.Status != cases.StatusClosed && (p.CanFollowUp() || p.Hub && p.Roles.Has(cases.RoleAdviser, cases.RoleManager))
}

// CanShare: an expert shares an answer in the knowledge list.
func (p supportThreadPage) CanShare(m cases.SupportMessage) bool {
	return p.CanWrite() && m.IsAnswer()
}

// CanMeet: an expert may book a joint meeting now.
func (p supportThreadPage) CanMeet() bool {
	return p.CanWrite() && slices.Contains(p.HubKinds(), cases.KindMeeting)
}

// MeetingLanguage is the meeting's service language on the form: as
// typed, else the client's language when it is known, else Finnish.
func (p supportThreadPage) MeetingLanguage() string {
	switch {
	case p.Meeting.ServiceLanguage != "":
		return p.Meeting.ServiceLanguage
	case p.Request.ClientLanguage != cases.Unknown && p.Request.ClientLanguage != "":
		return p.Request.ClientLanguage
	}
	return "fi"
}

// InterpreterOptions are the meeting's interpreter choices.
func (p supportThreadPage) InterpreterOptions() []option {
	chosen := p.Meeting.Interpreter
	if chosen == "" {
		chosen = "none"
	}
	var out []option
	for _, code := range cases.InterpreterKinds {
		out = append(out, option{Code: code, Label: p.Label("interpreter", code), Selected: code == chosen})
	}
	return out
}

// ProfileShown lists the profile fields that are not unknown.
func (p supportThreadPage) ProfileShown() []cases.SupportProfileField {
	profile := p.Request.Profile()
	return slices.DeleteFunc(cases.SupportProfileFields(), func(f cases.SupportProfileField) bool {
		return profile.Value(f.Name) == cases.Unknown
	})
}

// CurrentRating is the rating on the form: as typed, else as stored.
func (p supportThreadPage) CurrentRating() int {
	if p.Rating.Rating == 0 && p.Request.Rating != nil {
		return *p.Request.Rating
	}
	return p.Rating.Rating
}

// CurrentComment is the rating's comment on the form: as typed after a
// failure, else as stored.
func (p supportThreadPage) CurrentComment() string {
	if p.Failed == "rating" {
		return p.Rating.Comment
	}
	return p.Request.RatingComment
}

// Ratings are the rating form's choices, best first.
func (p supportThreadPage) Ratings() []int { return []int{5, 4, 3, 2, 1} }

func (s *Server) supportShow(c *gin.Context) {
	page, err := s.supportThread(c, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Filed = c.Query("filed") != ""
	s.render(c, http.StatusOK, "support_thread", "support.request", page)
}

// supportThread reads the request (audited when its client details were
// shared with consent) and what its forms need.
func (s *Server) supportThread(c *gin.Context, id int64) (supportThreadPage, error) {
	ctx, tx, who := c.Request.Context(), requestTx(c), supportActor(c)
	tax, err := s.taxonomy(c)
	if err != nil {
		return supportThreadPage{}, err
	}
	th, err := cases.OpenSupportRequest(ctx, tx, who, id)
	if err != nil {
		return supportThreadPage{}, err
	}
	page := supportThreadPage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, Request: th.Request, Thread: th,
		Hub: th.HubSide, Requester: th.Request.IsRequester(who.OrgID), Roles: who.Roles, MessageKey: cases.NewIdempotencyKey()}
	if !page.Hub {
		return page, nil
	}
	return page, s.hubThreadData(c, &page)
}

func (s *Server) hubThreadData(c *gin.Context, page *supportThreadPage) error {
	ctx, tx := c.Request.Context(), requestTx(c)
	targets, err := cases.HubTargets(ctx, tx)
	if err != nil {
		return err
	}
	page.Standing = cases.StandingOf(page.Request, targets, s.now())
	if page.Shared, err = cases.SharedMessages(ctx, tx, page.Request.ID); err != nil {
		return err
	}
	if page.Groups, err = cases.ExpertGroups(ctx, tx); err != nil {
		return err
	}
	if page.Roles.Has(cases.RoleManager) {
		page.Experts, err = cases.Experts(ctx, tx)
	}
	return err
}

// shareForm is one answer's share form.
type shareForm struct {
	L         frontend.Lang
	RequestID int64
	Share     cases.KnowledgeInput
	Shared    bool
	View      supportView
}

// ShareFormFor is the share form of an answer: what was shared of it, or
// its text to edit.
func (p supportThreadPage) ShareFormFor(l frontend.Lang, m cases.SupportMessage) shareForm {
	in := cases.KnowledgeInput{MessageID: m.ID, Answer: m.Body}
	item, shared := p.Shared[m.ID]
	if shared {
		in.Title, in.Answer = item.Title, item.Answer
	}
	return shareForm{L: l, RequestID: p.Request.ID, Share: in, Shared: shared}
}

// FailedShareForm is the share form that came back with errors.
func (p supportThreadPage) FailedShareForm(l frontend.Lang) shareForm {
	return shareForm{L: l, RequestID: p.Request.ID, Share: p.Share, View: p.supportView}
}

// StandingText says how an open request stands against its target.
func (p supportThreadPage) StandingText(l frontend.Lang) string { return standingText(l, p.Standing) }

func standingText(l frontend.Lang, t cases.TimeLeft) string {
	left := t.Left
	if left < 0 {
		left = -left
	}
	h, m := int(left.Hours()), int(left.Minutes())%60
	switch {
	case !t.Running:
		return l.T("support.standing.paused", h, m)
	case t.Overdue:
		return l.T("support.standing.overdue", h, m)
	}
	return l.T("support.standing.left", h, m)
}

// meetingForm is the joint meeting's part of the message form, as typed.
type meetingForm struct {
	Date, Time, Duration                   string
	ServiceLanguage, Interpreter, Language string
	Link                                   string
}

func readMeetingForm(c *gin.Context) meetingForm {
	return meetingForm{Date: c.PostForm("meeting_date"), Time: c.PostForm("meeting_time"), Duration: c.PostForm("meeting_duration"),
		ServiceLanguage: c.PostForm("service_language"), Interpreter: c.PostForm("interpreter_kind"),
		Language: c.PostForm("interpreter_language"), Link: c.PostForm("meeting_link")}
}

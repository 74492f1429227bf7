package server

import (
	"time"

	"neuvo/cases"
)

// supportDoc is a support request in the API. Lists leave out the
// question, the thread, what was shared with consent, the call-back number
// and the rating's comment: those come with one request's read, which is
// audited when consent was given.
type supportDoc struct {
	ID              int64                `json:"id"`
	Number          string               `json:"number"`
	OrganisationID  int64                `json:"organisation_id"`
	Organisation    string               `json:"organisation"`
	HubID           int64                `json:"hub_id"`
	RequesterID     int64                `json:"requester_id"`
	RequesterName   string               `json:"requester_name"`
	Sector          string               `json:"sector"`
	Topics          []string             `json:"topics"`
	Urgency         string               `json:"urgency"`
	AnswerChannel   string               `json:"answer_channel"`
	CallbackPhone   *string              `json:"callback_phone,omitempty"`
	Profile         cases.SupportProfile `json:"profile"`
	ConsentShared   bool                 `json:"consent_shared"`
	ConsentWhat     string               `json:"consent_what,omitempty"`
	ConsentBasis    string               `json:"consent_basis,omitempty"`
	Status          string               `json:"status"`
	AssignedTo      *int64               `json:"assigned_to"`
	AssignedName    string               `json:"assigned_name"`
	AssignedGroupID *int64               `json:"assigned_group_id,omitempty"`
	DueAt           time.Time            `json:"due_at"`
	FirstResponseAt *time.Time           `json:"first_response_at"`
	ResolvedAt      *time.Time           `json:"resolved_at"`
	WaitingSince    *time.Time           `json:"waiting_since"`
	Rating          *int                 `json:"rating"`
	RatingComment   *string              `json:"rating_comment,omitempty"`
	CreatedAt       time.Time            `json:"created_at"`
	UpdatedAt       time.Time            `json:"updated_at"`
	Question        string               `json:"question,omitempty"`
	Messages        []messageDoc         `json:"messages,omitempty"`
	Events          []eventDoc           `json:"events,omitempty"`
}

type messageDoc struct {
	ID         int64  `json:"id"`
	Side       string `json:"side"`
	Kind       string `json:"kind"`
	AuthorName string `json:"author_name"`
	Body       string `json:"body"`
	Internal   bool   `json:"internal"`
	Shareable  bool   `json:"shareable"`
	Minutes    int    `json:"minutes,omitempty"`
	// ConsultationID is the remote consultation a joint meeting booked.
	ConsultationID *int64    `json:"consultation_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

type eventDoc struct {
	At     time.Time `json:"at"`
	ByName string    `json:"by_name"`
	From   *string   `json:"from"`
	To     string    `json:"to"`
}

// supportSummary is a request without its thread and consent details.
func supportSummary(r cases.SupportRequest, hub bool) supportDoc {
	d := supportDoc{ID: r.ID, Number: r.Number, OrganisationID: r.OrgID, Organisation: r.OrgName, HubID: r.HubID,
		RequesterID: r.RequesterID, RequesterName: r.RequesterName, Sector: r.Sector, Topics: orEmpty(r.Topics),
		Urgency: r.Urgency, AnswerChannel: r.AnswerChannel, Profile: r.Profile(),
		ConsentShared: r.ConsentShared, Status: r.Status, AssignedTo: r.AssignedTo, AssignedName: r.AssignedName,
		DueAt: r.DueAt, FirstResponseAt: r.FirstResponseAt, ResolvedAt: r.ResolvedAt, WaitingSince: r.WaitingSince,
		Rating: r.Rating, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if hub {
		d.AssignedGroupID = r.AssignedGroupID
	}
	return d
}

// supportThreadDoc is one request with its thread and history.
func supportThreadDoc(th cases.SupportThread) supportDoc {
	d := supportSummary(th.Request, th.HubSide)
	d.ConsentWhat, d.ConsentBasis, d.Question = th.Request.ConsentWhat, th.Request.ConsentBasis, th.Question()
	d.CallbackPhone, d.RatingComment = &th.Request.CallbackPhone, &th.Request.RatingComment
	d.Messages, d.Events = []messageDoc{}, []eventDoc{}
	for _, m := range th.Messages {
		md := messageDoc{ID: m.ID, Side: m.Side, Kind: m.Kind, AuthorName: m.AuthorName, Body: m.Body, Internal: m.Internal,
			Shareable: m.Shareable, ConsultationID: m.ConsultationID, CreatedAt: m.CreatedAt}
		if th.HubSide {
			md.Minutes = m.Minutes
		}
		d.Messages = append(d.Messages, md)
	}
	for _, e := range th.Events {
		d.Events = append(d.Events, eventDoc{At: e.At, ByName: e.ByName, From: e.From, To: e.To})
	}
	return d
}

// supportCreateDoc is a new request as a client sends it.
type supportCreateDoc struct {
	Sector          string               `json:"sector"`
	Topics          []string             `json:"topics"`
	Urgency         string               `json:"urgency"`
	AnswerChannel   string               `json:"answer_channel"`
	CallbackPhone   string               `json:"callback_phone"`
	Question        string               `json:"question"`
	Profile         cases.SupportProfile `json:"profile"`
	ConsentShared   bool                 `json:"consent_shared"`
	ConsentWhat     string               `json:"consent_what"`
	ConsentBasis    string               `json:"consent_basis"`
	ConfirmFindings bool                 `json:"confirm_findings"`
}

func (d supportCreateDoc) input(key string) cases.SupportInput {
	return cases.SupportInput{IdempotencyKey: key, Sector: d.Sector, Topics: d.Topics, Urgency: d.Urgency,
		AnswerChannel: d.AnswerChannel, CallbackPhone: d.CallbackPhone, Question: d.Question, Profile: d.Profile,
		ConsentShared: d.ConsentShared, ConsentWhat: d.ConsentWhat, ConsentBasis: d.ConsentBasis,
		ConfirmFindings: d.ConfirmFindings}
}

// messageCreateDoc is a message a client adds to a thread; a joint
// meeting also names its time and languages.
type messageCreateDoc struct {
	Kind            string      `json:"kind"`
	Body            string      `json:"body"`
	Minutes         int         `json:"minutes"`
	ConfirmFindings bool        `json:"confirm_findings"`
	Meeting         *meetingDoc `json:"meeting"`
}

type meetingDoc struct {
	StartsAt            time.Time `json:"starts_at"`
	DurationMin         int       `json:"duration_min"`
	ServiceLanguage     string    `json:"service_language"`
	InterpreterKind     string    `json:"interpreter_kind"`
	InterpreterLanguage string    `json:"interpreter_language"`
	MeetingLink         string    `json:"meeting_link"`
}

// supportStatusDoc is a change of status: "assigned" takes the request (an
// expert, without an assignee) or assigns it (a coordinator, to an expert
// or a group, with a note when it changes hands); "closed" closes it.
type supportStatusDoc struct {
	Status     string `json:"status"`
	AssignedTo int64  `json:"assigned_to"`
	GroupID    int64  `json:"group_id"`
	Note       string `json:"note"`
}

type ratingDoc struct {
	Rating          int    `json:"rating"`
	Comment         string `json:"comment"`
	ConfirmFindings bool   `json:"confirm_findings"`
}

type supportListDoc struct {
	Items      []supportDoc `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

type knowledgeDoc struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Answer    string    `json:"answer"`
	Topics    []string  `json:"topics"`
	Sector    string    `json:"sector"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

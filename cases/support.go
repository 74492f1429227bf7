package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// A support request ("kilauta kaverille") is a worker's question to the
// network's hub. It belongs to the requesting organisation and the hub,
// and row-level security shows it to those two only.

// Urgencies, answer channels and statuses of a support request.
const (
	UrgencyToday    = "today"
	UrgencyThisWeek = "this_week"
	UrgencyNoHurry  = "no_hurry"

	StatusNew      = "new"
	StatusAssigned = "assigned"
	StatusAnswered = "answered"
	StatusClosed   = "closed"
)

// Urgencies in queue order: the most urgent first.
var Urgencies = []string{UrgencyToday, UrgencyThisWeek, UrgencyNoHurry}

// AnswerChannels are how the requester would like the answer.
var AnswerChannels = []string{"written", "phone", "joint_meeting"}

// ConsentBases are how the client agreed to share their details.
var ConsentBases = []string{"oral", "written"}

// SupportStatuses in their usual order.
var SupportStatuses = []string{StatusNew, StatusAssigned, StatusAnswered, StatusClosed}

// Message kinds. The requester asks and follows up; the hub answers in
// writing, records a call or a joint meeting, asks for clarification (the
// clock stops until the requester writes) or notes something internally.
const (
	KindQuestion      = "question"
	KindFollowUp      = "follow_up"
	KindAnswer        = "answer"
	KindClarification = "clarification"
	KindInternalNote  = "internal_note"
	KindCall          = "call"
	KindMeeting       = "meeting"
)

// HubMessageKinds are what an expert may write.
var HubMessageKinds = []string{KindAnswer, KindClarification, KindCall, KindMeeting, KindInternalNote}

// MaxSupportText bounds a question or message, in characters. The identity
// guard's work grows with the text (about 0.1 s for 95 KB), so the bound
// is checked before the guard runs.
const MaxSupportText = 5000

// SupportRequest is a request as its two organisations see it.
type SupportRequest struct {
	ID                   int64          `db:"id"`
	OrgID                int64          `db:"org_id"`
	OrgName              string         `db:"org_name"`
	HubID                int64          `db:"hub_id"`
	Number               string         `db:"number"`
	RequesterID          int64          `db:"requester_id"`
	RequesterName        string         `db:"requester_name"`
	CallbackPhone        string         `db:"callback_phone"`
	Sector               string         `db:"sector"`
	Topics               pq.StringArray `db:"topics"`
	Urgency              string         `db:"urgency"`
	AnswerChannel        string         `db:"answer_channel"`
	AgeBand              string         `db:"age_band"`
	ResidenceBasis       string         `db:"residence_basis"`
	ClientLanguage       string         `db:"client_language"`
	TimeInFinland        string         `db:"time_in_finland"`
	ConsentShared        bool           `db:"consent_shared"`
	ConsentWhat          string         `db:"consent_what"`
	ConsentBasis         string         `db:"consent_basis"`
	Status               string         `db:"status"`
	AssignedTo           *int64         `db:"assigned_to"`
	AssignedName         string         `db:"assigned_name"`
	AssignedGroupID      *int64         `db:"assigned_group_id"`
	DueAt                time.Time      `db:"due_at"`
	FirstResponseAt      *time.Time     `db:"first_response_at"`
	FirstResponseSeconds *int           `db:"first_response_seconds"`
	ResolvedAt           *time.Time     `db:"resolved_at"`
	ResolutionSeconds    *int           `db:"resolution_seconds"`
	AnsweredInTarget     *bool          `db:"answered_in_target"`
	WaitingSince         *time.Time     `db:"waiting_since"`
	PausedSeconds        int            `db:"paused_seconds"`
	ExpertMinutes        int            `db:"expert_minutes"`
	NearNotifiedAt       *time.Time     `db:"near_notified_at"`
	OverdueNotifiedAt    *time.Time     `db:"overdue_notified_at"`
	Rating               *int           `db:"rating"`
	RatingComment        string         `db:"rating_comment"`
	RatedAt              *time.Time     `db:"rated_at"`
	IdempotencyKey       string         `db:"idempotency_key"`
	CreatedAt            time.Time      `db:"created_at"`
	UpdatedAt            time.Time      `db:"updated_at"`
}

// Open reports whether the hub still has work to do on the request.
func (r SupportRequest) Open() bool { return r.Status == StatusNew || r.Status == StatusAssigned }

// Profile is the request's optional anonymous client profile.
func (r SupportRequest) Profile() SupportProfile {
	return SupportProfile{AgeBand: r.AgeBand, ResidenceBasis: r.ResidenceBasis, ClientLanguage: r.ClientLanguage,
		TimeInFinland: r.TimeInFinland}
}

// IsHub reports whether the organisation orgID is the request's hub side.
func (r SupportRequest) IsHub(orgID int64) bool { return r.HubID == orgID }

// IsRequester reports whether orgID filed the request.
func (r SupportRequest) IsRequester(orgID int64) bool { return r.OrgID == orgID }

const supportSummaryColumns = `r.id, r.org_id, o.name AS org_name, r.hub_id, r.number, r.requester_id, r.requester_name,
	r.sector, r.topics, r.urgency, r.answer_channel, r.age_band, r.residence_basis,
	r.client_language, r.time_in_finland, r.consent_shared, r.consent_what, r.consent_basis, r.status,
	r.assigned_to, r.assigned_name, r.assigned_group_id, r.due_at, r.first_response_at, r.first_response_seconds,
	r.resolved_at, r.resolution_seconds, r.answered_in_target, r.waiting_since, r.paused_seconds,
	r.expert_minutes, r.near_notified_at, r.overdue_notified_at, r.rating, r.rated_at, r.idempotency_key, r.created_at, r.updated_at`

// supportColumns are a request in full, for its own page. The call-back
// number and the rating's comment are shown there only: lists get
// supportListColumns, where both are empty.
const supportColumns = supportSummaryColumns + `, r.callback_phone, r.rating_comment`

const supportListColumns = supportSummaryColumns + `, '' AS callback_phone, '' AS rating_comment`

const supportFrom = ` FROM support_requests r JOIN organisations o ON o.id = r.org_id`

// SupportMessage is one message of a thread.
type SupportMessage struct {
	ID         int64  `db:"id"`
	RequestID  int64  `db:"request_id"`
	AuthorID   int64  `db:"author_id"`
	AuthorName string `db:"author_name"`
	Side       string `db:"side"`
	Kind       string `db:"kind"`
	Body       string `db:"body"`
	Internal   bool   `db:"internal"`
	Shareable  bool   `db:"shareable"`
	Minutes    int    `db:"minutes"`
	// ConsultationID is the remote consultation a joint meeting booked.
	ConsultationID *int64    `db:"consultation_id"`
	CreatedAt      time.Time `db:"created_at"`
}

// IsAnswer reports whether the message answers the request.
func (m SupportMessage) IsAnswer() bool {
	return m.Kind == KindAnswer || m.Kind == KindCall || m.Kind == KindMeeting
}

// StatusEvent is one change of a request's status.
type StatusEvent struct {
	At     time.Time `db:"at"`
	By     int64     `db:"by"`
	ByName string    `db:"by_name"`
	From   *string   `db:"from_status"`
	To     string    `db:"to_status"`
	Note   string    `db:"note"`
}

// getSupportRequest reads a request the current organisation may see,
// locking it when it is about to change.
func getSupportRequest(ctx context.Context, q sqlx.QueryerContext, id int64, lock bool) (SupportRequest, error) {
	var r SupportRequest
	query := `SELECT ` + supportColumns + supportFrom + ` WHERE r.id = $1`
	if lock {
		query += ` FOR UPDATE OF r`
	}
	err := sqlx.GetContext(ctx, q, &r, query, id)
	return r, notFound(err)
}

// SupportMessages lists a thread as the current organisation may see it:
// the hub sees its internal notes, the requester never does.
func SupportMessages(ctx context.Context, q sqlx.QueryerContext, requestID int64) ([]SupportMessage, error) {
	var out []SupportMessage
	err := sqlx.SelectContext(ctx, q, &out, `SELECT id, request_id, author_id, author_name, side, kind, body,
		internal, shareable, minutes, consultation_id, created_at FROM support_messages WHERE request_id = $1 ORDER BY id`, requestID)
	return out, err
}

// StatusEvents lists a request's status history.
func StatusEvents(ctx context.Context, q sqlx.QueryerContext, requestID int64) ([]StatusEvent, error) {
	var out []StatusEvent
	err := sqlx.SelectContext(ctx, q, &out, `SELECT at, by, by_name, from_status, to_status, note
		FROM support_status_events WHERE request_id = $1 ORDER BY id`, requestID)
	return out, err
}

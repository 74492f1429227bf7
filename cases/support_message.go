package cases

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// MessageInput is a message for a thread. The kind says the side: a
// follow-up is the requester's, everything else the hub's.
type MessageInput struct {
	Kind            string
	Body            string
	Minutes         int // expert time spent, hub messages only
	IdempotencyKey  string
	ConfirmFindings bool
}

// MaxMessageMinutes bounds the expert time one message records.
const MaxMessageMinutes = 480

// AddSupportMessage adds a message and moves the request on:
//   - an answer or a recorded call answers it (the writer takes it when
//     nobody holds it) and the requester is notified;
//   - a clarification asks the requester and stops the clock until they
//     write;
//   - an internal note changes nothing and only the hub ever reads it;
//   - the requester's follow-up restarts a stopped clock, and reopens an
//     answered or closed request with a new target.
//
// A repeated idempotency key returns the first message with added false.
func AddSupportMessage(ctx context.Context, q sqlx.ExtContext, guard Guard, n SupportNotifier, who SupportActor, id int64,
	in MessageInput, now time.Time) (m SupportMessage, added bool, err error) {
	ch, err := beginChange(ctx, q, who, id, asEither, now)
	if err != nil {
		return m, false, err
	}
	if err := ch.chooseSide(&in); err != nil {
		return m, false, err
	}
	if in.Kind == KindMeeting { // booked with its time and language: BookSupportMeeting
		return m, false, invalidField("kind", "error.meeting_booking")
	}
	if err := ch.checkMessage(&in, guard); err != nil {
		return m, false, err
	}
	if m, err := ch.repeated(ctx, q, in.IdempotencyKey); err == nil || !errors.Is(err, ErrNotFound) {
		return m, false, err
	}
	m, err = ch.post(ctx, q, n, in, nil)
	return m, err == nil, err
}

// repeated finds the thread's message sent with key before; ErrNotFound
// when there is none (or no key).
func (ch *change) repeated(ctx context.Context, q sqlx.QueryerContext, key string) (SupportMessage, error) {
	if key == "" {
		return SupportMessage{}, ErrNotFound
	}
	return messageByKey(ctx, q, ch.r.ID, key)
}

// post adds a checked message, moves the request on, records the change
// and tells whom the message concerns.
func (ch *change) post(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, in MessageInput, consultation *int64) (SupportMessage, error) {
	m := SupportMessage{RequestID: ch.r.ID, Side: "hub", Kind: in.Kind, Body: in.Body, Minutes: in.Minutes, CreatedAt: ch.now,
		AuthorID: ch.who.UserID, AuthorName: ch.who.Name, Internal: in.Kind == KindInternalNote, ConsultationID: consultation}
	if !ch.hub {
		m.Side = "requester"
	}
	var err error
	if m.ID, err = insertSupportMessage(ctx, q, ch.r, ch.who, m, in.IdempotencyKey, ch.now); err != nil {
		return m, err
	}
	notice := ch.applyMessage(m)
	if err := ch.finish(ctx, q, "support.message."+m.Kind, ""); err != nil {
		return m, err
	}
	return m, ch.notifyMessage(ctx, q, n, notice)
}

// chooseSide settles who writes: the requester writes follow-ups (a
// message without a kind is one), the hub everything else. On a request
// the hub filed itself, its follow-ups are the requester's.
func (ch *change) chooseSide(in *MessageInput) error {
	switch {
	case !ch.hub && in.Kind == "":
		in.Kind = KindFollowUp
	case ch.hub && in.Kind == KindFollowUp && ch.r.IsRequester(ch.who.OrgID) && ch.who.Roles.Has(RolePartnerWorker, RoleAdviser):
		ch.hub = false
	case ch.hub == (in.Kind == KindFollowUp):
		return ErrForbidden
	}
	return nil
}

// checkMessage validates a message against the request and the guard.
func (ch *change) checkMessage(in *MessageInput, guard Guard) error {
	var v ValidationError
	in.Body = strings.TrimSpace(in.Body)
	hub := ch.hub
	switch {
	case hub && !ch.who.Roles.Has(RoleAdviser):
		return ErrForbidden
	case hub && !slices.Contains(HubMessageKinds, in.Kind):
		v.Add("kind", "error.choose")
	case in.Kind == KindClarification && !ch.r.Open():
		v.Add("kind", "error.support_not_open")
	case hub && in.Kind != KindInternalNote && ch.r.Status == StatusClosed:
		v.Add("kind", "error.support_closed")
	}
	if in.IdempotencyKey != "" && !uuidPattern.MatchString(in.IdempotencyKey) {
		v.Add("idempotency_key", "error.idempotency_key")
	}
	v.RequiredText("body", in.Body, MaxSupportText)
	if hub {
		v.InRange("minutes", int64(in.Minutes), 0, MaxMessageMinutes, "error.minutes")
	} else if in.Minutes != 0 {
		v.Add("minutes", "error.minutes")
	}
	g := guardCheck{guard: guard, consent: ch.r.ConsentShared, confirm: in.ConfirmFindings}
	g.check(&v, "body", in.Body)
	return g.result(&v)
}

// applyMessage moves the request on for a new message and says whom to
// tell about it ("" for nobody).
func (ch *change) applyMessage(m SupportMessage) string {
	if m.Side == "hub" {
		ch.r.ExpertMinutes += m.Minutes
	}
	if m.Kind != KindInternalNote && m.Kind != KindFollowUp && ch.r.AssignedTo == nil {
		ch.assignTo(ch.who.UserID, ch.who.Name)
	}
	switch m.Kind {
	case KindAnswer, KindCall:
		ch.answer()
		return NoticeAnswered
	case KindMeeting: // the consultation's own notice tells the asker of the booking
		ch.answer()
		return ""
	case KindClarification:
		ch.respond()
		ch.wait()
		return NoticeClarification
	case KindFollowUp:
		if ch.r.Open() {
			ch.clock.resume(&ch.r, ch.now)
		} else {
			ch.reopen()
		}
		return NoticeFollowUp
	}
	return ""
}

func (ch *change) notifyMessage(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, kind string) error {
	r := ch.r
	notice := SupportNotice{Kind: kind, RequestID: r.ID, Number: r.Number}
	switch kind {
	case NoticeAnswered, NoticeClarification:
		notice.OrgID, notice.UserIDs = r.OrgID, without([]int64{r.RequesterID}, ch.who.UserID)
	case NoticeFollowUp: // the expert, and the group's members, whoever holds it
		notice.OrgID, notice.Holders, notice.Skip = r.HubID, true, ch.who.UserID
	}
	return sendNotice(ctx, q, n, notice)
}

func messageByKey(ctx context.Context, q sqlx.QueryerContext, requestID int64, key string) (SupportMessage, error) {
	var m SupportMessage
	err := sqlx.GetContext(ctx, q, &m, `SELECT id, request_id, author_id, author_name, side, kind, body, internal,
		shareable, minutes, consultation_id, created_at FROM support_messages WHERE request_id = $1 AND idempotency_key = $2`,
		requestID, key)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, err
}

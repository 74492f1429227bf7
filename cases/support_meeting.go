package cases

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/notify"
)

// MeetingInput is a joint meeting with the asker and their client, booked
// from a support request as a remote consultation of the hub.
type MeetingInput struct {
	IdempotencyKey  string
	StartsAt        time.Time
	DurationMin     int
	Meeting         Meeting // languages, interpreter, link; the request's topics are added
	Body            string  // what the meeting is for, to the thread
	Minutes         int
	ConfirmFindings bool
}

// BookSupportMeeting books a remote consultation with the asking
// municipality (issue 8's Book, as a hub adviser's ad-hoc time for
// themselves) and records it in the thread as the hub's answer. The asker
// is the consultation's partner contact, so they see its details and are
// told of it by the consultation's own notices. A request filed by the
// hub itself has no partner municipality to meet. A repeated idempotency
// key returns the first meeting's message with added false.
func BookSupportMeeting(ctx context.Context, tx *sqlx.Tx, jobs notify.Inserter, tax *Taxonomy, guard Guard, who SupportActor,
	staff Staff, id int64, in MeetingInput, now time.Time) (m SupportMessage, added bool, err error) {
	ch, err := beginChange(ctx, tx, who, id, asHub, now)
	if err != nil {
		return m, false, err
	}
	msg := MessageInput{Kind: KindMeeting, Body: in.Body, Minutes: in.Minutes, IdempotencyKey: in.IdempotencyKey,
		ConfirmFindings: in.ConfirmFindings}
	if err := ch.checkMessage(&msg, guard); err != nil {
		return m, false, err
	}
	if m, err := ch.repeated(ctx, tx, in.IdempotencyKey); err == nil || !errors.Is(err, ErrNotFound) {
		return m, false, err
	}
	meeting := in.Meeting
	meeting.Topics = ch.r.Topics
	c, _, err := Book(ctx, tx, jobs, tax, staff, BookingInput{IdempotencyKey: in.IdempotencyKey, StartsAt: in.StartsAt,
		DurationMin: in.DurationMin, PartnerOrgID: ch.r.OrgID, Meeting: meeting, PartnerContactName: ch.r.RequesterName,
		Note: "Konsultaatiopyyntö / support request " + ch.r.Number, ConfirmFindings: in.ConfirmFindings}, now)
	if err != nil {
		return m, false, err
	}
	// The request proves who asked; the hub cannot read the partner's users.
	if _, err := tx.ExecContext(ctx, `UPDATE consultations SET partner_contact_id = $2 WHERE id = $1`, c.ID, ch.r.RequesterID); err != nil {
		return m, false, err
	}
	m, err = ch.post(ctx, tx, nil, msg, &c.ID)
	return m, err == nil, err
}

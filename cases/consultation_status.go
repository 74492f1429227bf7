package cases

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/notify"
)

// Cancellation is why a consultation is cancelled. The other
// organisation reads the reason, so the identity guard checks it;
// ConfirmFindings keeps its warnings.
type Cancellation struct {
	Reason          string
	ConfirmFindings bool
}

// CancelConsultation cancels a booked consultation with a reason: the hub's
// advisers, or a worker of the client's municipality. A held one cannot be
// cancelled. Its slot is free again.
func CancelConsultation(ctx context.Context, q *sqlx.Tx, jobs notify.Inserter, who Staff, id int64, in Cancellation, now time.Time) (Consultation, error) {
	c, err := changeable(ctx, q, who, id, who.HubAdviser() || who.PartnerWorker())
	if err != nil {
		return c, err
	}
	reason, err := in.check(ctx, q)
	if err != nil {
		return c, err
	}
	if err := stillBooked(c); err != nil {
		return c, err
	}
	if !who.Hub && c.started(now) {
		return c, fieldError("status", "error.cancel_started")
	}
	return setStatus(ctx, q, jobs, who, c, StatusCancelled, reason, now)
}

// check returns the trimmed reason: required, bounded, and passed by the
// identity guard.
func (in Cancellation) check(ctx context.Context, q sqlx.QueryerContext) (string, error) {
	reason := strings.TrimSpace(in.Reason)
	v := &ValidationError{}
	if reason == "" {
		v.Add("reason", "error.reason_required")
		return "", v
	}
	v.Text("reason", reason, MaxReasonLen)
	g, err := newConsultationGuard(ctx, q, nil, in.ConfirmFindings)
	if err != nil {
		return "", err
	}
	g.text(v, "reason", reason)
	return reason, g.result(v)
}

// MarkNoShow records that the client did not come: the hub's advisers,
// once the consultation has started.
func MarkNoShow(ctx context.Context, q *sqlx.Tx, who Staff, id int64, now time.Time) (Consultation, error) {
	c, err := changeable(ctx, q, who, id, who.HubAdviser())
	if err != nil {
		return c, err
	}
	if err := stillBooked(c); err != nil {
		return c, err
	}
	if c.StartsAt.After(now) {
		return c, fieldError("status", "error.not_started")
	}
	return setStatus(ctx, q, nil, who, c, StatusNoShow, "", now)
}

// changeable locks a consultation the actor may see, and refuses the
// change when allowed is false. Others' consultations are not found.
func changeable(ctx context.Context, q sqlx.QueryerContext, who Staff, id int64, allowed bool) (Consultation, error) {
	c, err := consultationRecord(ctx, q, who, id, true)
	if err != nil {
		return c, err
	}
	if !allowed {
		return c, ErrForbidden
	}
	return c, nil
}

// stillBooked refuses a change to a consultation that has ended one way
// or another: a held one is never cancelled or held again.
func stillBooked(c Consultation) error {
	switch c.Status {
	case StatusBooked:
		return nil
	case StatusHeld:
		return conflict("status", "error.consultation_held")
	case StatusCancelled:
		return conflict("status", "error.consultation_cancelled")
	}
	return conflict("status", "error.consultation_no_show")
}

// setStatus ends a booked consultation; jobs tells the people concerned
// (a cancellation; nobody needs telling of a no-show).
func setStatus(ctx context.Context, q *sqlx.Tx, jobs notify.Inserter, who Staff, c Consultation, status, reason string, now time.Time) (Consultation, error) {
	// A cancellation replaces the calendar entry, so SEQUENCE grows.
	_, err := q.ExecContext(ctx, `UPDATE consultations SET status = $2, status_reason = $3, status_by = app_user_id(),
		status_by_org_id = app_org_id(), status_by_name = $4, status_at = $5, updated_at = now(),
		sequence = sequence + CASE WHEN $2 = 'cancelled' THEN 1 ELSE 0 END
		WHERE id = $1`, c.ID, status, reason, who.Name, now)
	if err != nil {
		return c, err
	}
	if err := changed(ctx, q, jobs, c, who, event{kind: status, at: now, old: &c.StartsAt, reason: reason}); err != nil {
		return c, err
	}
	if err := auditConsultation(ctx, q, who, "consultation."+status, c.ID, 0); err != nil {
		return c, err
	}
	return consultationRecord(ctx, q, who, c.ID, false)
}

// Reschedule is a new time for a booked consultation: another free slot,
// or (hub advisers) an ad-hoc time with the same adviser.
type Reschedule struct {
	SlotID      int64
	StartsAt    time.Time
	DurationMin int
}

// RescheduleConsultation moves a booked consultation. The hub's advisers
// may move it anywhere; a worker of the client's municipality to another
// free slot. SEQUENCE grows, so calendars replace the old time, and the
// history keeps it. The old slot is free again.
func RescheduleConsultation(ctx context.Context, q *sqlx.Tx, jobs notify.Inserter, who Staff, id int64, to Reschedule, now time.Time) (Consultation, error) {
	c, err := changeable(ctx, q, who, id, who.HubAdviser() || who.PartnerWorker())
	if err != nil {
		return c, err
	}
	if err := stillBooked(c); err != nil {
		return c, err
	}
	in := BookingInput{SlotID: to.SlotID, StartsAt: to.StartsAt, DurationMin: to.DurationMin,
		Meeting: Meeting{ServiceLanguage: c.ServiceLanguage}}
	if err := in.validateTime(now); err != nil {
		return c, err
	}
	row := map[string]any{"adviser_id": c.AdviserID, "starts_at": to.StartsAt,
		"ends_at": to.StartsAt.Add(time.Duration(to.DurationMin) * time.Minute)}
	switch {
	case to.SlotID == 0 && who.PartnerWorker():
		return c, fieldError("slot", "error.slot_required")
	case to.SlotID != 0 && c.SlotID != nil && *c.SlotID == to.SlotID:
		return c, fieldError("slot", "error.same_slot")
	case to.SlotID != 0:
		// A hub adviser may move a consultation to a colleague's slot.
		if err := fromSlot(ctx, q, &in, row, 0, now); err != nil {
			return c, err
		}
	}
	err = attempt(ctx, q, func() error {
		_, err := q.ExecContext(ctx, `UPDATE consultations SET slot_id = $2, adviser_id = $3, starts_at = $4, ends_at = $5,
			sequence = sequence + 1, reminded_at = NULL, updated_at = now() WHERE id = $1`,
			c.ID, nullID(to.SlotID), row["adviser_id"], row["starts_at"], row["ends_at"])
		return err
	})
	if err != nil {
		return c, bookingConflict(err)
	}
	newStart, oldAdviser := row["starts_at"].(time.Time), int64(0)
	if row["adviser_id"] != c.AdviserID {
		oldAdviser = c.AdviserID
	}
	if err := changed(ctx, q, jobs, c, who, event{kind: "rescheduled", at: now, old: &c.StartsAt, new: &newStart, oldAdviser: oldAdviser}); err != nil {
		return c, err
	}
	if err := auditConsultation(ctx, q, who, "consultation.reschedule", c.ID, 0); err != nil {
		return c, err
	}
	return consultationRecord(ctx, q, who, c.ID, false)
}

// LinkChange is a new meeting link; "" is "link to follow". The partner's
// contact reads it, so the identity guard checks it; ConfirmFindings
// keeps its warnings.
type LinkChange struct {
	Link            string
	ConfirmFindings bool
}

// SetMeetingLink sets or clears ("link to follow") the meeting link of a
// consultation not yet over: the hub's advisers. The calendar event
// changes with it, so SEQUENCE grows.
func SetMeetingLink(ctx context.Context, q *sqlx.Tx, jobs notify.Inserter, who Staff, id int64, in LinkChange) (Consultation, error) {
	c, err := changeable(ctx, q, who, id, who.HubAdviser())
	if err != nil {
		return c, err
	}
	if err := stillBooked(c); err != nil {
		return c, err
	}
	link := normalLink(in.Link)
	if key := MeetingLinkProblem(link); key != "" {
		return c, fieldError("meeting_link", key)
	}
	g, err := newConsultationGuard(ctx, q, nil, in.ConfirmFindings)
	if err != nil {
		return c, err
	}
	v := &ValidationError{}
	g.link(v, "meeting_link", link)
	if err := g.result(v); err != nil {
		return c, err
	}
	if link == c.MeetingLink {
		return c, nil
	}
	if _, err := q.ExecContext(ctx, `UPDATE consultations SET meeting_link = $2, sequence = sequence + 1,
		updated_at = now() WHERE id = $1`, c.ID, link); err != nil {
		return c, err
	}
	if err := changed(ctx, q, jobs, c, who, event{kind: "link_set", new: &c.StartsAt}); err != nil {
		return c, err
	}
	if err := auditConsultation(ctx, q, who, "consultation.link", c.ID, 0); err != nil {
		return c, err
	}
	return consultationRecord(ctx, q, who, c.ID, false)
}

package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// change is one action on a request: the request locked for it, the clock
// it is counted on, and the status it had when the action began.
type change struct {
	r     SupportRequest
	hub   bool     // the actor acts as the hub; false: as the requester
	steps []string // the statuses it passed through, in order
	clock supportClock
	now   time.Time
	who   SupportActor
}

// The side an action is taken on.
type side int

const (
	asHub side = iota
	asRequester
	asEither // the hub's when the actor's organisation is the hub, else the requester's
)

// beginChange locks the request and checks that the actor's organisation
// is on the side the action belongs to. A request of another organisation
// is not found; one the actor sees from the other side is forbidden.
func beginChange(ctx context.Context, q sqlx.ExtContext, who SupportActor, id int64, on side, now time.Time) (*change, error) {
	r, err := getSupportRequest(ctx, q, id, true)
	if err != nil {
		return nil, err
	}
	hub := r.IsHub(who.OrgID) && who.Roles.Has(RoleAdviser, RoleManager)
	requester := r.IsRequester(who.OrgID) && who.Roles.Has(RolePartnerWorker, RoleAdviser)
	switch {
	case on == asHub && !hub, on == asRequester && !requester, on == asEither && !hub && !requester:
		return nil, ErrForbidden
	}
	targets, err := HubTargets(ctx, q)
	if err != nil {
		return nil, err
	}
	return &change{r: r, hub: on == asHub || on == asEither && hub, steps: []string{r.Status}, clock: newSupportClock(targets), now: now, who: who}, nil
}

// setStatus moves the request to a status; finish records each step, so
// an answer to a new request shows that its writer took it first.
func (ch *change) setStatus(to string) {
	if to != ch.r.Status {
		ch.r.Status = to
		ch.steps = append(ch.steps, to)
	}
}

// finish stores the request, a status event for each step it took and
// the audit event; note goes with the status events.
func (ch *change) finish(ctx context.Context, q sqlx.ExtContext, action, note string) error {
	r := &ch.r
	_, err := q.ExecContext(ctx, `UPDATE support_requests SET status = $2, assigned_to = $3, assigned_name = $4,
		assigned_group_id = $5, due_at = $6, first_response_at = $7, first_response_seconds = $8, resolved_at = $9,
		resolution_seconds = $10, answered_in_target = $11, waiting_since = $12, paused_seconds = $13,
		expert_minutes = $14, near_notified_at = $15, overdue_notified_at = $16, rating = $17, rating_comment = $18,
		rated_at = $19, updated_at = $20 WHERE id = $1`,
		r.ID, r.Status, r.AssignedTo, r.AssignedName, r.AssignedGroupID, r.DueAt, r.FirstResponseAt,
		r.FirstResponseSeconds, r.ResolvedAt, r.ResolutionSeconds, r.AnsweredInTarget, r.WaitingSince,
		r.PausedSeconds, r.ExpertMinutes, r.NearNotifiedAt, r.OverdueNotifiedAt, r.Rating, r.RatingComment,
		r.RatedAt, ch.now)
	if err != nil {
		return err
	}
	for i := 1; i < len(ch.steps); i++ {
		if err := recordStatus(ctx, q, *r, ch.who, &ch.steps[i-1], ch.steps[i], note, ch.now); err != nil {
			return err
		}
	}
	return auditSupport(ctx, q, ch.who, action, *r)
}

// respond marks the hub's first response to the requester.
func (ch *change) respond() {
	if ch.r.FirstResponseAt == nil {
		at, s := ch.now, seconds(ch.clock.cal.Between(ch.r.CreatedAt, ch.now))
		ch.r.FirstResponseAt, ch.r.FirstResponseSeconds = &at, &s
	}
}

// answer marks the request answered now: resolved, counted against its
// target the first time, and waiting for the requester to read it.
func (ch *change) answer() {
	ch.clock.resume(&ch.r, ch.now)
	ch.respond()
	at, worked := ch.now, ch.clock.worked(ch.r, ch.now)
	ch.r.ResolvedAt, ch.r.ResolutionSeconds = &at, &worked
	if ch.r.AnsweredInTarget == nil {
		inTarget := !ch.now.After(ch.r.DueAt)
		ch.r.AnsweredInTarget = &inTarget
	}
	ch.r.WaitingSince = &at
	ch.setStatus(StatusAnswered)
}

// wait stops the clock until the requester writes.
func (ch *change) wait() {
	if ch.r.WaitingSince == nil {
		at := ch.now
		ch.r.WaitingSince = &at
	}
}

// reopen is a follow-up to an answered or closed request: the hub has
// work again, with a new target counted from now, never earlier than the
// due time it had (the database lets the requester move it later only).
func (ch *change) reopen() {
	ch.clock.resume(&ch.r, ch.now)
	ch.r.ResolvedAt, ch.r.ResolutionSeconds = nil, nil
	if due := ch.clock.due(ch.r.Urgency, ch.now); due.After(ch.r.DueAt) {
		ch.r.DueAt = due
	}
	ch.r.NearNotifiedAt, ch.r.OverdueNotifiedAt = nil, nil
	if ch.r.AssignedTo != nil || ch.r.AssignedGroupID != nil {
		ch.setStatus(StatusAssigned)
	} else {
		ch.setStatus(StatusNew)
	}
}

// assignTo makes a hub user responsible for the request.
func (ch *change) assignTo(userID int64, name string) {
	ch.r.AssignedTo, ch.r.AssignedName = &userID, CleanText(name, MaxNameLen)
	if ch.r.Status == StatusNew {
		ch.setStatus(StatusAssigned)
	}
}

package cases

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// TakeSupportRequest makes the acting expert (a hub adviser) responsible
// for an open request that no other expert holds.
func TakeSupportRequest(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, who SupportActor, id int64, now time.Time) (SupportRequest, error) {
	if !who.Roles.Has(RoleAdviser) {
		return SupportRequest{}, ErrForbidden
	}
	ch, err := beginChange(ctx, q, who, id, asHub, now)
	if err != nil {
		return SupportRequest{}, err
	}
	if !ch.r.Open() {
		return ch.r, invalidField("request", "error.support_not_open")
	}
	if ch.r.AssignedTo != nil && *ch.r.AssignedTo != who.UserID {
		return ch.r, invalidField("request", "error.support_taken")
	}
	ch.assignTo(who.UserID, who.Name)
	return ch.r, ch.finish(ctx, q, "support.take", "")
}

// Assignment is a coordinator's decision: an expert, an expert group, or
// both, and why when the request changes hands.
type Assignment struct {
	UserID  int64
	GroupID int64
	Note    string
}

// AssignSupportRequest lets a coordinator (a hub manager) assign or
// reassign an open request to an expert or an expert group. Taking it
// from someone needs a note, kept as an internal note of the thread so
// that the requester never reads it. The new assignees are notified.
func AssignSupportRequest(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, who SupportActor, id int64, a Assignment,
	now time.Time) (SupportRequest, error) {
	if !who.Roles.Has(RoleManager) {
		return SupportRequest{}, ErrForbidden
	}
	ch, err := beginChange(ctx, q, who, id, asHub, now)
	if err != nil {
		return SupportRequest{}, err
	}
	var v ValidationError
	a.Note = strings.TrimSpace(a.Note)
	v.Text("note", a.Note, MaxReasonLen)
	if !ch.r.Open() {
		v.Add("request", "error.support_not_open")
	}
	expert, err := assignee(ctx, q, &v, a)
	if err != nil {
		return ch.r, err
	}
	reassigned := ch.r.AssignedTo != nil && (a.UserID == 0 || *ch.r.AssignedTo != a.UserID)
	if reassigned && a.Note == "" {
		v.Add("note", "error.reassign_note")
	}
	if err := v.Err(); err != nil {
		return ch.r, err
	}
	return ch.r, ch.applyAssignment(ctx, q, n, a, expert)
}

func (ch *change) applyAssignment(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, a Assignment, expert User) error {
	previous := ch.r
	ch.r.AssignedTo, ch.r.AssignedName, ch.r.AssignedGroupID = nil, "", nil
	if a.GroupID != 0 {
		ch.r.AssignedGroupID = &a.GroupID
	}
	if a.UserID != 0 {
		ch.assignTo(a.UserID, expert.DisplayName)
	}
	ch.setStatus(StatusAssigned)
	if a.Note != "" {
		note := SupportMessage{Side: "hub", Kind: KindInternalNote, Body: a.Note}
		if _, err := insertSupportMessage(ctx, q, ch.r, ch.who, note, "", ch.now); err != nil {
			return err
		}
	}
	if err := ch.finish(ctx, q, "support.assign", ""); err != nil {
		return err
	}
	return notifyAssignees(ctx, q, n, previous, ch.r)
}

// assignee checks the chosen expert (an active adviser of the hub) and
// group (one of the hub's); at least one is needed.
func assignee(ctx context.Context, q sqlx.QueryerContext, v *ValidationError, a Assignment) (User, error) {
	var expert User
	if a.UserID == 0 && a.GroupID == 0 {
		v.Add("assignee", "error.assignee_required")
		return expert, nil
	}
	if a.UserID != 0 {
		u, err := GetUser(ctx, q, a.UserID)
		switch {
		case err == ErrNotFound || err == nil && (!u.Active || !u.Roles().Has(RoleAdviser)):
			v.Add("assignee", "error.assignee_unknown")
		case err != nil:
			return expert, err
		}
		expert = u
	}
	if a.GroupID != 0 {
		var exists bool
		if err := sqlx.GetContext(ctx, q, &exists, `SELECT EXISTS (SELECT 1 FROM expert_groups WHERE id = $1)`, a.GroupID); err != nil {
			return expert, err
		}
		if !exists {
			v.Add("group", "error.unknown_record")
		}
	}
	return expert, nil
}

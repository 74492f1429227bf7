package cases

import (
	"context"
	"slices"

	"github.com/jmoiron/sqlx"
)

// What a support request tells people (issue 9, item 6). A notice names
// the request's number and its page, never its text.
const (
	NoticeAssigned      = "support_assigned"      // to the expert or group members it was assigned to
	NoticeAnswered      = "support_answered"      // to the requester
	NoticeNear          = "support_near"          // to the assigned expert: the target is near
	NoticeOverdue       = "support_overdue"       // to the hub's coordinators: the target has passed
	NoticeClarification = "support_clarification" // to the requester: the hub asks something
	NoticeFollowUp      = "support_follow_up"     // to the assigned expert and group: the requester wrote
)

// SupportNotice is one notification to send, in the transaction that
// caused it.
type SupportNotice struct {
	Kind      string
	OrgID     int64   // the recipients' organisation
	UserIDs   []int64 // the recipients
	RequestID int64
	Number    string
	// Holders adds whoever answers for the request, its expert and the
	// members of its group, as the hub sees them when the notice is sent
	// (a requester's transaction cannot read the hub's groups).
	Holders bool
	Skip    int64 // the user who caused the notice is not told
}

// Link is the page the notice points to.
func (n SupportNotice) Link() string { return "/support/" + idText(n.RequestID) }

// SupportNotifier sends notices; a nil one sends none (a service without
// notifications, most domain tests).
type SupportNotifier interface {
	NotifySupport(ctx context.Context, q sqlx.ExtContext, n SupportNotice) error
}

func sendNotice(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, notice SupportNotice) error {
	if n == nil || len(notice.UserIDs) == 0 && !notice.Holders {
		return nil
	}
	return n.NotifySupport(ctx, q, notice)
}

// notifyAssignees tells whoever newly holds the request: the expert, or
// without one the members of the group.
func notifyAssignees(ctx context.Context, q sqlx.ExtContext, n SupportNotifier, before, after SupportRequest) error {
	var users []int64
	switch {
	case after.AssignedTo != nil && (before.AssignedTo == nil || *before.AssignedTo != *after.AssignedTo):
		users = []int64{*after.AssignedTo}
	case after.AssignedTo == nil && after.AssignedGroupID != nil:
		members, err := groupMembers(ctx, q, *after.AssignedGroupID)
		if err != nil {
			return err
		}
		users = members
	}
	return sendNotice(ctx, q, n, SupportNotice{Kind: NoticeAssigned, OrgID: after.HubID, UserIDs: users,
		RequestID: after.ID, Number: after.Number})
}

func groupMembers(ctx context.Context, q sqlx.QueryerContext, groupID int64) ([]int64, error) {
	var ids []int64
	err := sqlx.SelectContext(ctx, q, &ids, `SELECT m.user_id FROM expert_group_members m
		JOIN users u ON u.id = m.user_id AND u.active WHERE m.group_id = $1 ORDER BY m.user_id`, groupID)
	return ids, err
}

// hubCoordinators are the hub's active managers.
func hubCoordinators(ctx context.Context, q sqlx.QueryerContext) ([]int64, error) {
	var ids []int64
	err := sqlx.SelectContext(ctx, q, &ids, `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE u.active AND r.role = 'manager' ORDER BY u.id`)
	return ids, err
}

func without(ids []int64, id int64) []int64 {
	return slices.DeleteFunc(slices.Clone(ids), func(x int64) bool { return x == id })
}

func invalidField(field, key string) error {
	v := &ValidationError{}
	v.Add(field, key)
	return v
}

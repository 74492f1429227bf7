package cases

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// SupportThread is a request with its thread and status history, as the
// reader's side may see them.
type SupportThread struct {
	Request  SupportRequest
	Messages []SupportMessage
	Events   []StatusEvent
	HubSide  bool // the reader answers it; false: the reader's organisation asked
}

// Question is the thread's first message.
func (t SupportThread) Question() string {
	for _, m := range t.Messages {
		if m.Kind == KindQuestion {
			return m.Body
		}
	}
	return ""
}

// OpenSupportRequest reads a request for one of its two sides: the hub's
// experts and coordinators, or the requesting organisation's workers. A
// request whose client details were shared with consent is client-linked
// data, and every read of it writes an audit event (design.md §4).
func OpenSupportRequest(ctx context.Context, q sqlx.ExtContext, who SupportActor, id int64) (SupportThread, error) {
	var t SupportThread
	r, err := getSupportRequest(ctx, q, id, false)
	if err != nil {
		return t, err
	}
	t.Request, t.HubSide = r, r.IsHub(who.OrgID) && who.Roles.Has(RoleAdviser, RoleManager)
	if !t.HubSide && !(r.IsRequester(who.OrgID) && who.Roles.Has(RolePartnerWorker, RoleAdviser)) {
		return t, ErrForbidden
	}
	if t.Messages, err = SupportMessages(ctx, q, id); err != nil {
		return t, err
	}
	if t.Events, err = StatusEvents(ctx, q, id); err != nil {
		return t, err
	}
	if r.ConsentShared {
		return t, auditSupport(ctx, q, who, "support.view", r)
	}
	return t, nil
}

// SupportRequestFor reads a request for one of its sides without its
// thread, and without an audit event: for callers that show its number
// and status only, never its client details.
func SupportRequestFor(ctx context.Context, q sqlx.QueryerContext, who SupportActor, id int64) (SupportRequest, error) {
	r, err := getSupportRequest(ctx, q, id, false)
	if err != nil {
		return r, err
	}
	hub := r.IsHub(who.OrgID) && who.Roles.Has(RoleAdviser, RoleManager)
	if !hub && !(r.IsRequester(who.OrgID) && who.Roles.Has(RolePartnerWorker, RoleAdviser)) {
		return r, ErrForbidden
	}
	return r, nil
}

// Experts are the current hub's active advisers, whom requests are
// assigned to.
func Experts(ctx context.Context, q sqlx.QueryerContext) ([]User, error) {
	var out []User
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+userColumns+` FROM users u WHERE u.active
		AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'adviser') ORDER BY u.display_name, u.id`)
	return out, err
}

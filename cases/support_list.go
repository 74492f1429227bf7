package cases

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// SupportFilter selects requests for a list. Side "filed" is what the
// current organisation asked, "queue" what it answers as the hub.
type SupportFilter struct {
	Side     string
	Statuses []string // empty: all
	Topic    string   // a topic or its parent
	Mine     bool     // filed by me (filed) or assigned to me (queue)
	Limit    int
	BeforeID int64 // paging: requests older than this one
	// ByDue lists the most urgent first, the earliest due first within an
	// urgency, instead of the newest first (the queue; no paging).
	ByDue bool
}

// Sides of a list.
const (
	SideFiled = "filed"
	SideQueue = "queue"
)

// MaxSupportPage bounds one page of a list.
const MaxSupportPage = 200

// ListSupportRequests lists requests newest first, a page at a time,
// without their call-back numbers and rating comments (those are read on
// the request's own page only).
func ListSupportRequests(ctx context.Context, q sqlx.QueryerContext, f SupportFilter) ([]SupportRequest, error) {
	where := `r.org_id = app_org_id()`
	if f.Side == SideQueue {
		where = `r.hub_id = app_org_id()`
	}
	args := []any{pq.Array(f.Statuses), f.Topic, f.Mine, f.Side == SideQueue, f.BeforeID, cmp.Or(f.Limit, 50), f.ByDue,
		pq.Array(Urgencies)}
	var out []SupportRequest
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+supportListColumns+supportFrom+` WHERE `+where+`
		AND (coalesce(cardinality($1::text[]), 0) = 0 OR r.status = ANY($1))
		AND ($2 = '' OR $2 = ANY(r.topics) OR EXISTS (SELECT 1 FROM taxonomy_items t WHERE t.network_id = app_network_id()
			AND t.kind = 'topic' AND t.parent_code = $2 AND t.code = ANY(r.topics)))
		AND (NOT $3 OR (NOT $4 AND r.requester_id = app_user_id()) OR ($4 AND r.assigned_to = app_user_id()))
		AND ($5 = 0 OR r.id < $5)
		ORDER BY CASE WHEN $7 THEN array_position($8::text[], r.urgency) END, CASE WHEN $7 THEN r.due_at END, r.id DESC
		LIMIT $6`, args...)
	return out, err
}

// QueueItem is an open request in the hub's queue with how it stands.
type QueueItem struct {
	Request   SupportRequest
	Standing  TimeLeft
	GroupName string
	Suggested *ExpertGroup // the group whose topics fit best, for an unassigned request
}

// MaxQueue bounds the hub's queue page: beyond it, the least urgent
// requests are left out and the page says so.
const MaxQueue = 1000

// SupportQueue is the hub's open requests (new and assigned), by urgency
// and then by working time left against the target, the least first; a
// request whose clock is stopped keeps the time it had left. Of more than
// MaxQueue open requests, the MaxQueue most urgent and earliest due are
// listed and truncated is true.
func SupportQueue(ctx context.Context, q sqlx.QueryerContext, tax *Taxonomy, mine bool, now time.Time) (items []QueueItem, truncated bool, err error) {
	requests, err := ListSupportRequests(ctx, q, SupportFilter{Side: SideQueue, Statuses: []string{StatusNew, StatusAssigned},
		Mine: mine, Limit: MaxQueue + 1, ByDue: true})
	if err != nil {
		return nil, false, err
	}
	if len(requests) > MaxQueue {
		requests, truncated = requests[:MaxQueue], true
	}
	targets, err := HubTargets(ctx, q)
	if err != nil {
		return nil, false, err
	}
	groups, err := ExpertGroups(ctx, q)
	if err != nil {
		return nil, false, err
	}
	items = make([]QueueItem, len(requests))
	for i, r := range requests {
		items[i] = QueueItem{Request: r, Standing: StandingOf(r, targets, now)}
		if r.AssignedGroupID != nil {
			items[i].GroupName = groupName(groups, *r.AssignedGroupID)
		} else if r.AssignedTo == nil {
			items[i].Suggested = suggestGroup(groups, r.Topics, tax)
		}
	}
	slices.SortStableFunc(items, func(a, b QueueItem) int {
		return cmp.Or(cmp.Compare(urgencyRank(a.Request.Urgency), urgencyRank(b.Request.Urgency)),
			cmp.Compare(a.Standing.Left, b.Standing.Left), cmp.Compare(a.Request.ID, b.Request.ID))
	})
	return items, truncated, nil
}

func urgencyRank(u string) int { return slices.Index(Urgencies, u) }

// SupportCursor is the paging token of a list: the last id shown.
func SupportCursor(page []SupportRequest, limit int) string {
	if len(page) < limit || len(page) == 0 {
		return ""
	}
	return strconv.FormatInt(page[len(page)-1].ID, 10)
}

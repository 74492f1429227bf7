package cases

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// KnowledgeItem is an answer the hub shared with every organisation of
// the network: a title and the answer as the expert edited it, with the
// request's topics and sector, never its question, profile or consent.
type KnowledgeItem struct {
	ID        int64          `db:"id"`
	Topics    pq.StringArray `db:"topics"`
	Sector    string         `db:"sector"`
	Title     string         `db:"title"`
	Answer    string         `db:"answer"`
	CreatedAt time.Time      `db:"created_at"`
	UpdatedAt time.Time      `db:"updated_at"`
}

// KnowledgeInput is an expert's shareable version of an answer.
type KnowledgeInput struct {
	MessageID       int64
	Title           string
	Answer          string
	ConfirmFindings bool
}

// ShareAnswer publishes an answer of the request in the network's
// knowledge list, or updates what was published of it. The text goes to
// every organisation of the network, so the identity guard stops every
// identifier whatever the request's consent said; possible names only
// need the expert's confirmation.
func ShareAnswer(ctx context.Context, q sqlx.ExtContext, guard Guard, who SupportActor, requestID int64, in KnowledgeInput,
	now time.Time) (int64, error) {
	if !who.Roles.Has(RoleAdviser) {
		return 0, ErrForbidden
	}
	ch, err := beginChange(ctx, q, who, requestID, asHub, now)
	if err != nil {
		return 0, err
	}
	var v ValidationError
	in.Title, in.Answer = strings.TrimSpace(in.Title), strings.TrimSpace(in.Answer)
	v.RequiredText("title", in.Title, MaxNameLen)
	v.RequiredText("answer", in.Answer, MaxSupportText)
	var kind string
	err = sqlx.GetContext(ctx, q, &kind, `SELECT kind FROM support_messages WHERE id = $1 AND request_id = $2`, in.MessageID, requestID)
	if err != nil || (kind != KindAnswer && kind != KindCall && kind != KindMeeting) {
		if err != nil && notFound(err) != ErrNotFound {
			return 0, err
		}
		v.Add("message", "error.not_an_answer")
	}
	g := guardCheck{guard: guard, confirm: in.ConfirmFindings}
	g.check(&v, "title", in.Title)
	g.check(&v, "answer", in.Answer)
	if err := g.result(&v); err != nil {
		return 0, err
	}
	var id int64
	err = sqlx.GetContext(ctx, q, &id, `INSERT INTO knowledge_items (network_id, hub_id, request_id, message_id, topics,
		sector, title, answer, created_by, created_at, updated_at)
		VALUES (app_hub_network_id(), app_org_id(), $1, $2, $3, $4, $5, $6, app_user_id(), $7, $7)
		ON CONFLICT (message_id) DO UPDATE SET title = excluded.title, answer = excluded.answer, updated_at = excluded.updated_at
		RETURNING id`, requestID, in.MessageID, pq.Array(ch.r.Topics), ch.r.Sector, in.Title, in.Answer, now)
	if err != nil {
		return 0, err
	}
	if _, err := q.ExecContext(ctx, `UPDATE support_messages SET shareable = true WHERE id = $1`, in.MessageID); err != nil {
		return 0, err
	}
	return id, Audit(ctx, q, Event{Action: "support.share", RecordType: "knowledge_item", RecordID: idText(id),
		ActorRoles: who.Roles, Purpose: "support", Details: map[string]any{"request_number": ch.r.Number}})
}

// KnowledgeFilter searches the knowledge list.
type KnowledgeFilter struct {
	Topic    string // a topic or its parent
	Query    string // words that must all appear in the title or the answer
	Limit    int    // one page; 0 is KnowledgePage
	BeforeID int64  // paging: the items after this one in the list's order
}

// MaxKnowledgeQuery bounds the search text.
const MaxKnowledgeQuery = 200

// KnowledgePage is a page of the knowledge list unless asked otherwise;
// MaxKnowledgePage bounds what may be asked.
const (
	KnowledgePage    = 50
	MaxKnowledgePage = 200
)

// Knowledge lists the network's shared answers, newest first, a page at a
// time: the cursor of the next page is KnowledgeCursor of this one.
func Knowledge(ctx context.Context, q sqlx.QueryerContext, f KnowledgeFilter) ([]KnowledgeItem, error) {
	words := strings.Fields(f.Query)
	if len(words) > 8 {
		words = words[:8]
	}
	patterns := make([]string, len(words))
	for i, w := range words {
		patterns[i] = "%" + likeEscape(w) + "%"
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxKnowledgePage {
		limit = KnowledgePage
	}
	var out []KnowledgeItem
	err := sqlx.SelectContext(ctx, q, &out, `SELECT k.id, k.topics, k.sector, k.title, k.answer, k.created_at, k.updated_at
		FROM knowledge_items k
		WHERE ($1 = '' OR $1 = ANY(k.topics) OR EXISTS (SELECT 1 FROM taxonomy_items t WHERE t.network_id = k.network_id
			AND t.kind = 'topic' AND t.parent_code = $1 AND t.code = ANY(k.topics)))
		AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE k.title || ' ' || k.answer NOT ILIKE p)
		AND ($4 = 0 OR (k.created_at, k.id) < (SELECT b.created_at, b.id FROM knowledge_items b WHERE b.id = $4))
		ORDER BY k.created_at DESC, k.id DESC LIMIT $3`, f.Topic, pq.Array(patterns), limit, f.BeforeID)
	return out, err
}

// KnowledgeCursor is the paging token after a page: the last item's id,
// or "" when the page was the last one.
func KnowledgeCursor(page []KnowledgeItem, f KnowledgeFilter) string {
	limit := f.Limit
	if limit <= 0 || limit > MaxKnowledgePage {
		limit = KnowledgePage
	}
	if len(page) < limit || len(page) == 0 {
		return ""
	}
	return idText(page[len(page)-1].ID)
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// SharedMessages lists which of a request's messages are in the knowledge
// list, with their knowledge items, for the hub's thread view.
func SharedMessages(ctx context.Context, q sqlx.QueryerContext, requestID int64) (map[int64]KnowledgeItem, error) {
	var rows []struct {
		MessageID int64 `db:"message_id"`
		KnowledgeItem
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT message_id, id, topics, sector, title, answer, created_at, updated_at
		FROM knowledge_items WHERE request_id = $1`, requestID)
	out := map[int64]KnowledgeItem{}
	for _, r := range rows {
		out[r.MessageID] = r.KnowledgeItem
	}
	return out, err
}

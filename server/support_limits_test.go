package server

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestSupportQueuePageSaysItIsTruncated: past cases.MaxQueue open
// requests, the hub's queue page says it shows only the first ones.
func TestSupportQueuePageSaysItIsTruncated(t *testing.T) {
	h := newHarness(t)
	expert := h.login("hub", "hub-adviser")
	fi := h.server.pages.Lang("fi")
	notice := html.EscapeString(fi.T("support.queue.truncated", cases.MaxQueue))
	h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Yksi"))
	if page := body(t, h.get(expert, "/support/queue")); strings.Contains(page, `id="queue-truncated"`) {
		t.Fatal("a short queue says it is truncated")
	}
	h.db.InScope(t, cases.Scope{OrgID: h.orgs["partner"], UserID: h.users["partner-worker"]}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO support_requests (org_id, hub_id, requester_id, sector, topics, urgency, answer_channel,
			due_at, idempotency_key) SELECT app_org_id(), app_network_hub_id(), app_user_id(), 'social_work', '{permits}',
			'no_hurry', 'written', now() + i * interval '1 minute', gen_random_uuid() FROM generate_series(1, $1) i`, cases.MaxQueue)
		return err
	})
	page := body(t, h.get(expert, "/support/queue"))
	mustContain(t, page, `id="queue-truncated"`, notice)
	if rows := strings.Count(page, "data-number="); rows != cases.MaxQueue {
		t.Errorf("%d rows, want %d", rows, cases.MaxQueue)
	}
}

// TestKnowledgeAPIAndPagePageWithACursor: the knowledge list answers a
// page and the cursor of the next, in the API and on the page.
func TestKnowledgeAPIAndPagePageWithACursor(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	expert := h.actorOf("hub", "hub-adviser", cases.RoleAdviser)
	for _, title := range []string{"Ensimmäinen jaettu", "Toinen jaettu"} {
		id := h.fileSupport("partner", "partner-worker", cases.RolePartnerWorker, supportQuestion("Kysymys: "+title))
		h.db.InScope(t, cases.Scope{OrgID: expert.OrgID, UserID: expert.UserID}, func(tx *sqlx.Tx) error {
			tax, err := cases.LoadTaxonomy(ctx, tx)
			if err != nil {
				return err
			}
			guard, err := cases.LoadGuard(ctx, tx, tax)
			if err != nil {
				return err
			}
			m, _, err := cases.AddSupportMessage(ctx, tx, guard, nil, expert, id, cases.MessageInput{Kind: cases.KindAnswer, Body: title}, time.Now())
			if err != nil {
				return err
			}
			_, err = cases.ShareAnswer(ctx, tx, guard, expert, id, cases.KnowledgeInput{MessageID: m.ID, Title: title, Answer: title}, time.Now())
			return err
		})
		time.Sleep(10 * time.Millisecond) // distinct publication times
	}
	token := h.accessToken("partner", "partner-worker")
	var first struct {
		Items      []knowledgeDoc `json:"items"`
		NextCursor string         `json:"next_cursor"`
	}
	h.api(apiCall{method: "GET", path: "/api/v1/knowledge-items?limit=1", token: token}).decode(t, &first)
	if len(first.Items) != 1 || first.Items[0].Title != "Toinen jaettu" || first.NextCursor == "" {
		t.Fatalf("the first page: %+v", first)
	}
	second := first
	h.api(apiCall{method: "GET", path: "/api/v1/knowledge-items?limit=1&cursor=" + first.NextCursor, token: token}).decode(t, &second)
	if len(second.Items) != 1 || second.Items[0].Title != "Ensimmäinen jaettu" {
		t.Fatalf("the second page: %+v", second)
	}
	if r := h.api(apiCall{method: "GET", path: "/api/v1/knowledge-items?limit=0", token: token}); !strings.Contains(string(r.body), `"limit"`) ||
		r.status != http.StatusBadRequest {
		t.Fatalf("limit 0: %d %s", r.status, r.body)
	}
	worker := h.login("partner", "partner-worker")
	page := body(t, h.get(worker, "/support/knowledge"))
	mustContain(t, page, "Toinen jaettu", "Ensimmäinen jaettu")
	if strings.Contains(page, `id="knowledge-next"`) {
		t.Error("one page of two items links to a next page")
	}
	page = body(t, h.get(worker, "/support/knowledge?limit=1"))
	mustContain(t, page, "Toinen jaettu", `href="/support/knowledge?before=`+first.NextCursor+`" id="knowledge-next"`)
	if strings.Contains(page, "Ensimmäinen jaettu") {
		t.Error("a page of one shows both")
	}
	mustContain(t, body(t, h.get(worker, "/support/knowledge?before="+first.NextCursor)), "Ensimmäinen jaettu")
}

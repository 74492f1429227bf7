package cases_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// fillQueue files n requests of the partner at once, due one minute after
// another from due, in raw SQL (the domain would take minutes for 1,000).
func (w *supportWorld) fillQueue(t *testing.T, n int, urgency string, due time.Time) {
	t.Helper()
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO support_requests (org_id, hub_id, requester_id, sector, topics, urgency, answer_channel,
			due_at, idempotency_key, created_at) SELECT app_org_id(), app_network_hub_id(), app_user_id(), 'social_work',
			'{permits}', $2, 'written', $3::timestamptz + i * interval '1 minute', gen_random_uuid(), $3::timestamptz - interval '1 day'
			FROM generate_series(1, $1) i`, n, urgency, due)
		return err
	})
}

func TestQueueSaysWhenItLeavesTheLeastUrgentOut(t *testing.T) {
	w := newSupportWorld(t)
	now := helsinki(2026, 3, 2, 10, 0)
	w.fillQueue(t, cases.MaxQueue, cases.UrgencyThisWeek, now.Add(24*time.Hour))
	w.fillQueue(t, 1, cases.UrgencyNoHurry, now.Add(-24*time.Hour)) // overdue, but the least urgent
	w.fillQueue(t, 1, cases.UrgencyToday, now.Add(48*time.Hour))
	var items []cases.QueueItem
	var truncated bool
	w.as(t, w.expert, func(tx *sqlx.Tx) (err error) {
		tax, _ := w.tools(t, tx)
		items, truncated, err = cases.SupportQueue(context.Background(), tx, tax, false, now)
		return err
	})
	if !truncated || len(items) != cases.MaxQueue {
		t.Fatalf("%d items, truncated %v; want %d and true", len(items), truncated, cases.MaxQueue)
	}
	if items[0].Request.Urgency != cases.UrgencyToday || items[len(items)-1].Request.Urgency != cases.UrgencyThisWeek {
		t.Errorf("the queue runs from %s to %s", items[0].Request.Urgency, items[len(items)-1].Request.Urgency)
	}
	w.as(t, w.expert, func(tx *sqlx.Tx) (err error) {
		tax, _ := w.tools(t, tx)
		_, err = tx.Exec(`UPDATE support_requests SET status = 'closed', waiting_since = now() WHERE urgency = 'this_week'
			AND id IN (SELECT id FROM support_requests WHERE urgency = 'this_week' ORDER BY id LIMIT 5)`)
		if err == nil {
			items, truncated, err = cases.SupportQueue(context.Background(), tx, tax, false, now)
		}
		return err
	})
	if truncated || len(items) != cases.MaxQueue-3 {
		t.Errorf("under the bound: %d items, truncated %v", len(items), truncated)
	}
}

func TestKnowledgeListPagesWithACursor(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := helsinki(2026, 3, 2, 10, 0)
	for i, title := range []string{"Kotikunta", "Jatkolupa", "Perheenyhdistäminen"} {
		at := now.Add(time.Duration(i) * time.Hour)
		r := w.file(t, w.worker, question("Kysymys "+title), at)
		w.message(t, w.expert, r.ID, cases.KindAnswer, "Vastaus: "+title, at.Add(time.Minute))
		w.as(t, w.expert, func(tx *sqlx.Tx) error {
			var answer int64
			if err := tx.Get(&answer, `SELECT id FROM support_messages WHERE request_id = $1 AND kind = 'answer'`, r.ID); err != nil {
				return err
			}
			_, guard := w.tools(t, tx)
			_, err := cases.ShareAnswer(ctx, tx, guard, w.expert, r.ID, cases.KnowledgeInput{MessageID: answer, Title: title,
				Answer: "Vastaus: " + title}, at.Add(2*time.Minute))
			return err
		})
	}
	var seen []string
	filter := cases.KnowledgeFilter{Limit: 2}
	for page := 0; page < 3; page++ {
		var items []cases.KnowledgeItem
		w.as(t, w.worker2, func(tx *sqlx.Tx) (err error) {
			items, err = cases.Knowledge(ctx, tx, filter)
			return err
		})
		for _, k := range items {
			seen = append(seen, k.Title)
		}
		next := cases.KnowledgeCursor(items, filter)
		if next == "" {
			break
		}
		filter.BeforeID = mustID(t, next)
	}
	if len(seen) != 3 || seen[0] != "Perheenyhdistäminen" || seen[1] != "Jatkolupa" || seen[2] != "Kotikunta" {
		t.Fatalf("pages gave %v", seen)
	}
}

func mustID(t *testing.T, cursor string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(cursor, 10, 64)
	if err != nil {
		t.Fatalf("cursor %q: %v", cursor, err)
	}
	return id
}

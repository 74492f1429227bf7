package cases_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// The organisation boundary of support requests is PostgreSQL's, not only
// the code's: these tests speak raw SQL as the service role in each
// organisation's scope.

func TestSupportRequestIsVisibleToItsTwoOrganisationsOnly(t *testing.T) {
	w := newSupportWorld(t)
	now := helsinki(2026, 3, 2, 10, 0)
	r := w.file(t, w.worker, question("Miten perheenyhdistämisen hakemus etenee?"), now)
	w.message(t, w.expert, r.ID, cases.KindInternalNote, "Tarkistetaan Migrin käsittelyajat.", now.Add(time.Hour))
	w.message(t, w.expert, r.ID, cases.KindAnswer, "Käsittelyaika on noin yhdeksän kuukautta.", now.Add(2*time.Hour))

	for _, tc := range []struct {
		who                                  cases.SupportActor
		requests, messages, internal, events int
	}{
		{w.worker, 1, 2, 0, 3},    // asked: question and answer, never the internal note
		{w.colleague, 1, 2, 0, 3}, // a colleague of the same municipality sees the same
		{w.expert, 1, 3, 1, 3},    // the hub sees the whole thread
		{w.worker2, 0, 0, 0, 0},   // another partner of the same network sees nothing
		{w.farExpert, 0, 0, 0, 0}, // another network's hub sees nothing
	} {
		got := []int{
			w.count(t, tc.who, `SELECT count(*) FROM support_requests`),
			w.count(t, tc.who, `SELECT count(*) FROM support_messages`),
			w.count(t, tc.who, `SELECT count(*) FROM support_messages WHERE internal`),
			w.count(t, tc.who, `SELECT count(*) FROM support_status_events`),
		}
		want := []int{tc.requests, tc.messages, tc.internal, tc.events}
		for i, what := range []string{"requests", "messages", "internal notes", "status events"} {
			if got[i] != want[i] {
				t.Errorf("%s sees %d %s, want %d", tc.who.Name, got[i], what, want[i])
			}
		}
	}
}

func TestSupportWritesOutsideTheTwoOrganisationsAreRefused(t *testing.T) {
	w := newSupportWorld(t)
	now := helsinki(2026, 3, 2, 10, 0)
	r := w.file(t, w.worker, question("Onko kotoutumisohjelmaan jonoa?"), now)
	refused := []struct {
		name string
		who  cases.SupportActor
		sql  string
		args []any
	}{
		{"the requester writes an internal note", w.worker,
			`INSERT INTO support_messages (org_id, hub_id, request_id, author_id, side, kind, body, internal)
			 VALUES ($1, $2, $3, app_user_id(), 'requester', 'internal_note', 'x', true)`, []any{w.partner, w.hub, r.ID}},
		{"the requester writes the hub's answer", w.worker,
			`INSERT INTO support_messages (org_id, hub_id, request_id, author_id, side, kind, body)
			 VALUES ($1, $2, $3, app_user_id(), 'hub', 'answer', 'x')`, []any{w.partner, w.hub, r.ID}},
		{"another partner adds a follow-up", w.worker2,
			`INSERT INTO support_messages (org_id, hub_id, request_id, author_id, side, kind, body)
			 VALUES ($1, $2, $3, app_user_id(), 'requester', 'follow_up', 'x')`, []any{w.partner, w.hub, r.ID}},
		{"another network's hub answers", w.farExpert,
			`INSERT INTO support_messages (org_id, hub_id, request_id, author_id, side, kind, body)
			 VALUES ($1, $2, $3, app_user_id(), 'hub', 'answer', 'x')`, []any{w.partner, w.hub, r.ID}},
		{"a partner files to another network's hub", w.worker,
			`INSERT INTO support_requests (org_id, hub_id, number, requester_id, sector, topics, urgency, answer_channel,
			 due_at, idempotency_key) VALUES ($1, $2, '2026-9999', app_user_id(), 'other', '{permits}', 'today',
			 'written', now(), gen_random_uuid())`, []any{w.partner, w.far}},
		{"a partner files in another partner's name", w.worker,
			`INSERT INTO support_requests (org_id, hub_id, number, requester_id, sector, topics, urgency, answer_channel,
			 due_at, idempotency_key) VALUES ($1, $2, '2026-9998', app_user_id(), 'other', '{permits}', 'today',
			 'written', now(), gen_random_uuid())`, []any{w.partner2, w.hub}},
		{"a partner makes an expert group", w.worker,
			`INSERT INTO expert_groups (hub_id, name) VALUES ($1, 'Planted')`, []any{w.hub}},
		{"a partner makes an expert group of its own", w.worker,
			`INSERT INTO expert_groups (hub_id, name) VALUES ($1, 'Own')`, []any{w.partner}},
		{"a partner sets the hub's targets", w.worker,
			`INSERT INTO support_targets (hub_id, urgency, amount, unit) VALUES ($1, 'today', 1, 'days')`, []any{w.hub}},
		{"a partner publishes knowledge", w.worker,
			`INSERT INTO knowledge_items (network_id, hub_id, request_id, message_id, topics, sector, title, answer, created_by)
			 SELECT app_network_id(), $1, $2, min(id), '{permits}', 'other', 't', 'a', app_user_id() FROM support_messages`,
			[]any{w.hub, r.ID}},
		{"another partner records a status change", w.worker2,
			`INSERT INTO support_status_events (org_id, hub_id, request_id, by, to_status) VALUES ($1, $2, $3, app_user_id(), 'closed')`,
			[]any{w.partner, w.hub, r.ID}},
	}
	for _, tc := range refused {
		err := w.try(tc.who, func(tx *sqlx.Tx) error { _, err := tx.Exec(tc.sql, tc.args...); return err })
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
		} else if !strings.Contains(err.Error(), "row-level security") && !strings.Contains(err.Error(), "foreign key") {
			t.Errorf("%s: refused for another reason: %v", tc.name, err)
		}
	}
	for _, who := range []cases.SupportActor{w.worker2, w.farExpert} {
		var changed int64
		w.as(t, who, func(tx *sqlx.Tx) error {
			res, err := tx.Exec(`UPDATE support_requests SET status = 'closed' WHERE id = $1`, r.ID)
			if err == nil {
				changed, err = res.RowsAffected()
			}
			return err
		})
		if changed != 0 {
			t.Errorf("%s changed another organisation's request", who.Name)
		}
	}
	if n := w.count(t, w.expert, `SELECT count(*) FROM support_requests WHERE status = 'new'`); n != 1 {
		t.Errorf("the request is no longer new: %d new", n)
	}
}

func TestSupportHubOnlyTablesAndNetworkKnowledge(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := helsinki(2026, 3, 2, 10, 0)
	r := w.file(t, w.worker, question("Miten kotikuntaoikeus määräytyy?"), now)
	w.message(t, w.expert, r.ID, cases.KindAnswer, "Kotikunta määräytyy asumisen perusteella.", now.Add(time.Hour))
	var answerID int64
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		if err := tx.Get(&answerID, `SELECT id FROM support_messages WHERE kind = 'answer'`); err != nil {
			return err
		}
		_, guard := w.tools(t, tx)
		_, err := cases.ShareAnswer(ctx, tx, guard, w.expert, r.ID, cases.KnowledgeInput{MessageID: answerID,
			Title: "Kotikunta", Answer: "Kotikunta määräytyy asumisen perusteella."}, now.Add(2*time.Hour))
		return err
	})
	w.as(t, w.coordinator, func(tx *sqlx.Tx) error {
		tax, _ := w.tools(t, tx)
		hub, _ := cases.GetOrganisation(ctx, tx, w.hub)
		_, err := cases.SaveExpertGroup(ctx, tx, tax, w.coordinator.Roles, hub, 0,
			cases.ExpertGroupInput{Name: "Luvat", Topics: []string{"permits"}, Members: []int64{w.expert.UserID}})
		return err
	})
	w.as(t, w.admin, func(tx *sqlx.Tx) error {
		hub, _ := cases.GetOrganisation(ctx, tx, w.hub)
		_, err := cases.SaveTargets(ctx, tx, cases.Roles{cases.RoleAdmin}, hub, []cases.TargetInput{
			{Urgency: "today", Amount: "2", Unit: "hours", NearShare: "50"}})
		return err
	})
	for _, tc := range []struct {
		who                                 cases.SupportActor
		groups, members, targets, knowledge int
	}{
		{w.expert, 1, 1, 3, 1},
		{w.worker, 0, 0, 3, 1},  // the partner reads the hub's targets (when to expect the answer), not its groups
		{w.worker2, 0, 0, 3, 1}, // the network's knowledge is for every partner
		{w.farExpert, 0, 0, 0, 0},
	} {
		got := []int{
			w.count(t, tc.who, `SELECT count(*) FROM expert_groups`),
			w.count(t, tc.who, `SELECT count(*) FROM expert_group_members`),
			w.count(t, tc.who, `SELECT count(*) FROM support_targets`),
			w.count(t, tc.who, `SELECT count(*) FROM knowledge_items`),
		}
		want := []int{tc.groups, tc.members, tc.targets, tc.knowledge}
		for i, what := range []string{"groups", "members", "targets", "knowledge items"} {
			if got[i] != want[i] {
				t.Errorf("%s sees %d %s, want %d", tc.who.Name, got[i], what, want[i])
			}
		}
	}
	var changed int64
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		res, err := tx.Exec(`UPDATE support_targets SET amount = 99`)
		if err == nil {
			changed, err = res.RowsAffected()
		}
		return err
	})
	if changed != 0 {
		t.Error("a partner changed the hub's targets")
	}
}

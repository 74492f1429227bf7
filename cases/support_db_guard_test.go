package cases_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// The requesting organisation's database session is held to what cases
// lets it do (review M5): these tests speak raw SQL as the service role
// in the partner's scope.

// refusedSQL runs one statement as who and fails unless PostgreSQL
// refuses it for want of privilege (a trigger, a policy or a grant).
func refusedSQL(t *testing.T, w *supportWorld, who cases.SupportActor, name, query string, args ...any) {
	t.Helper()
	err := w.try(who, func(tx *sqlx.Tx) error {
		res, err := tx.Exec(query, args...)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return errors.New("no row changed")
			}
		}
		return err
	})
	var pqErr *pq.Error
	if err == nil {
		t.Errorf("%s: accepted", name)
	} else if !errors.As(err, &pqErr) || pqErr.Code != "42501" {
		t.Errorf("%s: refused for another reason: %v", name, err)
	}
}

func TestPartnerSessionMayNotRewriteTheHubsSideOfARequest(t *testing.T) {
	w := newSupportWorld(t)
	now := helsinki(2026, 3, 2, 10, 0)
	open := w.file(t, w.worker, question("Avoin kysymys"), now)
	answered := w.file(t, w.worker, question("Vastattu kysymys"), now)
	w.message(t, w.expert, answered.ID, cases.KindAnswer, "Vastaus.", now.Add(time.Hour))
	var before cases.SupportRequest
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		return tx.Get(&before, `SELECT status, due_at, number, assigned_to, first_response_at, paused_seconds FROM support_requests WHERE id = $1`, answered.ID)
	})
	for _, tc := range []struct{ name, set string }{
		{"answers its own request", `status = 'answered'`},
		{"assigns its own request", `status = 'assigned', assigned_to = requester_id`},
		{"names an assignee", `assigned_name = 'Aino Expert'`},
		{"picks an expert group", `assigned_group_id = 1`},
		{"sets the first response", `first_response_at = now(), first_response_seconds = 60`},
		{"resolves it", `resolved_at = now(), resolution_seconds = 60`},
		{"marks it answered in target", `answered_in_target = true`},
		{"brings the due time forward", `due_at = due_at - interval '1 day'`},
		{"renumbers it", `number = '2026-9999'`},
		{"moves it to another organisation", `org_id = hub_id`},
		{"changes the urgency", `urgency = 'today'`},
		{"rewrites what was shared", `consent_shared = true, consent_what = 'x', consent_basis = 'oral'`},
		{"counts expert time", `expert_minutes = 500`},
		{"marks the reminders", `near_notified_at = now(), overdue_notified_at = now()`},
		{"stops the clock without closing", `waiting_since = now()`},
		{"rates an unanswered request", `rating = 1, rated_at = now()`},
	} {
		refusedSQL(t, w, w.worker, tc.name+" (open)", `UPDATE support_requests SET `+tc.set+` WHERE id = $1`, open.ID)
	}
	for _, tc := range []struct{ name, set string }{
		{"moves the answer's time", `resolved_at = resolved_at - interval '1 hour'`},
		{"inflates the pauses", `paused_seconds = paused_seconds + 100000000, waiting_since = NULL`},
		{"pauses without resuming", `paused_seconds = paused_seconds + 60`},
		{"withdraws the answer", `status = 'assigned', resolved_at = NULL, resolution_seconds = NULL, assigned_to = NULL`},
		{"unassigns it", `assigned_to = NULL`},
	} {
		refusedSQL(t, w, w.worker, tc.name+" (answered)", `UPDATE support_requests SET `+tc.set+` WHERE id = $1`, answered.ID)
	}
	var after cases.SupportRequest
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		return tx.Get(&after, `SELECT status, due_at, number, assigned_to, first_response_at, paused_seconds FROM support_requests WHERE id = $1`, answered.ID)
	})
	if after.Status != cases.StatusAnswered || !after.DueAt.Equal(before.DueAt) || after.Number != before.Number ||
		*after.AssignedTo != *before.AssignedTo || after.PausedSeconds != before.PausedSeconds {
		t.Errorf("the answered request changed: %+v, was %+v", after, before)
	}
	// What the app lets the partner do still passes the database.
	w.message(t, w.worker, answered.ID, cases.KindFollowUp, "Vielä tarkennus.", now.Add(2*time.Hour))
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_requests WHERE id = $1 AND status = 'assigned'
		AND resolved_at IS NULL AND waiting_since IS NULL`, answered.ID); n != 1 {
		t.Error("the follow-up did not reopen the request")
	}
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`UPDATE support_requests SET status = 'closed', waiting_since = now() WHERE id = $1`, open.ID)
		return err
	})
}

func TestStatusEventsAndMessagesAreWrittenInTheSessionUsersNameOnly(t *testing.T) {
	w := newSupportWorld(t)
	r := w.file(t, w.worker, question("Kenen nimissä?"), helsinki(2026, 3, 2, 10, 0))
	refusedSQL(t, w, w.worker, "the requester records a change as its colleague",
		`INSERT INTO support_status_events (org_id, hub_id, request_id, by, to_status) VALUES ($1, $2, $3, $4, 'closed')`,
		w.partner, w.hub, r.ID, w.colleague.UserID)
	refusedSQL(t, w, w.expert, "an expert records a change as the coordinator",
		`INSERT INTO support_status_events (org_id, hub_id, request_id, by, to_status) VALUES ($1, $2, $3, $4, 'assigned')`,
		w.partner, w.hub, r.ID, w.coordinator.UserID)
	refusedSQL(t, w, w.worker, "the requester writes as its colleague",
		`INSERT INTO support_messages (org_id, hub_id, request_id, author_id, side, kind, body) VALUES ($1, $2, $3, $4, 'requester', 'follow_up', 'x')`,
		w.partner, w.hub, r.ID, w.colleague.UserID)
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO support_status_events (org_id, hub_id, request_id, by, to_status)
			VALUES ($1, $2, $3, app_user_id(), 'closed')`, w.partner, w.hub, r.ID)
		return err
	})
}

func TestRequestNumbersAreDrawnByTheDatabaseOnly(t *testing.T) {
	w := newSupportWorld(t)
	first := w.file(t, w.worker, question("Ensimmäinen"), helsinki(2026, 3, 2, 10, 0))
	for _, tc := range []struct{ name, sql string }{
		{"resets the counter", `UPDATE support_numbers SET last = 0`},
		{"plants a counter", `INSERT INTO support_numbers (hub_id, year, last) VALUES (app_network_hub_id(), 2030, 41)`},
		{"reads the counters", `SELECT 1 FROM support_numbers`},
	} {
		refusedSQL(t, w, w.worker, tc.name, tc.sql)
	}
	var number string
	w.as(t, w.worker, func(tx *sqlx.Tx) error {
		return tx.Get(&number, `INSERT INTO support_requests (org_id, hub_id, number, requester_id, sector, topics, urgency,
			answer_channel, due_at, idempotency_key, created_at) VALUES (app_org_id(), app_network_hub_id(), '2026-9999',
			app_user_id(), 'other', '{permits}', 'today', 'written', now(), gen_random_uuid(), '2026-03-03 12:00+02') RETURNING number`)
	})
	if first.Number != "2026-0001" || number != "2026-0002" {
		t.Fatalf("numbers %s and %s, want 2026-0001 and 2026-0002 whatever the insert said", first.Number, number)
	}
}

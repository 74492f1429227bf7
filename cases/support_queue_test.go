package cases_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func TestQueueSortsByUrgencyThenTimeLeftAndMarksTargets(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	file := func(urgency, text string, at time.Time) cases.SupportRequest {
		in := question(text)
		in.Urgency = urgency
		return w.file(t, w.worker, in, at)
	}
	// Tuesday 3 March 2026, 13:00.
	now := helsinki(2026, 3, 3, 13, 0)
	weekOld := file(cases.UrgencyThisWeek, "week, filed Friday", helsinki(2026, 2, 27, 9, 0)) // due Wed 09:00: 4 h left
	weekNew := file(cases.UrgencyThisWeek, "week, filed today", helsinki(2026, 3, 3, 8, 0))   // 19 h left
	todayLate := file(cases.UrgencyToday, "today, overdue", helsinki(2026, 3, 3, 8, 0))       // due 12:00: 1 h late
	todayNear := file(cases.UrgencyToday, "today, near", helsinki(2026, 3, 3, 9, 30))         // due 13:30: 30 min left
	todayFresh := file(cases.UrgencyToday, "today, fresh", helsinki(2026, 3, 3, 12, 30))      // 3.5 h left
	noHurry := file(cases.UrgencyNoHurry, "no hurry", helsinki(2026, 3, 3, 8, 0))             // 10 days
	answered := file(cases.UrgencyToday, "answered", helsinki(2026, 3, 3, 8, 0))              // not in the queue
	w.message(t, w.expert, answered.ID, cases.KindAnswer, "Vastaus", helsinki(2026, 3, 3, 9, 0))
	var items []cases.QueueItem
	w.as(t, w.expert, func(tx *sqlx.Tx) (err error) {
		tax, _ := w.tools(t, tx)
		items, _, err = cases.SupportQueue(ctx, tx, tax, false, now)
		return err
	})
	var order []int64
	for _, it := range items {
		order = append(order, it.Request.ID)
	}
	want := []int64{todayLate.ID, todayNear.ID, todayFresh.ID, weekOld.ID, weekNew.ID, noHurry.ID}
	if !slices.Equal(order, want) {
		t.Fatalf("queue order %v, want %v", order, want)
	}
	marks := map[int64][2]bool{}
	for _, it := range items {
		marks[it.Request.ID] = [2]bool{it.Standing.Near, it.Standing.Overdue}
	}
	for id, want := range map[int64][2]bool{todayLate.ID: {false, true}, todayNear.ID: {true, false},
		todayFresh.ID: {false, false}, weekOld.ID: {true, false}, weekNew.ID: {false, false}} {
		if marks[id] != want {
			t.Errorf("request %d: near, overdue = %v, want %v", id, marks[id], want)
		}
	}
	if items[0].Standing.Minutes() != -60 || items[1].Standing.Minutes() != 30 {
		t.Errorf("time left %d and %d min, want -60 and 30", items[0].Standing.Minutes(), items[1].Standing.Minutes())
	}
	if err := w.try(w.worker, func(tx *sqlx.Tx) error {
		tax, _ := w.tools(t, tx)
		items, _, err := cases.SupportQueue(ctx, tx, tax, false, now)
		if err == nil && len(items) != 0 {
			return errors.New("the partner has a queue")
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func TestAClarificationStopsTheQueueClock(t *testing.T) {
	w := newSupportWorld(t)
	in := question("Odottava")
	in.Urgency = cases.UrgencyToday
	r := w.file(t, w.worker, in, helsinki(2026, 3, 3, 8, 0))
	w.message(t, w.expert, r.ID, cases.KindClarification, "Kerrotko lisää?", helsinki(2026, 3, 3, 9, 0))
	var items []cases.QueueItem
	w.as(t, w.expert, func(tx *sqlx.Tx) (err error) {
		tax, _ := w.tools(t, tx)
		items, _, err = cases.SupportQueue(context.Background(), tx, tax, false, helsinki(2026, 3, 4, 15, 0))
		return err
	})
	if len(items) != 1 || items[0].Standing.Running || items[0].Standing.Overdue || items[0].Standing.Minutes() != 180 {
		t.Fatalf("a waiting request the next afternoon: %+v", items[0].Standing)
	}
}

func TestTargetsAreTheHubAdminsAndCountForNewRequests(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	save := func(who cases.SupportActor, org int64, in []cases.TargetInput) error {
		return w.try(who, func(tx *sqlx.Tx) error {
			o, err := cases.GetOrganisation(ctx, tx, org)
			if err != nil {
				return err
			}
			_, err = cases.SaveTargets(ctx, tx, who.Roles, o, in)
			return err
		})
	}
	bad := []cases.TargetInput{{Urgency: "today", Amount: "0", Unit: "hours", NearShare: "75"},
		{Urgency: "this_week", Amount: "2", Unit: "weeks", NearShare: "75"}, {Urgency: "no_hurry", Amount: "251", Unit: "days", NearShare: "99"}}
	err := save(w.admin, w.hub, bad)
	for field, key := range map[string]string{"today_amount": "error.target", "this_week_unit": "error.choose",
		"no_hurry_amount": "error.target", "no_hurry_near": "error.near_share"} {
		if !isField(err, field, key) {
			t.Errorf("%s: want %s in %v", field, key, err)
		}
	}
	if err := save(w.worker, w.partner, []cases.TargetInput{{Urgency: "today", Amount: "1", Unit: "hours", NearShare: "50"}}); !errors.Is(err, cases.ErrForbidden) {
		t.Errorf("a partner sets targets: %v", err)
	}
	if err := save(w.admin, w.hub, []cases.TargetInput{{Urgency: "today", Amount: "2", Unit: "days", NearShare: "50"}}); err != nil {
		t.Fatal(err)
	}
	in := question("Uusi tavoite")
	in.Urgency = cases.UrgencyToday
	r := w.file(t, w.worker, in, helsinki(2026, 3, 2, 10, 0))
	if !r.DueAt.Equal(helsinki(2026, 3, 4, 10, 0)) {
		t.Fatalf("with a 2-day target the request is due %s", r.DueAt.In(cases.Finland))
	}
}

func TestSharedAnswersReachTheNetworkWithoutIdentifiers(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := helsinki(2026, 3, 2, 10, 0)
	in := question("Perheen isä (puh. 040 123 4567) kysyy perheenyhdistämisestä.")
	in.Topics = []string{"family_reunification"}
	in.ConsentShared, in.ConsentWhat, in.ConsentBasis = true, "Puhelinnumero", "oral"
	r := w.file(t, w.worker, in, now)
	w.message(t, w.expert, r.ID, cases.KindAnswer, "Hakemus tehdään Enter Finland -palvelussa.", now.Add(time.Hour))
	var answerID int64
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		return tx.Get(&answerID, `SELECT id FROM support_messages WHERE kind = 'answer'`)
	})
	share := func(title, answer string) error {
		return w.try(w.expert, func(tx *sqlx.Tx) error {
			_, guard := w.tools(t, tx)
			_, err := cases.ShareAnswer(ctx, tx, guard, w.expert, r.ID, cases.KnowledgeInput{MessageID: answerID, Title: title, Answer: answer}, now)
			return err
		})
	}
	if err := share("Perheenyhdistäminen", "Soita isälle numeroon 040 123 4567."); !isField(err, "answer", "error.contact_details") {
		t.Fatalf("sharing a phone number with the network (the request's consent does not reach it): %v", err)
	}
	if err := share("Perheenyhdistäminen", "Hakemus tehdään Enter Finland -palvelussa."); err != nil {
		t.Fatal(err)
	}
	var found, byWord, none []cases.KnowledgeItem
	w.as(t, w.worker2, func(tx *sqlx.Tx) (err error) {
		if found, err = cases.Knowledge(ctx, tx, cases.KnowledgeFilter{Topic: "permits"}); err != nil {
			return err
		}
		if byWord, err = cases.Knowledge(ctx, tx, cases.KnowledgeFilter{Query: "enter FINLAND"}); err != nil {
			return err
		}
		none, err = cases.Knowledge(ctx, tx, cases.KnowledgeFilter{Query: "isä"})
		return err
	})
	if len(found) != 1 || len(byWord) != 1 || len(none) != 0 || found[0].Title != "Perheenyhdistäminen" {
		t.Fatalf("another partner finds %d by the parent topic, %d by words, %d by a word of the question only", len(found), len(byWord), len(none))
	}
	if n := w.count(t, w.farExpert, `SELECT count(*) FROM knowledge_items`); n != 0 {
		t.Fatalf("another network sees %d shared answers", n)
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM support_messages WHERE shareable`); n != 1 {
		t.Fatalf("the answer is not marked shareable: %d", n)
	}
}

func TestTargetCheckRemindsOnceNearAndPastTheTarget(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	in := question("Kiireellinen")
	in.Urgency = cases.UrgencyToday
	near := w.file(t, w.worker, in, helsinki(2026, 3, 3, 9, 30)) // due 13:30
	late := w.file(t, w.worker, in, helsinki(2026, 3, 3, 8, 0))  // due 12:00
	waiting := w.file(t, w.worker, in, helsinki(2026, 3, 3, 8, 0))
	w.take(t, w.expert, near.ID, helsinki(2026, 3, 3, 9, 40))
	w.take(t, w.expert2, late.ID, helsinki(2026, 3, 3, 9, 40))
	w.message(t, w.expert, waiting.ID, cases.KindClarification, "Tarkennus?", helsinki(2026, 3, 3, 9, 0))
	check := func(at time.Time) (int, *notices) {
		sent := &notices{}
		var told int
		w.d.InScope(t, cases.Scope{OrgID: w.hub}, func(tx *sqlx.Tx) (err error) {
			told, err = cases.CheckSupportTargets(ctx, tx, sent, at)
			return err
		})
		return told, sent
	}
	told, sent := check(helsinki(2026, 3, 3, 13, 0))
	if told != 2 || len(sent.sent) != 2 {
		t.Fatalf("at 13:00: %d told, %+v", told, sent.sent)
	}
	for _, n := range sent.sent {
		switch n.RequestID {
		case near.ID:
			if n.Kind != cases.NoticeNear || !slices.Equal(n.UserIDs, []int64{w.expert.UserID}) {
				t.Errorf("near: %+v", n)
			}
		case late.ID:
			if n.Kind != cases.NoticeOverdue || !slices.Equal(n.UserIDs, []int64{w.coordinator.UserID, w.expert2.UserID}) {
				t.Errorf("overdue: %+v", n)
			}
		default:
			t.Errorf("the waiting request was reminded about: %+v", n)
		}
	}
	if told, _ := check(helsinki(2026, 3, 3, 13, 5)); told != 0 {
		t.Fatalf("a rerun told %d again", told)
	}
	if told, sent := check(helsinki(2026, 3, 3, 14, 0)); told != 1 || sent.last().Kind != cases.NoticeOverdue || sent.last().RequestID != near.ID {
		t.Fatalf("the near one past its target: %d %+v", told, sent.sent)
	}
}

package cases_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// notices records what would be sent.
type notices struct{ sent []cases.SupportNotice }

func (n *notices) NotifySupport(_ context.Context, _ sqlx.ExtContext, notice cases.SupportNotice) error {
	n.sent = append(n.sent, notice)
	return nil
}

func (n *notices) last() cases.SupportNotice {
	if len(n.sent) == 0 {
		return cases.SupportNotice{}
	}
	return n.sent[len(n.sent)-1]
}

func (w *supportWorld) stored(t *testing.T, id int64) cases.SupportRequest {
	t.Helper()
	return w.read(t, w.expert, id).Request
}

func (w *supportWorld) take(t *testing.T, who cases.SupportActor, id int64, now time.Time) error {
	return w.try(who, func(tx *sqlx.Tx) error {
		_, err := cases.TakeSupportRequest(context.Background(), tx, nil, who, id, now)
		return err
	})
}

func hours(n float64) int { return int(n * 3600) }

// TestStatusMachineCountsWorkingTimeWithPauses walks one request through
// every status and checks the stored times against the working calendar:
// 08:00–16:00, the clock stopped while the hub waits for the requester.
func TestStatusMachineCountsWorkingTimeWithPauses(t *testing.T) {
	w := newSupportWorld(t)
	in := question("Miten toimeentulotuki lasketaan?")
	in.Urgency = cases.UrgencyToday
	monday := func(h, m int) time.Time { return helsinki(2026, 3, 2, h, m) }
	r := w.file(t, w.worker, in, monday(10, 0))
	if !r.DueAt.Equal(monday(14, 0)) || r.Status != cases.StatusNew {
		t.Fatalf("filed: %s due %s", r.Status, r.DueAt)
	}
	if err := w.take(t, w.expert, r.ID, monday(10, 30)); err != nil {
		t.Fatal(err)
	}
	w.message(t, w.expert, r.ID, cases.KindClarification, "Onko perheellä muita tuloja?", monday(11, 0))
	s := w.stored(t, r.ID)
	if s.FirstResponseSeconds == nil || *s.FirstResponseSeconds != hours(1) || s.WaitingSince == nil || s.Status != cases.StatusAssigned {
		t.Fatalf("after the clarification: first response %v s, waiting %v, %s", s.FirstResponseSeconds, s.WaitingSince, s.Status)
	}
	// Tuesday 09:00 the requester answers: 11–16 and 08–09 were waited
	// (6 h); the 3 h left at 11:00 now run from 09:00.
	w.message(t, w.worker, r.ID, cases.KindFollowUp, "Ei muita tuloja.", helsinki(2026, 3, 3, 9, 0))
	s = w.stored(t, r.ID)
	if s.PausedSeconds != hours(6) || !s.DueAt.Equal(helsinki(2026, 3, 3, 12, 0)) || s.WaitingSince != nil {
		t.Fatalf("after the follow-up: paused %d s, due %s, waiting %v", s.PausedSeconds, s.DueAt.In(cases.Finland), s.WaitingSince)
	}
	w.message(t, w.expert, r.ID, cases.KindAnswer, "Tuki lasketaan perheen tulojen mukaan.", helsinki(2026, 3, 3, 11, 0))
	s = w.stored(t, r.ID)
	// Monday 10–16 and Tuesday 8–11 are 9 working hours, 6 of them waited.
	if s.Status != cases.StatusAnswered || s.ResolutionSeconds == nil || *s.ResolutionSeconds != hours(3) ||
		s.AnsweredInTarget == nil || !*s.AnsweredInTarget {
		t.Fatalf("answered: %s, resolution %v s, in target %v", s.Status, s.ResolutionSeconds, s.AnsweredInTarget)
	}
	rate(t, w, w.worker, r.ID, 4, "", helsinki(2026, 3, 3, 12, 0))
	if s = w.stored(t, r.ID); s.Status != cases.StatusClosed || s.Rating == nil || *s.Rating != 4 {
		t.Fatalf("rated: %s %v", s.Status, s.Rating)
	}
	// A follow-up on Wednesday reopens it with a new target; the time it
	// lay answered and closed is not the hub's.
	w.message(t, w.colleague, r.ID, cases.KindFollowUp, "Entä jos tulot muuttuvat?", helsinki(2026, 3, 4, 10, 0))
	s = w.stored(t, r.ID)
	if s.Status != cases.StatusAssigned || s.ResolvedAt != nil || !s.DueAt.Equal(helsinki(2026, 3, 4, 14, 0)) ||
		s.PausedSeconds != hours(6+7) {
		t.Fatalf("reopened: %s, resolved %v, due %s, paused %d s", s.Status, s.ResolvedAt, s.DueAt.In(cases.Finland), s.PausedSeconds)
	}
	w.message(t, w.expert, r.ID, cases.KindCall, "Soitin ja kävimme läpi muutokset.", helsinki(2026, 3, 4, 13, 0))
	s = w.stored(t, r.ID)
	if *s.ResolutionSeconds != hours(6+8+5-13) || *s.FirstResponseSeconds != hours(1) || !*s.AnsweredInTarget {
		t.Fatalf("second answer: resolution %d s, first response %d s", *s.ResolutionSeconds, *s.FirstResponseSeconds)
	}
	var steps []string
	for _, e := range w.read(t, w.worker, r.ID).Events {
		from := "-"
		if e.From != nil {
			from = *e.From
		}
		steps = append(steps, from+">"+e.To+" by "+e.ByName)
	}
	want := []string{"->new by Pia Worker", "new>assigned by Aino Expert", "assigned>answered by Aino Expert",
		"answered>closed by Pia Worker", "closed>assigned by Petra Colleague", "assigned>answered by Aino Expert"}
	if !slices.Equal(steps, want) {
		t.Fatalf("history:\n%s\nwant:\n%s", strings.Join(steps, "\n"), strings.Join(want, "\n"))
	}
}

func rate(t *testing.T, w *supportWorld, who cases.SupportActor, id int64, stars int, comment string, now time.Time) {
	t.Helper()
	w.as(t, who, func(tx *sqlx.Tx) error {
		_, guard := w.tools(t, tx)
		_, err := cases.RateSupportRequest(context.Background(), tx, guard, who, id, cases.RatingInput{Rating: stars, Comment: comment}, now)
		return err
	})
}

func TestLateAnswerIsOutsideTargetAndAWaitAfterTheTargetKeepsItLate(t *testing.T) {
	w := newSupportWorld(t)
	in := question("Kiireellinen kysymys")
	in.Urgency = cases.UrgencyToday
	r := w.file(t, w.worker, in, helsinki(2026, 3, 2, 10, 0)) // due 14:00
	w.message(t, w.expert, r.ID, cases.KindClarification, "Tarkennatko?", helsinki(2026, 3, 2, 15, 0))
	w.message(t, w.worker, r.ID, cases.KindFollowUp, "Tarkennus.", helsinki(2026, 3, 3, 9, 0))
	if s := w.stored(t, r.ID); !s.DueAt.Equal(helsinki(2026, 3, 2, 14, 0)) {
		t.Fatalf("a wait that began after the target moved it to %s", s.DueAt.In(cases.Finland))
	}
	w.message(t, w.expert, r.ID, cases.KindAnswer, "Vastaus.", helsinki(2026, 3, 3, 10, 0))
	if s := w.stored(t, r.ID); s.AnsweredInTarget == nil || *s.AnsweredInTarget {
		t.Fatalf("a late answer counted as in target: %v", s.AnsweredInTarget)
	}
}

func TestTakingAssigningAndReassigning(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := helsinki(2026, 3, 2, 10, 0)
	r := w.file(t, w.worker, question("Kuka vastaa?"), now)
	var groupID int64
	w.as(t, w.coordinator, func(tx *sqlx.Tx) (err error) {
		tax, _ := w.tools(t, tx)
		hub, _ := cases.GetOrganisation(ctx, tx, w.hub)
		groupID, err = cases.SaveExpertGroup(ctx, tx, tax, w.coordinator.Roles, hub, 0,
			cases.ExpertGroupInput{Name: "Luvat", Topics: []string{"permits"}, Members: []int64{w.expert.UserID, w.expert2.UserID}})
		return err
	})
	sent := &notices{}
	assign := func(who cases.SupportActor, a cases.Assignment) error {
		return w.try(who, func(tx *sqlx.Tx) error {
			_, err := cases.AssignSupportRequest(ctx, tx, sent, who, r.ID, a, now)
			return err
		})
	}
	if err := assign(w.coordinator, cases.Assignment{GroupID: groupID}); err != nil {
		t.Fatal(err)
	}
	if n := sent.last(); n.Kind != cases.NoticeAssigned || !slices.Equal(n.UserIDs, []int64{w.expert.UserID, w.expert2.UserID}) ||
		n.OrgID != w.hub || n.Number != r.Number {
		t.Fatalf("group assignment notified %+v", n)
	}
	if err := w.take(t, w.expert, r.ID, now); err != nil {
		t.Fatalf("a group member takes it: %v", err)
	}
	if err := w.take(t, w.expert2, r.ID, now); !isField(err, "request", "error.support_taken") {
		t.Fatalf("taking another expert's request: %v", err)
	}
	if err := assign(w.coordinator, cases.Assignment{UserID: w.expert2.UserID}); !isField(err, "note", "error.reassign_note") {
		t.Fatalf("reassigning without a note: %v", err)
	}
	if err := assign(w.coordinator, cases.Assignment{UserID: w.worker.UserID, Note: "x"}); !isField(err, "assignee", "error.assignee_unknown") {
		t.Fatalf("assigning to the partner's worker: %v", err)
	}
	if err := assign(w.coordinator, cases.Assignment{UserID: w.expert2.UserID, Note: "Ainolla on loma"}); err != nil {
		t.Fatal(err)
	}
	if n := sent.last(); !slices.Equal(n.UserIDs, []int64{w.expert2.UserID}) {
		t.Fatalf("reassignment notified %v", n.UserIDs)
	}
	if s := w.stored(t, r.ID); s.AssignedTo == nil || *s.AssignedTo != w.expert2.UserID || s.AssignedName != "expert2" {
		t.Fatalf("assigned to %v %q", s.AssignedTo, s.AssignedName)
	}
	hubView, requesterView := w.read(t, w.expert, r.ID), w.read(t, w.worker, r.ID)
	if !hasMessage(hubView, "Ainolla on loma") || hasMessage(requesterView, "Ainolla on loma") {
		t.Fatal("the reassignment note must be the hub's internal note, never the requester's to read")
	}
	for _, who := range []cases.SupportActor{w.worker, w.expert} {
		if err := assign(who, cases.Assignment{UserID: w.expert.UserID, Note: "x"}); !errors.Is(err, cases.ErrForbidden) {
			t.Errorf("%s assigns: %v, want forbidden", who.Name, err)
		}
	}
	if err := assign(w.worker2, cases.Assignment{UserID: w.expert.UserID, Note: "x"}); !errors.Is(err, cases.ErrForbidden) &&
		!errors.Is(err, cases.ErrNotFound) {
		t.Errorf("another partner assigns: %v", err)
	}
}

func hasMessage(th cases.SupportThread, body string) bool {
	return slices.ContainsFunc(th.Messages, func(m cases.SupportMessage) bool { return m.Body == body })
}

func isField(err error, field, key string) bool {
	var v *cases.ValidationError
	return errors.As(err, &v) && v.For(field) == key
}

func TestOtherSidesAndOrganisationsCannotAct(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := helsinki(2026, 3, 2, 10, 0)
	r := w.file(t, w.worker, question("Kysymys"), now)
	act := func(who cases.SupportActor, kind string) error {
		return w.try(who, func(tx *sqlx.Tx) error {
			_, guard := w.tools(t, tx)
			_, _, err := cases.AddSupportMessage(ctx, tx, guard, nil, who, r.ID, cases.MessageInput{Kind: kind, Body: "Viesti"}, now)
			return err
		})
	}
	for _, tc := range []struct {
		who  cases.SupportActor
		kind string
		want error
	}{
		{w.worker, cases.KindAnswer, cases.ErrForbidden},       // the requester cannot answer
		{w.worker, cases.KindInternalNote, cases.ErrForbidden}, // nor write the hub's notes
		{w.expert, cases.KindFollowUp, cases.ErrForbidden},     // the hub does not follow up its own answer
		{w.worker2, cases.KindFollowUp, cases.ErrNotFound},     // another partner does not see it
		{w.farExpert, cases.KindAnswer, cases.ErrNotFound},     // nor another network
		{w.coordinator, cases.KindAnswer, cases.ErrForbidden},  // a coordinator assigns; experts answer
	} {
		if err := act(tc.who, tc.kind); !errors.Is(err, tc.want) {
			t.Errorf("%s writes %s: %v, want %v", tc.who.Name, tc.kind, err, tc.want)
		}
	}
	if err := w.try(w.worker2, func(tx *sqlx.Tx) error {
		_, err := cases.OpenSupportRequest(ctx, tx, w.worker2, r.ID)
		return err
	}); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("another partner reads it: %v", err)
	}
	if n := w.count(t, w.expert, `SELECT count(*) FROM support_messages WHERE request_id = $1`, r.ID); n != 1 {
		t.Fatalf("%d messages after refused writes", n)
	}
}

func TestConsentSharedRequestsAuditEveryRead(t *testing.T) {
	w := newSupportWorld(t)
	in := question("Äiti antoi luvan kertoa tilanteesta: puhelin 040 123 4567.")
	in.ConsentShared, in.ConsentWhat, in.ConsentBasis = true, "Äidin puhelinnumero", "written"
	shared := w.file(t, w.worker, in, helsinki(2026, 3, 2, 10, 0))
	plain := w.file(t, w.worker, question("Yleinen kysymys."), helsinki(2026, 3, 2, 10, 0))
	views := func(who cases.SupportActor, id int64) int {
		return w.count(t, who, `SELECT count(*) FROM audit_events WHERE action = 'support.view' AND record_id = $1`, idText(id))
	}
	w.read(t, w.expert, shared.ID)
	w.read(t, w.expert, shared.ID)
	w.read(t, w.colleague, shared.ID)
	w.read(t, w.expert, plain.ID)
	if got := []int{views(w.expert, shared.ID), views(w.worker, shared.ID), views(w.expert, plain.ID)}; !slices.Equal(got, []int{2, 1, 0}) {
		t.Fatalf("view events hub/partner/plain: %v, want [2 1 0]", got)
	}
	var purpose string
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		return tx.Get(&purpose, `SELECT purpose FROM audit_events WHERE action = 'support.view' LIMIT 1`)
	})
	if purpose != "support" {
		t.Fatalf("purpose %q", purpose)
	}
}

func TestAJointMeetingBooksARemoteConsultationWithTheAsker(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	now := time.Now()
	in := question("Voisimmeko tavata asiakkaan kanssa?")
	in.AnswerChannel = "joint_meeting"
	r := w.file(t, w.worker, in, now)
	staff := cases.Staff{UserID: w.expert.UserID, Name: w.expert.Name, OrgID: w.hub, Hub: true, Roles: w.expert.Roles}
	book := func(id int64, at time.Time) (cases.SupportMessage, error) {
		var m cases.SupportMessage
		err := w.try(w.expert, func(tx *sqlx.Tx) (err error) {
			tax, guard := w.tools(t, tx)
			m, _, err = cases.BookSupportMeeting(ctx, tx, nil, tax, guard, w.expert, staff, id, cases.MeetingInput{
				IdempotencyKey: cases.NewIdempotencyKey(), StartsAt: at, DurationMin: 45, Body: "Tavataan etänä tulkin kanssa.",
				Meeting: cases.Meeting{ServiceLanguage: "fi", InterpreterKind: "video", InterpreterLanguage: "ar"}}, now)
			return err
		})
		return m, err
	}
	if _, err := book(r.ID, time.Time{}); !isField(err, "starts_at", "error.required") {
		t.Fatalf("a meeting without a time: %v", err)
	}
	start := now.Add(72 * time.Hour).Truncate(time.Hour)
	m, err := book(r.ID, start)
	if err != nil || m.ConsultationID == nil || m.Kind != cases.KindMeeting {
		t.Fatalf("booking: %+v %v", m, err)
	}
	var booked struct {
		Partner int64  `db:"partner_org_id"`
		Contact int64  `db:"partner_contact_id"`
		Adviser int64  `db:"adviser_id"`
		Topics  string `db:"topics"`
		Status  string `db:"status"`
	}
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		return tx.Get(&booked, `SELECT partner_org_id, partner_contact_id, adviser_id, array_to_string(topics, ',') AS topics, status
			FROM consultations WHERE id = $1`, *m.ConsultationID)
	})
	if booked.Partner != w.partner || booked.Contact != w.worker.UserID || booked.Adviser != w.expert.UserID ||
		booked.Topics != "permits" || booked.Status != "booked" {
		t.Fatalf("the consultation: %+v", booked)
	}
	if n := w.count(t, w.worker, `SELECT count(*) FROM consultations WHERE partner_contact_id = app_user_id()`); n != 1 {
		t.Fatalf("the asker sees %d consultations as their contact", n)
	}
	if s := w.stored(t, r.ID); s.Status != cases.StatusAnswered {
		t.Fatalf("after the meeting was booked the request is %s", s.Status)
	}
	own := w.file(t, w.expert2, question("Keskuksen oma kysymys"), now)
	if _, err := book(own.ID, start.Add(24*time.Hour)); !isField(err, "partner_org", "error.unknown_record") {
		t.Fatalf("a meeting for the hub's own request: %v", err)
	}
	w.as(t, w.expert, func(tx *sqlx.Tx) error {
		_, guard := w.tools(t, tx)
		_, _, err := cases.AddSupportMessage(ctx, tx, guard, nil, w.expert, r.ID, cases.MessageInput{Kind: cases.KindMeeting, Body: "x"}, now)
		if !isField(err, "kind", "error.meeting_booking") {
			t.Errorf("a meeting message without its booking: %v", err)
		}
		return nil
	})
}

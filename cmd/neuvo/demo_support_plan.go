package main

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/workcal"
)

// demoSupportPlan is one request and what happens to it, in time order.
type demoSupportPlan struct {
	asker, expert string
	in            cases.SupportInput
	q             demoQuestion
	filed         time.Time
	steps         []demoStep
	share         bool
}

// demoStep is one action on the request: take, clarify, follow_up,
// answer, call, rate or close.
type demoStep struct {
	at     time.Time
	do     string
	rating int
}

// demoSupportPlans draws the requests, oldest first. The last few are
// urgent ones past their target that nobody has answered yet.
func demoSupportPlans(r *rand.Rand, now time.Time) []demoSupportPlan {
	cal := cases.SupportCalendar()
	targets := cases.DefaultResponseTargets()
	var filed []time.Time
	for len(filed) < demoSupportRequests {
		day := now.In(cases.Finland).AddDate(0, 0, -2-r.IntN(demoSupportDays))
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			filed = append(filed, time.Date(day.Year(), day.Month(), day.Day(), 8, 15+5*r.IntN(90), 0, 0, cases.Finland))
		}
	}
	slices.SortFunc(filed, time.Time.Compare)
	plans := make([]demoSupportPlan, 0, len(filed)+3)
	shared := map[string]bool{} // each answer is shared once
	for i, at := range filed {
		p := demoSupportPlan{asker: pick(r, demoAskers), expert: pick(r, demoExperts), filed: at, q: demoQuestions[r.IntN(len(demoQuestions))]}
		p.in = p.input(r, i)
		length := cal.Length(targets[p.in.Urgency].Target)
		p.plan(r, cal.Add, length, now)
		p.share = i%3 == 1 && !shared[p.q.title]
		shared[p.q.title] = shared[p.q.title] || p.share
		plans = append(plans, p)
	}
	for i := range 3 { // filed two working days ago as urgent, still unanswered: past the target
		p := demoSupportPlan{asker: demoAskers[i].value, expert: demoExperts[i].value, q: demoQuestions[i],
			filed: workingDaysAgo(now, 2+i)}
		p.in = p.input(r, len(plans))
		p.in.Urgency = cases.UrgencyToday
		if i > 0 {
			p.steps = []demoStep{{at: p.filed.Add(20 * time.Minute), do: "take"}}
		}
		plans = append(plans, p)
	}
	meet := demoSupportPlan{asker: "liperi-worker", expert: "joensuu-adviser2", q: demoQuestions[10], filed: workingDaysAgo(now, 1)}
	meet.in = meet.input(r, len(plans))
	meet.in.AnswerChannel, meet.in.Urgency = "joint_meeting", cases.UrgencyThisWeek
	meet.steps = []demoStep{{at: meet.filed.Add(20 * time.Minute), do: "take"}, {at: meet.filed.Add(time.Hour), do: "meeting"}}
	plans = append(plans, meet)
	for i, urgency := range []string{cases.UrgencyNoHurry, cases.UrgencyThisWeek, cases.UrgencyThisWeek} {
		// filed on the last working day, well within their targets: new,
		// taken, and waiting for the asker's clarification
		p := demoSupportPlan{asker: demoAskers[3-i].value, expert: demoExperts[i].value, q: demoQuestions[5+i],
			filed: workingDaysAgo(now, 1).Add(time.Duration(i) * time.Hour)}
		p.in = p.input(r, len(plans))
		p.in.Urgency = urgency
		for j, do := range []string{"take", "clarify"}[:i] {
			p.steps = append(p.steps, demoStep{at: p.filed.Add(time.Duration(j+1) * 20 * time.Minute), do: do})
		}
		plans = append(plans, p)
	}
	return plans
}

func workingDaysAgo(now time.Time, n int) time.Time {
	day := now.In(cases.Finland)
	for n > 0 {
		day = day.AddDate(0, 0, -1)
		if cases.SupportCalendar().IsWorkingDay(workcal.DateOf(day)) {
			n--
		}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, cases.Finland)
}

func (p demoSupportPlan) input(r *rand.Rand, i int) cases.SupportInput {
	in := cases.SupportInput{IdempotencyKey: cases.NewIdempotencyKey(), Sector: p.q.sector, Topics: p.q.topics,
		Urgency: pick(r, demoUrgencies), AnswerChannel: "written", Question: p.q.question, ConfirmFindings: true,
		Profile: cases.SupportProfile{AgeBand: pick(r, []choice[string]{{"18_29", 3}, {"30_54", 5}, {"unknown", 4}}),
			ResidenceBasis: pick(r, []choice[string]{{"family", 3}, {"work", 2}, {"international_protection", 3}, {"unknown", 4}}),
			ClientLanguage: pick(r, []choice[string]{{"ar", 3}, {"ru", 2}, {"uk", 3}, {"so", 1}, {"unknown", 3}}),
			TimeInFinland:  pick(r, []choice[string]{{"under_1", 2}, {"1_3", 3}, {"3_5", 1}, {"unknown", 4}})}}
	if in.Sector == "" {
		in.Sector = pick(r, demoSectors)
	}
	if p.q.channel == "phone" {
		in.AnswerChannel, in.CallbackPhone = "phone", "013 267 1000"
	}
	if i%11 == 3 {
		in.ConsentShared, in.ConsentWhat, in.ConsentBasis = true, "Asiakkaan perhetilanne ja kielitaito", "oral"
	}
	return in
}

// plan draws what the hub does: taken soon, sometimes a clarification
// first, answered after a share of the target (some late), then often
// rated; a few follow-ups reopen an answer. What would fall after now
// has not happened yet.
func (p *demoSupportPlan) plan(r *rand.Rand, add func(time.Time, time.Duration) time.Time, length time.Duration, now time.Time) {
	at := add(p.filed, time.Duration(10+r.IntN(60))*time.Minute)
	steps := []demoStep{{at: at, do: "take"}}
	if r.IntN(6) == 0 {
		steps = append(steps, demoStep{at: add(at, 10*time.Minute), do: "note"})
	}
	if r.IntN(8) == 0 {
		at = add(at, 30*time.Minute)
		steps = append(steps, demoStep{at: at, do: "clarify"})
		at = add(at, time.Duration(2+r.IntN(10))*time.Hour)
		steps = append(steps, demoStep{at: at, do: "follow_up"})
	}
	answer := "answer"
	if p.in.AnswerChannel == "phone" {
		answer = "call"
	}
	at = add(p.filed, time.Duration(float64(length)*pick(r, demoPace)))
	if at.Before(steps[len(steps)-1].at) {
		at = add(steps[len(steps)-1].at, 20*time.Minute)
	}
	steps = append(steps, demoStep{at: at, do: answer})
	if r.IntN(10) == 0 {
		at = add(at, 6*time.Hour)
		steps = append(steps, demoStep{at: at, do: "follow_up"}, demoStep{at: add(at, 3*time.Hour), do: answer})
		at = add(at, 3*time.Hour)
	}
	switch n := r.IntN(10); {
	case n < 6:
		steps = append(steps, demoStep{at: add(at, 5*time.Hour), do: "rate", rating: pick(r, demoRatings)})
	case n == 6:
		steps = append(steps, demoStep{at: add(at, 2*time.Hour), do: "close"})
	}
	for _, s := range steps {
		if s.at.After(now) {
			break
		}
		p.steps = append(p.steps, s)
	}
}

// run files the request and takes its steps, each in its actor's scope.
func (p demoSupportPlan) run(ctx context.Context, service *sqlx.DB, n cases.SupportNotifier, people map[string]demoPerson) error {
	asker, expert := people[p.asker], people[p.expert]
	var id int64
	if err := asker.as(ctx, service, func(tx *sqlx.Tx) error {
		r, _, err := cases.FileSupportRequest(ctx, tx, asker.tax, asker.guard, asker.who, p.in, p.filed)
		id = r.ID
		return err
	}); err != nil {
		return err
	}
	for _, s := range p.steps {
		who := expert
		if s.do == "follow_up" || s.do == "rate" || s.do == "close" {
			who = asker
		}
		if err := who.as(ctx, service, func(tx *sqlx.Tx) error { return p.step(ctx, tx, n, who, id, s) }); err != nil {
			return err
		}
	}
	return nil
}

func (p demoSupportPlan) step(ctx context.Context, tx *sqlx.Tx, n cases.SupportNotifier, who demoPerson, id int64, s demoStep) error {
	message := func(kind, body string) error {
		m, _, err := cases.AddSupportMessage(ctx, tx, who.guard, n, who.who, id, cases.MessageInput{Kind: kind, Body: body,
			Minutes: 10 + 5*(int(id)%6), ConfirmFindings: true}, s.at)
		if err == nil && p.share && kind == cases.KindAnswer {
			_, err = cases.ShareAnswer(ctx, tx, who.guard, who.who, id, cases.KnowledgeInput{MessageID: m.ID, Title: p.q.title,
				Answer: p.q.answer, ConfirmFindings: true}, s.at)
		}
		return err
	}
	var err error
	switch s.do {
	case "take":
		_, err = cases.TakeSupportRequest(ctx, tx, n, who.who, id, s.at)
	case "clarify":
		err = message(cases.KindClarification, "Tarkennatko vielä, onko asiakkaalla voimassa oleva oleskelulupa?")
	case "follow_up":
		follow := cases.MessageInput{Kind: cases.KindFollowUp, Body: "Kiitos! Vielä tarkennus: lupa on voimassa ensi kevääseen.",
			ConfirmFindings: true}
		_, _, err = cases.AddSupportMessage(ctx, tx, who.guard, n, who.who, id, follow, s.at)
	case "answer":
		err = message(cases.KindAnswer, p.q.answer+" "+demoAnswerNotes[int(id)%len(demoAnswerNotes)])
	case "call":
		err = message(cases.KindCall, "Soitin ja kävimme asian läpi. "+p.q.answer)
	case "note":
		note := cases.MessageInput{Kind: cases.KindInternalNote, Body: "Tarkistan Migrin ohjeen ennen vastausta.", Minutes: 10}
		_, _, err = cases.AddSupportMessage(ctx, tx, who.guard, n, who.who, id, note, s.at)
	case "meeting":
		err = p.meet(ctx, tx, who, id, s.at)
	case "rate":
		_, err = cases.RateSupportRequest(ctx, tx, who.guard, who.who, id, cases.RatingInput{Rating: s.rating}, s.at)
	case "close":
		_, err = cases.CloseSupportRequest(ctx, tx, who.who, id, s.at)
	}
	return err
}

// meet books a joint meeting with the asker and the family at 15:00 on
// one of the next working days on which the expert's calendar is free.
func (p demoSupportPlan) meet(ctx context.Context, tx *sqlx.Tx, who demoPerson, id int64, at time.Time) error {
	staff := cases.Staff{UserID: who.who.UserID, Name: who.who.Name, OrgID: who.who.OrgID, Hub: true, Roles: who.who.Roles}
	day := at.In(cases.Finland)
	for tries := 0; tries < 10; tries++ {
		day = day.AddDate(0, 0, 1)
		if !cases.SupportCalendar().IsWorkingDay(workcal.DateOf(day)) || day.Before(time.Now().AddDate(0, 0, 1)) {
			continue
		}
		_, err := tx.ExecContext(ctx, `SAVEPOINT meeting`)
		if err == nil {
			_, _, err = cases.BookSupportMeeting(ctx, tx, nil, who.tax, who.guard, who.who, staff, id, cases.MeetingInput{
				StartsAt: time.Date(day.Year(), day.Month(), day.Day(), 15, 0, 0, 0, cases.Finland), DurationMin: 45,
				Body: "Ehdotan yhteistapaamista perheen ja tulkin kanssa.", ConfirmFindings: true,
				Meeting: cases.Meeting{ServiceLanguage: "fi", InterpreterKind: "video", InterpreterLanguage: "ar"}}, at)
		}
		if !errors.Is(err, cases.ErrConflict) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT meeting`); err != nil {
			return err
		}
	}
	return nil // the expert's next fortnight is full: the demo goes without this meeting
}

package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// bookAndFollow books about three slots in four, a few days before
// they start, and plays out the past ones.
func (s *demoConsultations) bookAndFollow(ctx context.Context, slot cases.Slot) error {
	if s.r.IntN(4) == 0 {
		return nil
	}
	pick := pick(s.r, demoPartnerWorkers)
	worker := s.staff[pick[1]]
	bookedAt := slot.StartsAt.AddDate(0, 0, -2-s.r.IntN(8))
	if bookedAt.Before(s.published) {
		bookedAt = s.published.Add(time.Hour)
	}
	if bookedAt.After(s.now) {
		bookedAt = s.now
	}
	var c cases.Consultation
	err := s.as(ctx, worker, func(tx *sqlx.Tx, tax *cases.Taxonomy) (err error) {
		c, _, err = cases.Book(ctx, tx, s.told(slot.StartsAt), tax, worker, s.bookingOf(slot), bookedAt)
		return err
	})
	if err != nil {
		return err
	}
	s.booked++
	switch outcome := demoConsultationEnds[s.booked%len(demoConsultationEnds)]; {
	case slot.StartsAt.After(s.now) && outcome == cases.StatusCancelled:
		return s.cancel(ctx, worker, c, s.now)
	case slot.StartsAt.After(s.now):
		return nil
	case outcome == cases.StatusCancelled:
		return s.cancel(ctx, worker, c, slot.StartsAt.AddDate(0, 0, -1))
	case outcome == cases.StatusNoShow:
		return s.noShow(ctx, c, slot.StartsAt.Add(20*time.Minute))
	}
	return s.hold(ctx, c, slot.StartsAt.Add(50*time.Minute))
}

// bookingOf is a partner's booking: the slot's language, or an
// interpreter for a resident whose language the adviser does not speak.
func (s *demoConsultations) bookingOf(slot cases.Slot) cases.BookingInput {
	in := cases.BookingInput{SlotID: slot.ID, Note: oneOf(s.r, demoNotes), Meeting: cases.Meeting{
		ServiceLanguage: oneOf(s.r, slot.ServiceLanguages), InterpreterKind: "none",
		Topics: []string{oneOf(s.r, demoConsultationTopics)}}}
	if s.r.IntN(3) == 0 {
		in.Topics = append(in.Topics, oneOf(s.r, demoConsultationTopics))
	}
	if in.ServiceLanguage == "fi" && s.r.IntN(2) == 0 {
		in.InterpreterKind, in.InterpreterLanguage = pick(s.r, demoConsultationInterpreters), oneOf(s.r, demoInterpretedLanguages)
		in.InterpreterRef = fmt.Sprintf("TULKKI-%04d", s.r.IntN(10000))
	}
	if s.r.IntN(5) > 0 {
		in.MeetingLink = fmt.Sprintf("https://teams.microsoft.com/l/meetup-join/19%%3ameeting_demo%d%%40thread.v2/0", slot.ID)
	}
	return in
}

func (s *demoConsultations) cancel(ctx context.Context, who cases.Staff, c cases.Consultation, at time.Time) error {
	return s.as(ctx, who, func(tx *sqlx.Tx, _ *cases.Taxonomy) error {
		_, err := cases.CancelConsultation(ctx, tx, s.told(c.StartsAt), who, c.ID, cases.Cancellation{Reason: oneOf(s.r, demoCancelReasons)}, at)
		return err
	})
}

func (s *demoConsultations) noShow(ctx context.Context, c cases.Consultation, at time.Time) error {
	adviser := s.adviserOf(c)
	return s.as(ctx, adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) error {
		_, err := cases.MarkNoShow(ctx, tx, adviser, c.ID, at)
		return err
	})
}

// hold records the consultation's contact from its draft, as the adviser
// would after the meeting, with an outcome.
func (s *demoConsultations) hold(ctx context.Context, c cases.Consultation, at time.Time) error {
	adviser := s.adviserOf(c)
	return s.as(ctx, adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) error {
		draft, _, _, err := cases.ConsultationDraft(ctx, tx, adviser, c.ID, at)
		if err != nil {
			return err
		}
		draft.Outcome = oneOf(s.r, []string{"resolved", "resolved", "referred", "unresolved"})
		_, _, err = cases.HoldConsultation(ctx, tx, tax, adviser, c.ID, draft, at)
		return err
	})
}

func (s *demoConsultations) adviserOf(c cases.Consultation) cases.Staff {
	for _, who := range s.staff {
		if who.Hub && who.UserID == c.AdviserID {
			return who
		}
	}
	return s.staff["joensuu-adviser"]
}

// moveOne moves the first upcoming booking to a free later slot of the
// other adviser, as the hub does when an adviser falls ill.
func (s *demoConsultations) moveOne(ctx context.Context) error {
	adviser := s.staff["joensuu-adviser"]
	return s.as(ctx, adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) error {
		upcoming, err := cases.ListConsultations(ctx, tx, adviser, cases.ConsultationFilter{From: s.now, Status: cases.StatusBooked,
			AdviserID: adviser.UserID})
		if err != nil || len(upcoming) == 0 {
			return err
		}
		free, err := cases.ListSlots(ctx, tx, adviser, cases.SlotFilter{FreeOnly: true, From: upcoming[0].StartsAt}, s.now)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(free, func(slot cases.Slot) bool {
			return slot.AdviserID != adviser.UserID && slices.Contains(slot.ServiceLanguages, upcoming[0].ServiceLanguage)
		})
		if i < 0 {
			return nil
		}
		_, err = cases.RescheduleConsultation(ctx, tx, s.jobs, adviser, upcoming[0].ID, cases.Reschedule{SlotID: free[i].ID}, s.now)
		return err
	})
}

// forClients books two ad-hoc Friday times for clients of the hub who
// have an e-mail address: last week's was held, next week's invites the
// client, whose invitation is in the mail catcher.
func (s *demoConsultations) forClients(ctx context.Context) error {
	adviser := s.staff["joensuu-adviser"]
	liperi := s.staff["liperi-worker"].OrgID
	friday := cases.WeekStart(s.now).AddDate(0, 0, 4)
	return s.as(ctx, adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) error {
		var clients []int64
		if err := tx.SelectContext(ctx, &clients, `SELECT id FROM clients WHERE email <> '' ORDER BY id LIMIT 2`); err != nil || len(clients) < 2 {
			return err
		}
		for i, week := range []int{-1, 1} {
			day := friday.AddDate(0, 0, 7*week)
			in := cases.BookingInput{StartsAt: time.Date(day.Year(), day.Month(), day.Day(), 11, 0, 0, 0, cases.Finland),
				DurationMin: 60, PartnerOrgID: liperi, ClientID: clients[i], InviteClient: week > 0,
				PartnerContactName: s.staff["liperi-worker"].Name, Meeting: cases.Meeting{ServiceLanguage: "fi",
					InterpreterKind: "video", InterpreterLanguage: "ar", Topics: []string{"permits", "family"},
					MeetingLink: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_demo_client%40thread.v2/0"}}
			at := in.StartsAt.AddDate(0, 0, -5)
			if at.After(s.now) {
				at = s.now
			}
			c, _, err := cases.Book(ctx, tx, s.told(in.StartsAt), tax, adviser, in, at)
			if err != nil {
				return err
			}
			if week < 0 {
				draft, _, _, err := cases.ConsultationDraft(ctx, tx, adviser, c.ID, in.StartsAt.Add(time.Hour))
				if err == nil {
					draft.Outcome = "follow_up_planned"
					follow := in.StartsAt.AddDate(0, 0, 14)
					draft.FollowUpOn = &follow
					_, _, err = cases.HoldConsultation(ctx, tx, tax, adviser, c.ID, draft, in.StartsAt.Add(time.Hour))
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

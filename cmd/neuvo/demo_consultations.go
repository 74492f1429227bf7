package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/notify"
)

// seedDemoConsultations publishes the hub advisers' weekly slots from a
// few weeks back to a few weeks ahead, and has the partner workers book
// most of them, all through the domain functions with the clock of each
// moment: past ones were held (with their contacts), cancelled or
// no-shows; upcoming ones are booked, a few cancelled and one moved. The
// upcoming ones' notices go through jobs, so the demo's mail catcher
// shows them once Neuvo runs. A hub that has slots is left alone.
func seedDemoConsultations(ctx context.Context, db *sqlx.DB, jobs notify.Inserter, now time.Time) error {
	s, err := newDemoConsultations(ctx, db, jobs, now)
	if err != nil || s == nil {
		return err
	}
	slots, err := s.publish(ctx)
	if err != nil {
		return err
	}
	for _, slot := range slots {
		if err := s.bookAndFollow(ctx, slot); err != nil {
			return fmt.Errorf("demo consultation at %s: %w", slot.StartsAt.In(cases.Finland), err)
		}
	}
	if err := s.moveOne(ctx); err != nil {
		return err
	}
	return s.forClients(ctx)
}

// demoConsultations is the seeding's state: who is who, and the clock.
type demoConsultations struct {
	db        *sqlx.DB
	jobs      notify.Inserter
	r         *rand.Rand
	now       time.Time // the real now
	published time.Time // when the slots were published
	hub       int64
	staff     map[string]cases.Staff // by subject
	booked    int                    // bookings so far, which decide how each ends
}

func newDemoConsultations(ctx context.Context, db *sqlx.DB, jobs notify.Inserter, now time.Time) (*demoConsultations, error) {
	hub, err := demoOrgID(ctx, db, "Joensuu")
	if err != nil {
		return nil, nil // renamed in this dev database: leave it be
	}
	var has bool
	if err := cases.InScope(ctx, db, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.GetContext(ctx, &has, `SELECT EXISTS (SELECT 1 FROM consultation_slots)`)
	}); err != nil || has {
		return nil, err
	}
	s := &demoConsultations{db: db, jobs: jobs, r: rand.New(rand.NewPCG(demoCaseSeed, 8)), now: now, hub: hub,
		staff: map[string]cases.Staff{}, published: cases.WeekStart(now).AddDate(0, 0, -7*demoConsultationWeeks-3)}
	who := []struct{ org, subject string }{{"Joensuu", "joensuu-adviser"}, {"Joensuu", "joensuu-adviser2"}}
	for _, w := range demoPartnerWorkers {
		who = append(who, struct{ org, subject string }{w.value[0], w.value[1]})
	}
	for _, w := range who {
		if s.staff[w.subject], err = demoStaffOf(ctx, db, w.org, w.subject); err != nil {
			return nil, fmt.Errorf("demo user %s: %w", w.subject, err)
		}
	}
	return s, nil
}

// demoStaffOf reads a demo user as the consultation rules see them.
func demoStaffOf(ctx context.Context, db *sqlx.DB, org, subject string) (cases.Staff, error) {
	orgID, err := demoOrgID(ctx, db, org)
	if err != nil {
		return cases.Staff{}, err
	}
	var u cases.User
	var o cases.Organisation
	err = cases.InScope(ctx, db, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
		var id int64
		if err := tx.GetContext(ctx, &id, `SELECT id FROM users WHERE subject = $1`, subject); err != nil {
			return err
		}
		if u, err = cases.GetUser(ctx, tx, id); err != nil {
			return err
		}
		o, err = cases.GetOrganisation(ctx, tx, orgID)
		return err
	})
	return cases.Staff{UserID: u.ID, Name: u.DisplayName, Email: u.Email, OrgID: orgID, Hub: o.IsHub(), Roles: u.Roles()}, err
}

// as runs fn in one transaction as the staff member, at the moment at.
func (s *demoConsultations) as(ctx context.Context, who cases.Staff, fn func(tx *sqlx.Tx, tax *cases.Taxonomy) error) error {
	return cases.InScope(ctx, s.db, cases.Scope{OrgID: who.OrgID, UserID: who.UserID}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		return fn(tx, tax)
	})
}

// told is the inserter for a change that happens now or later; the
// history's old changes were told long ago.
func (s *demoConsultations) told(at time.Time) notify.Inserter {
	if at.Before(s.now.Add(-time.Hour)) {
		return nil
	}
	return s.jobs
}

// publish writes every plan's weekly slots and returns them in time order.
func (s *demoConsultations) publish(ctx context.Context) ([]cases.Slot, error) {
	var all []cases.Slot
	for _, p := range demoSlotPlans {
		adviser := s.staff[p.subject]
		first := s.published.AddDate(0, 0, (int(p.weekday)-int(s.published.Weekday())+7)%7)
		start := time.Date(first.Year(), first.Month(), first.Day(), p.hour, 0, 0, 0, cases.Finland)
		in := cases.SlotInput{StartsAt: start, DurationMin: demoSlotMinutes, Weekly: true,
			Until: start.AddDate(0, 0, 7*2*demoConsultationWeeks), ServiceLanguages: p.languages}
		err := s.as(ctx, adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) error {
			slots, _, err := cases.PublishSlots(ctx, tx, tax, adviser, in, s.published)
			all = append(all, slots...)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(all, func(a, b cases.Slot) int { return a.StartsAt.Compare(b.StartsAt) })
	return all, nil
}

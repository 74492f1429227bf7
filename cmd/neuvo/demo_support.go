package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/jobs"
	"neuvo/cases/notify"
	"neuvo/frontend"
)

// demoSupportDays is how far back the demo's support requests reach.
const demoSupportDays = 120

// demoSupportRequests is how many the demo's partners have asked.
const demoSupportRequests = 64

// demoPerson is a demo user acting on support requests, with the
// network's taxonomies and the identity guard of their organisation.
type demoPerson struct {
	who   cases.SupportActor
	tax   *cases.Taxonomy
	guard cases.Guard
}

// seedDemoSupport files the partners' support requests and takes them
// through the hub as its experts would, through the domain functions the
// pages use, at times in the past: answered and rated ones, late ones,
// ones waiting, and a few past their target today. A hub that has any
// support requests is left alone.
func seedDemoSupport(ctx context.Context, service *sqlx.DB, n cases.SupportNotifier, now time.Time) error {
	hub, err := demoOrgID(ctx, service, "Joensuu")
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var has bool
	if err := cases.InScope(ctx, service, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.GetContext(ctx, &has, `SELECT EXISTS (SELECT 1 FROM support_requests)`)
	}); err != nil || has {
		return err
	}
	people, err := demoSupportPeople(ctx, service)
	if err != nil {
		return err
	}
	if err := demoExpertGroups(ctx, service, people); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(demoCaseSeed, 9))
	for _, plan := range demoSupportPlans(r, now) {
		if err := plan.run(ctx, service, n, people); err != nil {
			return fmt.Errorf("demo support request from %s: %w", plan.asker, err)
		}
	}
	return nil
}

// demoSupportPeople finds the demo users of support requests by subject.
func demoSupportPeople(ctx context.Context, service *sqlx.DB) (map[string]demoPerson, error) {
	people := map[string]demoPerson{}
	for _, o := range demoOrgs {
		orgID, err := demoOrgID(ctx, service, o.name)
		if err != nil {
			return nil, err
		}
		err = cases.InScope(ctx, service, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
			tax, err := cases.LoadTaxonomy(ctx, tx)
			if err != nil {
				return err
			}
			guard, err := cases.LoadGuard(ctx, tx, tax)
			if err != nil {
				return err
			}
			users, err := cases.Users(ctx, tx)
			for _, u := range users {
				people[u.Subject] = demoPerson{who: cases.SupportActor{UserID: u.ID, Name: u.DisplayName, OrgID: orgID,
					Roles: u.Roles()}, tax: tax, guard: guard}
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return people, nil
}

// as runs fn in the person's scope.
func (p demoPerson) as(ctx context.Context, service *sqlx.DB, fn func(tx *sqlx.Tx) error) error {
	return cases.InScope(ctx, service, cases.Scope{OrgID: p.who.OrgID, UserID: p.who.UserID}, fn)
}

func demoExpertGroups(ctx context.Context, service *sqlx.DB, people map[string]demoPerson) error {
	lead := people["joensuu-lead"]
	return lead.as(ctx, service, func(tx *sqlx.Tx) error {
		hub, err := cases.GetOrganisation(ctx, tx, lead.who.OrgID)
		if err != nil {
			return err
		}
		for _, g := range []cases.ExpertGroupInput{
			{Name: "Oleskeluluvat", Topics: []string{"permits", "citizenship", "return"},
				Members: []int64{people["joensuu-adviser"].who.UserID, people["joensuu-lead"].who.UserID}},
			{Name: "Kela, työ ja toimeentulo", Topics: []string{"social_security", "employment", "money"},
				Members: []int64{people["joensuu-adviser2"].who.UserID}},
		} {
			if _, err := cases.SaveExpertGroup(ctx, tx, lead.tax, lead.who.Roles, hub, 0, g); err != nil {
				return err
			}
		}
		return nil
	})
}

// demoNotifier is an outbox that only inserts: the demo's notifications
// wait as jobs until the service's own job client starts and sends them
// to the mail catcher, where they can be read.
func demoNotifier(service *sqlx.DB, cfg config) (cases.SupportNotifier, error) {
	render, err := frontend.New()
	if err != nil {
		return nil, err
	}
	reg := jobs.NewRegistry()
	notify.Register(reg, service, cfg.SMTP, slog.New(slog.NewTextHandler(io.Discard, nil)))
	cases.RegisterSupportJobs(reg, service) // the notices wait as jobs for the service's own client
	client, err := jobs.New(service, reg, jobs.Options{})
	if err != nil {
		return nil, err
	}
	texts := func(lang, key string) string { return render.Lang(lang).T(key) }
	outbox, err := notify.NewOutbox(client, texts, cfg.BaseURL, cfg.SMTP)
	if err != nil {
		return nil, err
	}
	return cases.OutboxNotifier{Outbox: outbox}, nil
}

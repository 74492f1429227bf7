package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// demoCaseSeed fixes the random source: every demo shows the same case
// data, relative to the day it was seeded.
const demoCaseSeed = 167

// demoDays is how far back the demo contacts reach: about six months.
const demoDays = 182

// demoGroupEvery makes about every 25th of an adviser's contacts a group
// information session, when no client is linked to it.
const demoGroupEvery = 25

// demoAdviser is a demo user who records contacts, and what they record.
type demoAdviser struct {
	org, subject      string
	contacts, clients int
	hub               bool             // holds remote consultations for partners
	speaks            string           // a client language served without interpreter
	dueToday, dueSoon int              // last contacts' follow-ups: due today, within two weeks
	municipalities    []choice[string] // where the adviser's clients live
}

var (
	hubMunicipalities = []choice[string]{{"167", 70}, {"426", 6}, {"276", 6}, {"146", 3}, {"309", 4},
		{"260", 2}, {"607", 2}, {"848", 2}, {"422", 1}, {"unknown", 4}}
	kontiolahtiMunicipalities = []choice[string]{{"276", 80}, {"167", 10}, {"607", 3}, {"unknown", 7}}
)

var demoAdvisers = []demoAdviser{
	{org: "Joensuu", subject: "joensuu-adviser", contacts: 150, clients: 24, hub: true, speaks: "en", dueToday: 3, dueSoon: 2,
		municipalities: hubMunicipalities},
	{org: "Joensuu", subject: "joensuu-adviser2", contacts: 120, clients: 19, hub: true, speaks: "ar", dueSoon: 2,
		municipalities: hubMunicipalities},
	{org: "Joensuu", subject: "joensuu-lead", contacts: 40, clients: 7, hub: true, municipalities: hubMunicipalities},
	{org: "Kontiolahti", subject: "kontiolahti-adviser", contacts: 90, clients: 16, speaks: "ru", dueSoon: 2,
		municipalities: kontiolahtiMunicipalities},
}

// demoActor is whom the audit log names for demo records.
var demoActor = cases.Roles{cases.RoleAdviser}

// seedDemoCases records the demo advisers' clients and contacts through the
// domain functions the UI uses, so validation, audit and follow-ups are
// real. An adviser who has contacts is left alone: this runs on every start
// and fills in only what an older dev database lacks.
func seedDemoCases(ctx context.Context, service *sqlx.DB, now time.Time) error {
	for i, a := range demoAdvisers {
		orgID, err := demoOrgID(ctx, service, a.org)
		if errors.Is(err, sql.ErrNoRows) {
			continue // renamed in this dev database: leave it be
		}
		if err != nil {
			return fmt.Errorf("demo organisation %s: %w", a.org, err)
		}
		r := rand.New(rand.NewPCG(demoCaseSeed, uint64(i)))
		err = cases.InScope(ctx, service, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
			return seedAdviserCases(ctx, tx, orgID, a, r, now)
		})
		if err != nil {
			return fmt.Errorf("demo cases of %s: %w", a.subject, err)
		}
	}
	return nil
}

func demoOrgID(ctx context.Context, db *sqlx.DB, name string) (int64, error) {
	var id int64
	err := db.GetContext(ctx, &id, `SELECT o.id FROM organisations o JOIN networks n ON n.id = o.network_id
		WHERE n.name = $1 AND o.name = $2`, demoNetwork, name)
	return id, err
}

// seedAdviserCases becomes the adviser within the organisation's
// transaction and records their clients, then their contacts in time order.
func seedAdviserCases(ctx context.Context, tx *sqlx.Tx, orgID int64, a demoAdviser, r *rand.Rand, now time.Time) error {
	var userID int64
	err := tx.GetContext(ctx, &userID, `SELECT id FROM users WHERE subject = $1`, a.subject)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // removed from this dev database
	}
	if err != nil {
		return err
	}
	if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: orgID, UserID: userID}); err != nil {
		return err
	}
	var has bool
	if err := tx.GetContext(ctx, &has, `SELECT EXISTS (SELECT 1 FROM contacts WHERE adviser_id = app_user_id())`); err != nil || has {
		return err
	}
	g, err := newDemoDraw(ctx, tx, a, r, now)
	if err != nil {
		return err
	}
	clients, err := g.createClients(ctx, tx)
	if err != nil {
		return err
	}
	linked := g.links(clients, a.contacts)
	for i, at := range g.times(a.contacts) {
		if _, _, err := cases.CreateContact(ctx, tx, g.tax, demoActor, g.record(i, at, linked[i]), now); err != nil {
			return err
		}
	}
	return nil
}

// demoDraw draws one adviser's records from the adviser's own random
// source, so one adviser's data does not shift when another's changes.
type demoDraw struct {
	r             *rand.Rand
	a             demoAdviser
	tax           *cases.Taxonomy
	place, remote int64     // advice points for visits and for remote channels
	now, today    time.Time // today is midnight in Finland
}

func newDemoDraw(ctx context.Context, tx *sqlx.Tx, a demoAdviser, r *rand.Rand, now time.Time) (*demoDraw, error) {
	tax, err := cases.LoadTaxonomy(ctx, tx)
	if err != nil {
		return nil, err
	}
	points, err := cases.AdvicePoints(ctx, tx)
	if err != nil {
		return nil, err
	}
	local := now.In(cases.Finland)
	g := &demoDraw{r: r, a: a, tax: tax, now: now,
		today: time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, cases.Finland)}
	for _, p := range points {
		if p.Kind == "online" {
			g.remote = p.ID
		} else if g.place == 0 {
			g.place = p.ID
		}
	}
	if g.place == 0 {
		return nil, errors.New("no advice point for visits")
	}
	if g.remote == 0 {
		g.remote = g.place
	}
	return g, nil
}

func (g *demoDraw) createClients(ctx context.Context, tx *sqlx.Tx) ([]cases.Client, error) {
	out := make([]cases.Client, 0, g.a.clients)
	for range g.a.clients {
		c, _, err := cases.CreateClient(ctx, tx, g.tax, demoActor, g.client(), g.now)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// links gives each client one to six of the n contacts, at random.
func (g *demoDraw) links(clients []cases.Client, n int) []*cases.Client {
	linked := make([]*cases.Client, n)
	free := g.r.Perm(n)
	for i := range clients {
		for k := pick(g.r, demoVisitsPerClient); k > 0 && len(free) > 0; k-- {
			linked[free[0]] = &clients[i]
			free = free[1:]
		}
	}
	return linked
}

// times draws n start times on weekdays in office hours before today,
// oldest first.
func (g *demoDraw) times(n int) []time.Time {
	out := make([]time.Time, 0, n)
	for len(out) < n {
		day := g.today.AddDate(0, 0, -1-g.r.IntN(demoDays))
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		minute := 30 + 5*g.r.IntN(90) // 8.30–15.55
		out = append(out, time.Date(day.Year(), day.Month(), day.Day(), 8, minute, 0, 0, cases.Finland))
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

package main

import (
	"context"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/auth/devidp"
	"neuvo/cases"
	"neuvo/cases/dbtest"
	"neuvo/cases/stats"
)

// demoCaseCounts is what one organisation's seeded case data looks like.
type demoCaseCounts struct {
	Contacts    int `db:"contacts"`
	Linked      int `db:"linked"`
	Groups      int `db:"groups"`
	Future      int `db:"future"`
	OffHours    int `db:"off_hours"`
	WalkInPhone int `db:"walk_in_phone"`
	Clients     int `db:"clients"`
	BadClients  int `db:"bad_clients"`
	DueToday    int `db:"due_today"`
	DueSoon     int `db:"due_soon"`
}

// The demo's hand-made cases, without the statistics history that
// stats.Seed generates (its keys and client codes tell it apart).
const demoCaseCountsQuery = `WITH contacts AS (SELECT * FROM contacts WHERE idempotency_key::text NOT LIKE '` + stats.SeedKeyPrefix + `%'),
	clients AS (SELECT * FROM clients WHERE code !~ '^S[0-9a-f]{32}$')
SELECT
	(SELECT count(*) FROM contacts) AS contacts,
	(SELECT count(*) FROM contacts WHERE client_id IS NOT NULL) AS linked,
	(SELECT count(*) FROM contacts WHERE kind = 'group_session' AND participants > 1) AS groups,
	(SELECT count(*) FROM contacts WHERE started_at > $1) AS future,
	(SELECT count(*) FROM contacts WHERE extract(isodow FROM started_at AT TIME ZONE 'Europe/Helsinki') > 5
		OR (started_at AT TIME ZONE 'Europe/Helsinki')::time NOT BETWEEN '08:00' AND '16:30') AS off_hours,
	(SELECT count(*) FROM contacts WHERE channel IN ('walk_in', 'phone')) AS walk_in_phone,
	(SELECT count(*) FROM clients) AS clients,
	(SELECT count(*) FROM clients c WHERE (SELECT count(*) FROM contacts WHERE client_id = c.id) NOT BETWEEN 1 AND 6) AS bad_clients,
	(SELECT count(*) FROM follow_ups f JOIN users u ON u.id = f.assigned_to
		WHERE u.subject = 'joensuu-adviser' AND f.done_at IS NULL AND f.due_on <= $2::date) AS due_today,
	(SELECT count(*) FROM follow_ups WHERE done_at IS NULL AND due_on > $2::date
		AND due_on <= $2::date + 14) AS due_soon`

func demoCases(t *testing.T, d *dbtest.DB) map[string]demoCaseCounts {
	t.Helper()
	now := time.Now()
	today := now.In(cases.Finland).Format(time.DateOnly)
	out := map[string]demoCaseCounts{}
	for _, o := range demoOrgs {
		orgID, err := demoOrgID(context.Background(), d.Service, o.name)
		if err != nil {
			t.Fatal(err)
		}
		var c demoCaseCounts
		d.InScope(t, cases.Scope{OrgID: orgID}, func(tx *sqlx.Tx) error {
			return tx.Get(&c, demoCaseCountsQuery, now, today)
		})
		out[o.name] = c
	}
	return out
}

func TestDemoCaseData(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	base, _ := url.Parse("http://127.0.0.1:1")
	idp, err := demoProvider("http://127.0.0.1:2", base)
	if err != nil {
		t.Fatal(err)
	}
	if created, err := seedDemoNetwork(ctx, d.Owner, d.Service, idp); err != nil || !created {
		t.Fatalf("seeding the network: created %v, %v", created, err)
	}
	// Like an older dev database: the network is there, case data is not.
	if created, err := seedDemo(ctx, d.Owner, d.Service, idp, nil); err != nil || created {
		t.Fatalf("the next start must add case data only: created %v, %v", created, err)
	}
	first := demoCases(t, d)
	checkDemoCases(t, first)
	if _, err := seedDemo(ctx, d.Owner, d.Service, idp, nil); err != nil {
		t.Fatal(err)
	}
	if again := demoCases(t, d); again["Joensuu"] != first["Joensuu"] || again["Kontiolahti"] != first["Kontiolahti"] {
		t.Fatalf("seeding again changed the case data: %+v, then %+v", first, again)
	}
}

func checkDemoCases(t *testing.T, byOrg map[string]demoCaseCounts) {
	t.Helper()
	var all demoCaseCounts
	for name, c := range byOrg {
		t.Logf("%s: %+v", name, c)
		if c.Future > 0 || c.OffHours > 0 || c.BadClients > 0 {
			t.Errorf("%s: %d contacts in the future, %d outside weekday office hours, %d clients without 1–6 contacts",
				name, c.Future, c.OffHours, c.BadClients)
		}
		all.Contacts, all.Clients, all.Linked = all.Contacts+c.Contacts, all.Clients+c.Clients, all.Linked+c.Linked
		all.Groups, all.DueSoon, all.WalkInPhone = all.Groups+c.Groups, all.DueSoon+c.DueSoon, all.WalkInPhone+c.WalkInPhone
	}
	for _, o := range demoOrgs {
		if c := byOrg[o.name]; slices.ContainsFunc(o.users, isDemoAdviser) && (c.Contacts == 0 || c.Clients == 0) {
			t.Errorf("%s has advisers but no demo cases: %+v", o.name, c)
		}
	}
	if all.Contacts < 300 || all.Contacts > 500 || all.Clients < 60 || all.Clients > 120 {
		t.Errorf("%d contacts and %d clients, want 300–500 and 60–120", all.Contacts, all.Clients)
	}
	if share := float64(all.Linked) / float64(all.Contacts); share < 0.25 || share > 0.45 {
		t.Errorf("%.0f %% of contacts linked to a client, want about a third", 100*share)
	}
	if all.WalkInPhone*10 < all.Contacts*7 || all.Groups < 3 || all.DueSoon < 3 {
		t.Errorf("%d walk-in or phone contacts of %d, %d group sessions, %d follow-ups in the next two weeks",
			all.WalkInPhone, all.Contacts, all.Groups, all.DueSoon)
	}
	if due := byOrg["Joensuu"].DueToday; due < 3 {
		t.Errorf("joensuu-adviser has %d open follow-ups due by today, want at least 3", due)
	}
}

func isDemoAdviser(u devidp.User) bool { return slices.Contains(u.Roles, "adviser") }

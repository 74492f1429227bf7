package main

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

// demoConsultationCounts is what the demo's consultations look like.
type demoConsultationCounts struct {
	Slots, FreeAhead, Booked, Held, Cancelled, NoShow, Partners int
	HeldWithoutContact, Invited, Moved, Queued, OffPlan         int
}

func TestDemoConsultationsAcrossThePartners(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	base, _ := url.Parse("http://127.0.0.1:1")
	idp, err := demoProvider("http://127.0.0.1:2", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seedDemo(ctx, d.Owner, d.Service, idp, nil); err != nil {
		t.Fatal(err)
	}
	first := demoConsultationCountsOf(t, d)
	t.Logf("%+v", first)
	if first.Slots < 24 || first.FreeAhead < 3 || first.Booked < 4 || first.Held < 4 || first.Cancelled < 1 ||
		first.NoShow < 1 || first.Partners != 4 || first.HeldWithoutContact != 0 || first.Invited != 1 || first.Moved != 1 || first.OffPlan != 0 {
		t.Errorf("demo consultations: %+v", first)
	}
	if first.Queued < first.Booked {
		t.Errorf("%d notice jobs queued for %d upcoming bookings: the demo's mail would be missing", first.Queued, first.Booked)
	}
	if _, err := seedDemo(ctx, d.Owner, d.Service, idp, nil); err != nil {
		t.Fatal(err)
	}
	if again := demoConsultationCountsOf(t, d); again != first {
		t.Fatalf("seeding again changed the consultations: %+v, then %+v", first, again)
	}
}

func demoConsultationCountsOf(t *testing.T, d *dbtest.DB) demoConsultationCounts {
	t.Helper()
	hub, err := demoOrgID(context.Background(), d.Service, "Joensuu")
	if err != nil {
		t.Fatal(err)
	}
	var c demoConsultationCounts
	d.InScope(t, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		return tx.QueryRow(`SELECT
			(SELECT count(*) FROM consultation_slots),
			(SELECT count(*) FROM consultation_slots WHERE NOT booked AND withdrawn_at IS NULL AND starts_at > $1),
			(SELECT count(*) FROM consultations WHERE status = 'booked'),
			(SELECT count(*) FROM consultations WHERE status = 'held'),
			(SELECT count(*) FROM consultations WHERE status = 'cancelled'),
			(SELECT count(*) FROM consultations WHERE status = 'no_show'),
			(SELECT count(DISTINCT partner_org_id) FROM consultations),
			(SELECT count(*) FROM consultations c WHERE status = 'held' AND NOT EXISTS (SELECT 1 FROM consultation_clients cc
				JOIN contacts k ON k.id = cc.held_contact_id WHERE cc.consultation_id = c.id AND k.kind = 'remote_consultation')),
			(SELECT count(*) FROM consultation_clients WHERE invite_client),
			(SELECT count(*) FROM consultation_events WHERE kind = 'rescheduled'),
			(SELECT count(*) FROM consultation_slots WHERE extract(isodow FROM starts_at AT TIME ZONE 'Europe/Helsinki')
				NOT BETWEEN 1 AND 4 OR extract(hour FROM starts_at AT TIME ZONE 'Europe/Helsinki') NOT IN (9, 10, 13, 14))`, time.Now()).Scan(
			&c.Slots, &c.FreeAhead, &c.Booked, &c.Held, &c.Cancelled, &c.NoShow, &c.Partners, &c.HeldWithoutContact,
			&c.Invited, &c.Moved, &c.OffPlan)
	})
	d.Owner.Get(&c.Queued, `SELECT count(*) FROM river_job WHERE kind = 'consultation_notice'`)
	return c
}

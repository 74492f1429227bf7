package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestAReplayedBookingThatNamesTheClientIsAudited repeats a hub adviser's
// booking for a client with the same idempotency key: the answer shows
// the client code again, so each replay writes one audited read with its
// purpose, like a replayed client create.
func TestAReplayedBookingThatNamesTheClientIsAudited(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	var client cases.Client
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var err error
		if client, _, err = cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{Name: "Amina"}, w.now); err != nil {
			t.Fatal(err)
		}
	})
	in := booking(w.publish(t, w.adviser, 24*time.Hour, 45).ID)
	in.PartnerOrgID, in.ClientID, in.IdempotencyKey = w.n.PartnerID, client.ID, cases.NewIdempotencyKey()
	first := w.book(t, w.adviser, in)
	views := func() int {
		return w.count(t, w.n.HubID, `SELECT count(*) FROM audit_events WHERE action = 'consultation.view' AND record_id = $1
			AND purpose = 'case_work' AND details->>'client_id' = $2 AND details->>'via' = 'create replay'`,
			idText(first.ID), idText(client.ID))
	}
	if n := views(); n != 0 {
		t.Fatalf("%d replay reads before any replay", n)
	}
	for i := 1; i <= 2; i++ {
		var again cases.Consultation
		var created bool
		w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
			var err error
			if again, created, err = cases.Book(ctx, tx, nil, tax, w.adviser, in, w.now); err != nil {
				t.Fatal(err)
			}
		})
		if created || again.ID != first.ID || again.ClientCode == nil || *again.ClientCode != client.Code {
			t.Fatalf("replay %d: %+v", i, again)
		}
		if n := views(); n != i {
			t.Fatalf("%d audited reads after %d replays", n, i)
		}
	}
}

package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TestPartnersSeeTheHubsNamesOnlyOnTheirOwnBookings: one rule for the
// hub's people's names, in the record, the calendar and the history
// (review low 4). The partner contact who booked sees the adviser's
// display name and who of the hub changed it; a workmate of the same
// municipality sees neither, only that the hub did; the hub sees all.
func TestPartnersSeeTheHubsNamesOnlyOnTheirOwnBookings(t *testing.T) {
	w := newConsultWorld(t)
	ctx := context.Background()
	c := w.book(t, w.worker, booking(w.publish(t, w.adviser, 24*time.Hour, 45).ID))
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if _, err := cases.CancelConsultation(ctx, tx, nil, w.adviser, c.ID, cases.Cancellation{Reason: "Tulkki ei päässyt"}, w.now); err != nil {
			t.Fatal(err)
		}
	})
	for _, tc := range []struct {
		who     cases.Staff
		adviser string // the display name ("aino") or nothing
		by      string // who cancelled
	}{
		{w.adviser, "aino", w.adviser.Name},
		{w.worker, "aino", w.adviser.Name},
		{w.workmate, "", ""},
	} {
		w.as(t, tc.who, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
			one, err := cases.GetConsultation(ctx, tx, tc.who, c.ID)
			if err != nil || one.Adviser != tc.adviser || one.StatusByName != tc.by || one.StatusByOrg != "North hub" {
				t.Errorf("%s reads adviser %q, by %q (%s) (%v)", tc.who.Name, one.Adviser, one.StatusByName, one.StatusByOrg, err)
			}
			list, err := cases.ListConsultations(ctx, tx, tc.who, cases.ConsultationFilter{})
			if err != nil || len(list) != 1 || list[0].Adviser != tc.adviser || list[0].StatusByName != tc.by {
				t.Errorf("%s's calendar: %+v (%v)", tc.who.Name, list, err)
			}
			history, err := cases.ConsultationHistory(ctx, tx, tc.who, c.ID)
			if err != nil || len(history) != 2 || history[0].ByName != w.worker.Name || history[1].ByName != tc.by ||
				history[1].ByOrg != "North hub" {
				t.Errorf("%s's history: %+v (%v)", tc.who.Name, history, err)
			}
		})
	}
	// The partner's scope is back after the name was read in the hub's.
	w.as(t, w.worker, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		var org int64
		var name string
		if err := tx.QueryRow(`SELECT app_consultation_adviser_name($1), app_org_id()`, c.ID).Scan(&name, &org); err != nil ||
			name != "aino" || org != w.n.PartnerID {
			t.Errorf("after the name: %q in organisation %d (%v)", name, org, err)
		}
		var n int
		if err := tx.Get(&n, `SELECT count(*) FROM users WHERE org_id <> app_org_id()`); err != nil || n != 0 {
			t.Errorf("the partner's scope sees %d users of others (%v)", n, err)
		}
	})
}

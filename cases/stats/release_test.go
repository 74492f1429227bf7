package stats_test

import (
	"context"
	"math"
	"testing"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

func cellsByKey(rep *stats.Report) map[string]stats.Cell {
	out := map[string]stats.Cell{}
	for _, t := range rep.Tables {
		for r, row := range t.Cells {
			for c, cell := range row {
				if cell.Kind == stats.Count {
					out[t.ID+"/"+t.Rows[r].Code+"/"+t.Cols[c].Code] = cell
				}
			}
		}
	}
	return out
}

func TestACorrectionAfterAReleaseIsFlaggedAndCannotBeReadOffAsADifference(t *testing.T) {
	w := seededWorld(t, 3000)
	w.recompute(t)
	ctx := context.Background()
	req := year2026(stats.Scope{Kind: stats.ScopeOrg, OrgID: w.net.HubID})
	req.To = req.From // January
	var id int64
	manager := w.d.NewUser(t, w.net.HubID, "https://idp.test/stats", "manager", cases.RoleManager)
	w.d.InScope(t, cases.Scope{OrgID: w.net.HubID, UserID: manager}, func(tx *sqlx.Tx) (err error) {
		id, err = stats.Publish(ctx, tx, cases.Roles{cases.RoleManager}, req, "January to the board")
		return err
	})
	before, _ := load(t, w, w.net.HubID, req)
	// Two late contacts for January: a change of 2 in every cell they count in.
	w.d.InScope(t, cases.Scope{OrgID: w.net.HubID}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO contacts (org_id, advice_point_id, adviser_id, started_at, duration_min, channel, kind,
			topics, idempotency_key, age_band, gender)
			SELECT org_id, advice_point_id, adviser_id, started_at, duration_min, channel, kind, topics, gen_random_uuid(), age_band, gender
			FROM contacts WHERE started_at < '2026-01-20' ORDER BY id LIMIT 2`)
		return err
	})
	w.recompute(t)
	after, _ := load(t, w, w.net.HubID, req)
	var rep *stats.Report
	var rel stats.Release
	w.d.InScope(t, cases.Scope{OrgID: w.net.HubID}, func(tx *sqlx.Tx) (err error) {
		rep, rel, err = stats.Released(ctx, tx, id)
		return err
	})
	if !rel.Corrected {
		t.Fatal("the release is not flagged as corrected")
	}
	if len(rep.Tables) != len(before.Tables) || cellsByKey(rep)["months/total/contacts"] != cellsByKey(before)["months/total/contacts"] {
		t.Fatal("the release does not read back as published")
	}
	old, now := cellsByKey(before), cellsByKey(after)
	changed := 0
	for key, o := range old {
		n, ok := now[key]
		if !ok || !o.Shown || !n.Shown || o.Value == n.Value {
			continue
		}
		changed++
		if d := math.Abs(n.Value - o.Value); d < float64(after.K) {
			t.Errorf("%s: released %v, now %v: the correction of %v can be read off", key, o.Value, n.Value, d)
		}
	}
	t.Logf("%d cells changed by at least k", changed)
	if now["months/total/contacts"].Shown {
		t.Error("January's total changed by 2 and is still shown beside the released one")
	}
}

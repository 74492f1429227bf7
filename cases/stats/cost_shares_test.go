package stats

import (
	"testing"
	"time"
)

func TestCostSharesSplitThePartnersShareByKey(t *testing.T) {
	rows := CostShares(CostInput{PartnersShare: 30, Budget: 200000, HasBudget: true, Partners: []CostPartner{
		{OrgID: 1, Name: "Liperi", Key: 300, Contacts: shown(40), Consultations: shown(10), Requests: shown(5)},
		{OrgID: 2, Name: "Kontiolahti", Key: 500, Contacts: shown(60), Consultations: suppressed, Requests: shown(5)},
		{OrgID: 3, Name: "Ilomantsi", Key: 200, Contacts: shown(0), Consultations: shown(6), Requests: suppressed},
	}, Totals: Received{Consultations: shown(20)}})
	if len(rows) != 4 || !rows[3].Total {
		t.Fatalf("%d rows, want 3 partners and a total", len(rows))
	}
	for _, c := range []struct {
		row                 int
		keyShare, budget, e float64
	}{{0, 30, 9, 18000}, {1, 50, 15, 30000}, {2, 20, 6, 12000}, {3, 100, 30, 60000}} {
		r := rows[c.row]
		if !near(r.KeyShare.Value, c.keyShare) || !near(r.Budget.Value, c.budget) || !near(r.Euros.Value, c.e) || !r.HasEuros {
			t.Errorf("row %d: key %v%% budget %v%% %v €, want %v, %v, %v", c.row, r.KeyShare.Value, r.Budget.Value, r.Euros.Value,
				c.keyShare, c.budget, c.e)
		}
	}
	// Contacts: every partner's cell is published, so the total is their
	// sum and every share exists.
	if tot := rows[3].Contacts; !tot.Shown || tot.Value != 100 {
		t.Errorf("contacts total %+v, want the published sum 100", tot)
	}
	if s := rows[1].ContactsShare; !s.Shown || !near(s.Value, 60) {
		t.Errorf("Kontiolahti's contact share %+v, want 60 %%", s)
	}
	// Consultations: the total is given; a suppressed cell has a
	// suppressed share, the others are shares of the given total.
	if s := rows[1].ConsultationsShare; s.Shown {
		t.Errorf("a suppressed cell's share is shown: %+v", s)
	}
	if s := rows[0].ConsultationsShare; !s.Shown || !near(s.Value, 50) {
		t.Errorf("Liperi's consultation share %+v, want 50 %%", s)
	}
	// Requests: one partner's cell is suppressed and no total is given,
	// so the total and every share are suppressed.
	if rows[3].Requests.Shown || rows[0].RequestsShare.Shown || rows[3].RequestsShare.Shown {
		t.Errorf("requests total %+v, shares %+v %+v: a total not published was derived", rows[3].Requests,
			rows[0].RequestsShare, rows[3].RequestsShare)
	}
	if got := rows[1].ConsultationsShare.Text("fi"); got != Marker {
		t.Errorf("suppressed share shows %q", got)
	}
}

func TestCostSharesWithoutBudgetOrKeys(t *testing.T) {
	rows := CostShares(CostInput{PartnersShare: 30, Partners: []CostPartner{
		{OrgID: 1, Name: "Liperi", Contacts: shown(5)}, {OrgID: 2, Name: "Outokumpu", Contacts: shown(5)},
	}})
	for i, r := range rows {
		if r.HasEuros || r.Euros.Shown {
			t.Errorf("row %d has euros without a budget", i)
		}
		if !r.NoKey {
			t.Errorf("row %d: no keys, yet a share is claimed", i)
		}
	}
	if s := rows[0].ContactsShare; !s.Shown || !near(s.Value, 50) {
		t.Errorf("contact share %+v, want 50 %%", s)
	}
}

func TestContactsPerFTE(t *testing.T) {
	for _, c := range []struct {
		name     string
		contacts Cell
		fte      float64
		want     Cell
	}{
		{"published", shown(250), 2.5, Cell{Value: 100, Shown: true, Kind: Ratio}},
		{"suppressed contacts", suppressed, 2.5, Cell{Kind: Ratio}},
		{"no staffing", shown(250), 0, Cell{Kind: Ratio}},
		{"zero contacts", shown(0), 1, Cell{Value: 0, Shown: true, Kind: Ratio}},
	} {
		if got := ContactsPerFTE(c.contacts, c.fte); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if HasStaffing(0) || !HasStaffing(0.5) {
		t.Error("HasStaffing is wrong about 0 or 0.5")
	}
	if got := ContactsPerFTE(shown(7), 2).Text("fi"); got != "3,5" {
		t.Errorf("3.5 per FTE reads %q in Finnish", got)
	}
}

func TestProjectCostInputCountsAMissingKeyAsZero(t *testing.T) {
	in := ProjectCostInput(ProjectCost{Year: 2026, PartnersShare: 30}, map[int64]int64{1: 100},
		[]CostMember{{OrgID: 1, Name: "Liperi", Received: Received{Contacts: shown(3)}}, {OrgID: 2, Name: "Outokumpu"}}, Received{})
	rows := CostShares(in)
	if rows[0].Budget.Value != 30 || rows[1].Budget.Value != 0 || rows[1].Key != 0 || rows[0].HasEuros {
		t.Errorf("rows %+v", rows)
	}
}

func TestPeriodAverageWeighsEachYearByItsMonths(t *testing.T) {
	byYear := map[int]float64{2025: 2, 2026: 4}
	for _, c := range []struct {
		from, to Month
		want     float64
	}{
		{Month{2025, time.January}, Month{2025, time.December}, 2},
		{Month{2025, time.October}, Month{2026, time.March}, 3},            // 3 months of each
		{Month{2025, time.September}, Month{2026, time.February}, 8.0 / 3}, // 4 × 2 + 2 × 4 over 6
		{Month{2026, time.June}, Month{2027, time.January}, 0},             // 2027 has no staffing
		{Month{2026, time.June}, Month{2026, time.May}, 0},
	} {
		if got := periodAverage(byYear, c.from, c.to); !near(got, c.want) {
			t.Errorf("%v..%v: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

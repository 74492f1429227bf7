package stats

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

func TestProjectIsStoredAndReadByItsNetworkOnly(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	id := w.project("Neuvo 2025–2027", w.hub, w.partner)

	var stored struct {
		Name, Funder, From, To string
		Members                []int64
	}
	w.super.Get(&stored.Name, `SELECT name FROM projects WHERE id = $1`, id)
	w.super.Get(&stored.From, `SELECT to_char(period_from, 'YYYY-MM-DD') FROM projects WHERE id = $1`, id)
	w.super.Get(&stored.To, `SELECT to_char(period_to, 'YYYY-MM-DD') FROM projects WHERE id = $1`, id)
	w.super.Select(&stored.Members, `SELECT org_id FROM project_members WHERE project_id = $1 ORDER BY org_id`, id)
	if stored.Name != "Neuvo 2025–2027" || stored.From != "2025-09-01" || stored.To != "2027-08-01" ||
		!slices.Equal(stored.Members, []int64{w.hub, w.partner}) {
		t.Fatalf("stored %+v", stored)
	}
	var audited int
	w.super.Get(&audited, `SELECT count(*) FROM audit_events WHERE action = 'project.create' AND record_id = $1`, projectIDText(id))
	if audited != 1 {
		t.Errorf("%d audit events for the creation", audited)
	}

	w.as(w.partner, func(tx *sqlx.Tx) error {
		ps, err := Projects(ctx, tx)
		if err != nil || len(ps) != 1 || ps[0].ID != id {
			t.Fatalf("member partner sees %+v (%v)", ps, err)
		}
		if ps[0].Preset() != "from=2025-09&to=2027-08" || ps[0].Months() != 24 {
			t.Errorf("preset %q, %d months", ps[0].Preset(), ps[0].Months())
		}
		if !slices.Equal(ps[0].Members, []int64{w.partner}) {
			t.Errorf("a member sees the memberships %v, want only its own", ps[0].Members)
		}
		return nil
	})
	for _, org := range []int64{w.partner2, w.otherHub, w.otherPartner} {
		w.as(org, func(tx *sqlx.Tx) error {
			if ps, err := Projects(ctx, tx); err != nil || len(ps) != 0 {
				t.Errorf("org %d (not a member) sees %+v (%v)", org, ps, err)
			}
			if _, err := GetProject(ctx, tx, id); !errors.Is(err, cases.ErrNotFound) {
				t.Errorf("org %d reads the project: %v", org, err)
			}
			return nil
		})
	}
}

func TestProjectChangesAreTheHubAdminsAlone(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	id := w.project("Neuvo", w.hub, w.partner, w.partner2)
	in := ProjectInput{Name: "Taken over", From: "2025-09", To: "2027-08", Members: []int64{w.otherHub}}
	err := w.try(w.otherHub, func(tx *sqlx.Tx, org cases.Organisation) error {
		return UpdateProject(ctx, tx, adminRoles, org, id, in)
	})
	if !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("another network's hub updates the project: %v", err)
	}
	err = w.try(w.partner, func(tx *sqlx.Tx, org cases.Organisation) error {
		return UpdateProject(ctx, tx, adminRoles, org, id, in)
	})
	if !errors.Is(err, cases.ErrForbidden) {
		t.Errorf("a member partner's admin updates the project: %v", err)
	}
	err = w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
		return UpdateProject(ctx, tx, cases.Roles{cases.RoleManager}, org, id, in)
	})
	if !errors.Is(err, cases.ErrForbidden) {
		t.Errorf("the hub's manager updates the project: %v", err)
	}
	// RLS, below the domain: a partner cannot write projects at all.
	err = w.try(w.partner, func(tx *sqlx.Tx, _ cases.Organisation) error {
		_, err := tx.Exec(`UPDATE projects SET name = 'x' WHERE id = $1`, id)
		if err != nil {
			return err
		}
		_, err = tx.Exec(`INSERT INTO project_members (network_id, project_id, org_id)
			SELECT network_id, $1, $2 FROM organisations WHERE id = $2`, id, w.partner2)
		return err
	})
	if err == nil {
		t.Error("a partner inserted a project member")
	}
	var name string
	w.super.Get(&name, `SELECT name FROM projects WHERE id = $1`, id)
	if name != "Neuvo" {
		t.Errorf("the project's name is %q", name)
	}
	// The hub may take a member off: its membership goes.
	err = w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
		return UpdateProject(ctx, tx, adminRoles, org, id, ProjectInput{Name: "Neuvo II", Funder: "TEM",
			From: "2026-01", To: "2026-12", Members: []int64{w.hub, w.partner}})
	})
	if err != nil {
		t.Fatal(err)
	}
	var members []int64
	w.super.Select(&members, `SELECT org_id FROM project_members WHERE project_id = $1 ORDER BY org_id`, id)
	if !slices.Equal(members, []int64{w.hub, w.partner}) {
		t.Errorf("members after the update %v", members)
	}
}

func TestProjectFormErrorsNameTheirFields(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	w.project("Taken", w.hub)
	for _, c := range []struct {
		name  string
		in    ProjectInput
		field string
		key   string
	}{
		{"blank name", ProjectInput{From: "2025-01", To: "2025-12", Members: []int64{w.hub}}, "name", "error.required"},
		{"name taken", ProjectInput{Name: "Taken", From: "2025-01", To: "2025-12", Members: []int64{w.hub}}, "name", "error.taken"},
		{"NUL in funder", ProjectInput{Name: "A", Funder: "x\x00", From: "2025-01", To: "2025-12", Members: []int64{w.hub}}, "funder", "error.text"},
		{"day, not month", ProjectInput{Name: "A", From: "2025-01-01", To: "2025-12", Members: []int64{w.hub}}, "from", "error.month"},
		{"month 13", ProjectInput{Name: "A", From: "2025-01", To: "2025-13", Members: []int64{w.hub}}, "to", "error.month"},
		{"blank end", ProjectInput{Name: "A", From: "2025-01", Members: []int64{w.hub}}, "to", "error.required"},
		{"end before start", ProjectInput{Name: "A", From: "2025-05", To: "2025-04", Members: []int64{w.hub}}, "to", "error.project_period_order"},
		{"eleven years", ProjectInput{Name: "A", From: "2025-01", To: "2035-12", Members: []int64{w.hub}}, "to", "error.project_period_long"},
		{"no members", ProjectInput{Name: "A", From: "2025-01", To: "2025-12"}, "members", "error.project_members"},
		{"another network's member", ProjectInput{Name: "A", From: "2025-01", To: "2025-12", Members: []int64{w.hub, w.otherPartner}}, "members", "error.choose"},
	} {
		err := w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
			_, err := CreateProject(ctx, tx, adminRoles, org, c.in)
			return err
		})
		if got := fieldKey(err, c.field); got != c.key {
			t.Errorf("%s: %s has %q (%v), want %q", c.name, c.field, got, err, c.key)
		}
	}
	var n int
	w.super.Get(&n, `SELECT count(*) FROM projects`)
	if n != 1 {
		t.Errorf("%d projects stored, want only the first", n)
	}
}

func TestTargetsOverallAndPerMember(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	id := w.project("Neuvo", w.hub, w.partner, w.partner2)
	save := func(in []TargetInput) error {
		return w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
			return SaveTargets(ctx, tx, adminRoles, org, id, in)
		})
	}
	err := save([]TargetInput{{Measure: "contacts", Raw: "2400"}, {Measure: "consultations_held", Raw: "300"},
		{Measure: "contacts", OrgID: w.partner, Raw: "400"}, {Measure: "contacts", OrgID: w.partner2, Raw: "200"},
		{Measure: "new_clients", Raw: ""}})
	if err != nil {
		t.Fatal(err)
	}
	w.as(w.hub, func(tx *sqlx.Tx) error {
		got, err := ProjectTargets(ctx, tx, id)
		want := []Target{{"contacts", 0, 2400}, {"consultations_held", 0, 300}, {"contacts", w.partner, 400}, {"contacts", w.partner2, 200}}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("hub reads %+v (%v), want %+v", got, err, want)
		}
		return nil
	})
	w.as(w.partner, func(tx *sqlx.Tx) error {
		got, err := ProjectTargets(ctx, tx, id)
		want := []Target{{"contacts", 0, 2400}, {"consultations_held", 0, 300}, {"contacts", w.partner, 400}}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("member reads %+v (%v), want the overall targets and its own %+v", got, err, want)
		}
		return nil
	})
	w.as(w.otherHub, func(tx *sqlx.Tx) error {
		if got, _ := ProjectTargets(ctx, tx, id); len(got) != 0 {
			t.Errorf("another network reads %+v", got)
		}
		return nil
	})
	for _, c := range []struct {
		in    TargetInput
		key   string
		field string
	}{
		{TargetInput{Measure: "contacts", Raw: "0"}, "error.project_target", "target_contacts_0"},
		{TargetInput{Measure: "contacts", Raw: "-5"}, "error.project_target", "target_contacts_0"},
		{TargetInput{Measure: "contacts", Raw: "many"}, "error.number", "target_contacts_0"},
		{TargetInput{Measure: "contacts", Raw: "10000001"}, "error.project_target", "target_contacts_0"},
		{TargetInput{Measure: "feelings", Raw: "5"}, "error.choose", "target_feelings_0"},
		{TargetInput{Measure: "contacts", OrgID: w.otherPartner, Raw: "5"}, "error.choose", TargetField("contacts", w.otherPartner)},
	} {
		if got := fieldKey(save([]TargetInput{c.in}), c.field); got != c.key {
			t.Errorf("%+v: %q, want %q", c.in, got, c.key)
		}
	}
	var n int
	w.super.Get(&n, `SELECT count(*) FROM project_targets WHERE project_id = $1`, id)
	if n != 4 {
		t.Errorf("%d targets after refused saves, want the 4 saved", n)
	}
	// A member taken off the project loses its own targets.
	err = w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
		return UpdateProject(ctx, tx, adminRoles, org, id, ProjectInput{Name: "Neuvo", From: "2025-09", To: "2027-08",
			Members: []int64{w.hub, w.partner}})
	})
	if err != nil {
		t.Fatal(err)
	}
	w.super.Get(&n, `SELECT count(*) FROM project_targets WHERE org_id = $1`, w.partner2)
	if n != 0 {
		t.Errorf("a former member keeps %d targets", n)
	}
}

func TestProjectCostsDefaultAndSave(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	id := w.project("Neuvo", w.hub, w.partner)
	w.as(w.hub, func(tx *sqlx.Tx) error {
		p, _ := GetProject(ctx, tx, id)
		costs, err := ProjectCosts(ctx, tx, p)
		if err != nil || len(costs) != 3 || costs[0].Year != 2025 || costs[0].PartnersShare != 30 || costs[0].Budget.Valid {
			t.Errorf("default costs %+v (%v), want 2025..2027 at 30 %% without budget", costs, err)
		}
		return nil
	})
	err := w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
		return SaveProjectCosts(ctx, tx, adminRoles, org, id, []CostInputRow{
			{Year: 2025, PartnersShare: "30", Budget: "120 000"}, {Year: 2026, PartnersShare: "27,5", Budget: ""},
			{Year: 2027, PartnersShare: "", Budget: "99\u00a0999,99"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	var stored []struct {
		Year   int      `db:"year"`
		Share  float64  `db:"partners_share"`
		Budget *float64 `db:"budget_eur"`
	}
	w.super.Select(&stored, `SELECT year, partners_share::float8 AS partners_share, budget_eur::float8 AS budget_eur
		FROM project_costs WHERE project_id = $1 ORDER BY year`, id)
	if len(stored) != 3 || stored[0].Budget == nil || *stored[0].Budget != 120000 || stored[1].Share != 27.5 ||
		stored[1].Budget != nil || stored[2].Share != 30 || *stored[2].Budget != 99999.99 {
		t.Errorf("stored costs %+v", stored)
	}
	for _, c := range []struct {
		row   CostInputRow
		field string
		key   string
	}{
		{CostInputRow{Year: 2025, PartnersShare: "101"}, "share_2025", "error.partners_share"},
		{CostInputRow{Year: 2025, PartnersShare: "-1"}, "share_2025", "error.partners_share"},
		{CostInputRow{Year: 2025, PartnersShare: "30", Budget: "1,234"}, "budget_2025", "error.decimals"},
		{CostInputRow{Year: 2025, PartnersShare: "30", Budget: "1\u00a0000,5x"}, "budget_2025", "error.decimal"},
		{CostInputRow{Year: 2025, PartnersShare: "30", Budget: "1e9"}, "budget_2025", "error.decimal"},
		{CostInputRow{Year: 2025, PartnersShare: "NaN"}, "share_2025", "error.decimal"},
		{CostInputRow{Year: 2030, PartnersShare: "30"}, "share_2030", "error.choose"},
	} {
		err := w.try(w.hub, func(tx *sqlx.Tx, org cases.Organisation) error {
			return SaveProjectCosts(ctx, tx, adminRoles, org, id, []CostInputRow{c.row})
		})
		if got := fieldKey(err, c.field); got != c.key {
			t.Errorf("%+v: %q (%v), want %q", c.row, got, err, c.key)
		}
	}
}

func TestKeyFiguresAreTheHubsForItsPartners(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	save := func(orgID int64, in []KeyInput) error {
		return w.try(orgID, func(tx *sqlx.Tx, org cases.Organisation) error {
			return SaveKeyFigures(ctx, tx, adminRoles, org, in)
		})
	}
	if err := save(w.hub, []KeyInput{{OrgID: w.partner, Year: 2026, Raw: "1450"}, {OrgID: w.partner2, Year: 2026, Raw: "0"}}); err != nil {
		t.Fatal(err)
	}
	w.as(w.partner, func(tx *sqlx.Tx) error {
		keys, err := KeyFigures(ctx, tx)
		if err != nil || keys[2026][w.partner] != 1450 || len(keys[2026]) != 2 {
			t.Errorf("a partner reads its network's keys %v (%v)", keys, err)
		}
		return nil
	})
	w.as(w.otherHub, func(tx *sqlx.Tx) error {
		if keys, _ := KeyFigures(ctx, tx); len(keys) != 0 {
			t.Errorf("another network reads %v", keys)
		}
		return nil
	})
	if err := save(w.hub, []KeyInput{{OrgID: w.partner, Year: 2026, Raw: ""}}); err != nil {
		t.Fatal(err)
	}
	var n int
	w.super.Get(&n, `SELECT count(*) FROM stats_key_figures WHERE org_id = $1`, w.partner)
	if n != 0 {
		t.Error("a blank key figure was kept")
	}
	for _, c := range []struct {
		org int64
		in  KeyInput
		key string
	}{
		{w.hub, KeyInput{OrgID: w.partner, Year: 2026, Raw: "-1"}, "error.key_figure"},
		{w.hub, KeyInput{OrgID: w.partner, Year: 2026, Raw: "1.5"}, "error.number"},
		{w.hub, KeyInput{OrgID: w.hub, Year: 2026, Raw: "10"}, "error.choose"},
		{w.hub, KeyInput{OrgID: w.otherPartner, Year: 2026, Raw: "10"}, "error.choose"},
	} {
		if got := fieldKey(save(c.org, []KeyInput{c.in}), KeyField(c.in.OrgID, c.in.Year)); got != c.key {
			t.Errorf("%+v: %q, want %q", c.in, got, c.key)
		}
	}
	if err := save(w.partner, []KeyInput{{OrgID: w.partner, Year: 2026, Raw: "5"}}); !errors.Is(err, cases.ErrForbidden) {
		t.Errorf("a partner's admin sets key figures: %v", err)
	}
}

func TestStaffingIsEachOrganisationsOwn(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	save := func(orgID int64, in ...StaffingInput) error {
		return w.try(orgID, func(tx *sqlx.Tx, org cases.Organisation) error {
			return SaveStaffing(ctx, tx, adminRoles, org, in)
		})
	}
	if err := save(w.hub, StaffingInput{2026, "2,5"}, StaffingInput{2025, "3"}); err != nil {
		t.Fatal(err)
	}
	if err := save(w.partner, StaffingInput{2026, "0.5"}); err != nil {
		t.Fatal(err)
	}
	w.as(w.hub, func(tx *sqlx.Tx) error {
		own, _ := Staffing(ctx, tx)
		sum, err := FTE(ctx, tx, []int64{w.hub, w.partner}, 2026)
		if own[2026] != 2.5 || own[2025] != 3 || err != nil || sum != 3 {
			t.Errorf("hub staffing %v, network FTE %v (%v)", own, sum, err)
		}
		period, err := PeriodFTE(ctx, tx, []int64{w.hub}, Month{2025, time.October}, Month{2026, time.March})
		if err != nil || !near(period, 2.75) {
			t.Errorf("hub FTE over half a year across two years %v (%v), want 2.75", period, err)
		}
		return nil
	})
	w.as(w.otherHub, func(tx *sqlx.Tx) error {
		if sum, _ := FTE(ctx, tx, []int64{w.hub, w.partner}, 2026); sum != 0 {
			t.Errorf("another network reads FTE %v", sum)
		}
		return nil
	})
	for _, c := range []struct{ raw, key string }{{"-1", "error.fte"}, {"2,555", "error.decimals"}, {"ten", "error.decimal"}, {"10000", "error.fte"}} {
		if got := fieldKey(save(w.hub, StaffingInput{2026, c.raw}), "fte_2026"); got != c.key {
			t.Errorf("%q: %q, want %q", c.raw, got, c.key)
		}
	}
	var fte float64
	w.super.Get(&fte, `SELECT fte::float8 FROM stats_staffing WHERE org_id = $1 AND year = 2026`, w.hub)
	if fte != 2.5 {
		t.Errorf("refused saves changed the staffing to %v", fte)
	}
}

func TestThresholdDefaultsToFiveAndNeverGoesBelowThree(t *testing.T) {
	w := newProjectWorld(t)
	ctx := context.Background()
	k := func(as, of int64) (int, error) {
		var got int
		var err error
		w.as(as, func(tx *sqlx.Tx) error { got, err = K(ctx, tx, of); return nil })
		return got, err
	}
	if got, err := k(w.partner, w.partner); got != 5 || err != nil {
		t.Errorf("default k %d (%v)", got, err)
	}
	for _, c := range []struct{ raw, key string }{{"0", "error.threshold"}, {"2", "error.threshold"}, {"51", "error.threshold"},
		{"", "error.required"}, {"five", "error.number"}} {
		err := w.try(w.partner, func(tx *sqlx.Tx, org cases.Organisation) error {
			_, err := SaveK(ctx, tx, adminRoles, org, c.raw)
			return err
		})
		if got := fieldKey(err, ThresholdField); got != c.key {
			t.Errorf("k %q: %q (%v), want %q", c.raw, got, err, c.key)
		}
	}
	err := w.try(w.partner, func(tx *sqlx.Tx, org cases.Organisation) error {
		_, err := SaveK(ctx, tx, adminRoles, org, "7")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k(w.hub, w.partner); got != 7 || err != nil {
		t.Errorf("the hub reads the partner's k as %d (%v)", got, err)
	}
	if _, err := k(w.otherHub, w.partner); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("another network reads the partner's k: %v", err)
	}
	// The schema refuses what the form would.
	err = w.try(w.hub, func(tx *sqlx.Tx, _ cases.Organisation) error {
		_, err := tx.Exec(`INSERT INTO stats_settings (org_id, k) VALUES (app_org_id(), 2)`)
		return err
	})
	if err == nil {
		t.Error("the schema stored k = 2")
	}
}

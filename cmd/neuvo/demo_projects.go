package main

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats"
)

// demoKeyFigures are the partners' foreign-language residents, about as
// Statistics Finland counts them at the start of a year.
var demoKeyFigures = map[string]int{"Liperi": 390, "Kontiolahti": 560, "Ilomantsi": 210, "Outokumpu": 470}

// demoPartnerTargets are the contacts and held consultations each
// partner's residents are to receive over the project.
var demoPartnerTargets = map[string][2]int{"Liperi": {160, 40}, "Kontiolahti": {220, 60}, "Ilomantsi": {90, 30}, "Outokumpu": {180, 50}}

var demoAdmin = cases.Roles{cases.RoleAdmin}

// seedDemoProjects gives the demo network one project running from 13
// months ago to 10 months ahead, with every demo organisation, targets
// overall and per partner, cost settings, the partners' key figures and
// the hub's staffing, through the domain functions the admin pages use.
// A hub that has a project is left alone.
func seedDemoProjects(ctx context.Context, service *sqlx.DB, now time.Time) error {
	hub, err := demoOrgID(ctx, service, "Joensuu")
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return cases.InScope(ctx, service, cases.Scope{OrgID: hub}, func(tx *sqlx.Tx) error {
		org, err := cases.GetOrganisation(ctx, tx, hub)
		if err != nil {
			return err
		}
		if existing, err := stats.Projects(ctx, tx); err != nil || len(existing) > 0 {
			return err
		}
		network, err := cases.ManagedOrganisations(ctx, tx)
		if err != nil {
			return err
		}
		id, err := demoProject(ctx, tx, org, network, now)
		if err != nil {
			return err
		}
		if err := demoProjectTargets(ctx, tx, org, id, network); err != nil {
			return err
		}
		p, err := stats.GetProject(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := demoProjectCosts(ctx, tx, org, p); err != nil {
			return err
		}
		return demoStatsFigures(ctx, tx, org, network, p.Years())
	})
}

func demoProject(ctx context.Context, tx *sqlx.Tx, org cases.Organisation, network []cases.Organisation, now time.Time) (int64, error) {
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	in := stats.ProjectInput{Name: "Neuvo Pohjois-Karjala", Funder: "TEM / Pohjois-Karjalan ELY-keskus",
		From: first.AddDate(0, -13, 0).Format("2006-01"), To: first.AddDate(0, 10, 0).Format("2006-01")}
	for _, o := range network {
		in.Members = append(in.Members, o.ID)
	}
	return stats.CreateProject(ctx, tx, demoAdmin, org, in)
}

func demoProjectTargets(ctx context.Context, tx *sqlx.Tx, org cases.Organisation, id int64, network []cases.Organisation) error {
	in := []stats.TargetInput{{Measure: "contacts", Raw: "2400"}, {Measure: "consultations_held", Raw: "240"}}
	for _, o := range network {
		if t, ok := demoPartnerTargets[o.Name]; ok {
			in = append(in, stats.TargetInput{Measure: "contacts", OrgID: o.ID, Raw: strconv.Itoa(t[0])},
				stats.TargetInput{Measure: "consultations_held", OrgID: o.ID, Raw: strconv.Itoa(t[1])})
		}
	}
	return stats.SaveTargets(ctx, tx, demoAdmin, org, id, in)
}

func demoProjectCosts(ctx context.Context, tx *sqlx.Tx, org cases.Organisation, p stats.Project) error {
	var rows []stats.CostInputRow
	for _, y := range p.Years() {
		rows = append(rows, stats.CostInputRow{Year: y, PartnersShare: "30", Budget: "260000"})
	}
	return stats.SaveProjectCosts(ctx, tx, demoAdmin, org, p.ID, rows)
}

// demoStatsFigures are the key figures and the hub's staffing for the
// project's years, growing a little year by year.
func demoStatsFigures(ctx context.Context, tx *sqlx.Tx, org cases.Organisation, network []cases.Organisation, years []int) error {
	var keys []stats.KeyInput
	var staffing []stats.StaffingInput
	for i, y := range years {
		for _, o := range network {
			if k, ok := demoKeyFigures[o.Name]; ok {
				keys = append(keys, stats.KeyInput{OrgID: o.ID, Year: y, Raw: strconv.Itoa(k + 25*i)})
			}
		}
		staffing = append(staffing, stats.StaffingInput{Year: y, Raw: strconv.FormatFloat(3+0.5*float64(min(i, 1)), 'f', 1, 64)})
	}
	if err := stats.SaveKeyFigures(ctx, tx, demoAdmin, org, keys); err != nil {
		return err
	}
	return stats.SaveStaffing(ctx, tx, demoAdmin, org, staffing)
}

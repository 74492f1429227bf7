package stats

import "time"

// ProjectProgress is every target of a project against what was done by
// asOf: done gives the published cell of a measure for the project's
// period, for the whole project (orgID 0) or for a member's residents.
// Rows come in the targets' order.
func ProjectProgress(p Project, targets []Target, done func(measure string, orgID int64) Cell, asOf time.Time) []ProgressRow {
	rows := make([]ProgressRow, 0, len(targets))
	for _, t := range targets {
		r := Progress(float64(t.Value), done(t.Measure, t.OrgID), [2]Month{p.From, p.To}, asOf)
		r.Measure, r.OrgID = t.Measure, t.OrgID
		rows = append(rows, r)
	}
	return rows
}

// CostMember is a partner member of a project, with what its residents
// received in the report's period (published cells).
type CostMember struct {
	OrgID    int64
	Name     string
	Received Received
}

// ProjectCostInput assembles a year's cost split: the year's setting, the
// key figures of that year (a partner without one counts 0) and the
// partner members.
func ProjectCostInput(c ProjectCost, keys map[int64]int64, members []CostMember, totals Received) CostInput {
	in := CostInput{PartnersShare: c.PartnersShare, Budget: c.Budget.Float64, HasBudget: c.Budget.Valid, Totals: totals}
	for _, m := range members {
		in.Partners = append(in.Partners, CostPartner{OrgID: m.OrgID, Name: m.Name, Key: keys[m.OrgID],
			Contacts: m.Received.Contacts, Consultations: m.Received.Consultations, Requests: m.Received.Requests})
	}
	return in
}

package stats

import (
	"strings"

	"neuvo/cases"
)

// ProjectInput is the hub admin's project form, as typed.
type ProjectInput struct {
	Name    string
	Funder  string
	From    string // "2025-09"
	To      string // "2027-08"
	Members []int64
}

// maxProjectMembers bounds the member list before any per-member work.
const maxProjectMembers = 200

// validate checks the form; network lists the organisations of the hub's
// network, the only ones that may take part.
func (in *ProjectInput) validate(network []cases.Organisation) (Project, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Funder = strings.TrimSpace(in.Funder)
	var v cases.ValidationError
	v.RequiredText("name", in.Name, cases.MaxNameLen)
	v.Text("funder", in.Funder, cases.MaxNameLen)
	p := Project{Name: in.Name, Funder: in.Funder}
	var okFrom, okTo bool
	p.From, okFrom = monthField(&v, "from", in.From)
	p.To, okTo = monthField(&v, "to", in.To)
	if okFrom && okTo {
		switch n := ProjectMonths(p.From, p.To); {
		case n < 1:
			v.Add("to", "error.project_period_order")
		case n > maxProjectMonths:
			v.Add("to", "error.project_period_long")
		}
	}
	if len(in.Members) > maxProjectMembers {
		v.Add("members", "error.choose")
	} else {
		p.Members = memberIDs(&v, in.Members, network)
	}
	return p, v.Err()
}

func monthField(v *cases.ValidationError, field, raw string) (Month, bool) {
	if strings.TrimSpace(raw) == "" {
		v.Add(field, "error.required")
		return Month{}, false
	}
	m, ok := parseProjectMonth(raw)
	if !ok {
		v.Add(field, "error.month")
	}
	return m, ok
}

// memberIDs keeps the chosen organisations of the network, once each, in
// the network's order; anything else is a field error.
func memberIDs(v *cases.ValidationError, ids []int64, network []cases.Organisation) []int64 {
	chosen := map[int64]bool{}
	for _, id := range ids {
		chosen[id] = true
	}
	var out []int64
	for _, o := range network {
		if chosen[o.ID] {
			out = append(out, o.ID)
			delete(chosen, o.ID)
		}
	}
	if len(chosen) > 0 {
		v.Add("members", "error.choose")
	}
	if len(out) == 0 && v.For("members") == "" {
		v.Add("members", "error.project_members")
	}
	return out
}

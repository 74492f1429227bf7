package server

import (
	"slices"

	"neuvo/cases"
	"neuvo/cases/notify"
)

// Staff is the actor as the consultation rules see them: which side of
// the network they are on, and their roles.
func (a *actor) Staff() cases.Staff {
	name := a.User.DisplayName
	if name == "" {
		name = a.User.Subject
	}
	return cases.Staff{UserID: a.User.ID, Name: name, Email: a.User.Email, OrgID: a.Org.ID, Hub: a.Org.IsHub(), Roles: a.Roles}
}

// labels names taxonomy codes in the page's language, for the
// consultation and slot pages.
type labels struct {
	Tax  *cases.Taxonomy
	Lang string
}

// Label names a code.
func (l labels) Label(kind, code string) string { return l.Tax.Label(kind, code, l.Lang) }

// Labels names several codes.
func (l labels) Labels(kind string, codes []string) []string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = l.Label(kind, code)
	}
	return out
}

// Choices lists a taxonomy's active items as options, the selected ones
// marked; only lists the codes in within when it is not empty.
func (l labels) Choices(kind string, selected []string, within ...string) []option {
	var out []option
	for _, item := range l.Tax.Active(kind) {
		if len(within) > 0 && !slices.Contains(within, item.Code) {
			continue
		}
		label := item.Label(l.Lang)
		if item.Parent != "" {
			label = l.Tax.Label(kind, item.Parent, l.Lang) + " › " + label
		}
		out = append(out, option{Code: item.Code, Label: label, Parent: item.Parent, Selected: slices.Contains(selected, item.Code)})
	}
	return out
}

// Choice is Choices for one selected value.
func (l labels) Choice(kind, selected string, within ...string) []option {
	return l.Choices(kind, []string{selected}, within...)
}

// InterpreterKinds are the interpreter options of a consultation.
func (l labels) InterpreterKinds(selected string) []option {
	return l.Choice("interpreter", selected, cases.InterpreterKinds...)
}

// jobs queues the background work that commits with a request, such as
// telling the people of a consultation; nil without notifications.
func (s *Server) jobs() notify.Inserter { return s.cfg.Outbox.Jobs() }

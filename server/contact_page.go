package server

import (
	"slices"

	"neuvo/cases"
)

// contactPage is what the quick-entry and edit templates get.
type contactPage struct {
	Form    contactForm
	Errors  *cases.ValidationError
	Tax     *cases.Taxonomy
	Points  []cases.AdvicePoint
	Lang    string
	Saved   int64
	Client  *cases.Client
	Editing bool
	// SeesClients is false for roles that may not open client files: they
	// neither see nor change which client a contact belongs to.
	SeesClients bool
	// Hold is the consultation this contact records as held, if any: the
	// form posts there, and the client is the consultation's.
	Hold *cases.Consultation
}

// option is one choice in a select or a checkbox group.
type option struct {
	Code, Label, Parent string
	Selected            bool
}

// Choice lists a single-valued field's options: active items, plus the
// current value when it has been retired since.
func (p contactPage) Choice(kind, selected string) []option {
	return p.Choices(kind, []string{selected})
}

// Choices lists a multi-valued field's options.
func (p contactPage) Choices(kind string, selected []string) []option {
	var out []option
	for _, item := range p.Tax.All(kind) {
		chosen := slices.Contains(selected, item.Code)
		if item.Retired && !chosen {
			continue
		}
		label := item.Label(p.Lang)
		if item.Parent != "" {
			label = p.Tax.Label(kind, item.Parent, p.Lang) + " › " + label
		}
		out = append(out, option{Code: item.Code, Label: label, Parent: item.Parent, Selected: chosen})
	}
	return out
}

// Label names a code in the page's language.
func (p contactPage) Label(kind, code string) string { return p.Tax.Label(kind, code, p.Lang) }

// ActivePoints are the advice points new contacts may use, plus the
// current one when it has been closed since.
func (p contactPage) ActivePoints() []cases.AdvicePoint {
	return slices.DeleteFunc(slices.Clone(p.Points), func(ap cases.AdvicePoint) bool {
		return !ap.Active && idString(ap.ID) != p.Form.AdvicePoint
	})
}

// ProfileFields lists the anonymous profile's fields in form order.
func (p contactPage) ProfileFields() []cases.ProfileField { return cases.ProfileFields() }

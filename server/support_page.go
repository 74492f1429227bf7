package server

import (
	"errors"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/idguard"
	"neuvo/frontend"
)

// supportActor is the logged-in user as the support domain sees them.
func supportActor(c *gin.Context) cases.SupportActor {
	who := currentActor(c)
	return cases.SupportActor{UserID: who.User.ID, Name: who.User.DisplayName, OrgID: who.Org.ID, Roles: who.Roles}
}

// supportTools are the network's taxonomies and the identity guard built
// from them, which every support write needs.
func (s *Server) supportTools(c *gin.Context) (*cases.Taxonomy, cases.Guard, error) {
	tax, err := s.taxonomy(c)
	if err != nil {
		return nil, cases.Guard{}, err
	}
	guard, err := cases.LoadGuard(c.Request.Context(), requestTx(c), tax)
	return tax, guard, err
}

// supportView is what every support page shares: labels in the page's
// language, and the identity guard's findings of a failed save.
type supportView struct {
	Tax    *cases.Taxonomy
	Lang   string
	Errors *cases.ValidationError
	Guard  *cases.GuardError
}

// Label names a code in the page's language.
func (v supportView) Label(kind, code string) string { return v.Tax.Label(kind, code, v.Lang) }

// Labels names several codes.
func (v supportView) Labels(kind string, codes []string) []string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = v.Label(kind, code)
	}
	return out
}

// Choice lists a kind's active options, marking the chosen one.
func (v supportView) Choice(kind, chosen string) []option { return v.Choices(kind, []string{chosen}) }

// Choices lists a kind's active options, marking the chosen ones.
func (v supportView) Choices(kind string, chosen []string) []option {
	return contactPage{Tax: v.Tax, Lang: v.Lang}.Choices(kind, chosen)
}

// Segments cuts a stopped field's text at the guard's findings, so the
// page can mark them; nil when the guard did not stop the field.
func (v supportView) Segments(field string) []idguard.Segment {
	t := v.Guard.For(field)
	if t == nil {
		return nil
	}
	return idguard.Segments(t.Text, t.Findings)
}

// Findings lists what the guard found in a field.
func (v supportView) Findings(field string) []idguard.Finding {
	if t := v.Guard.For(field); t != nil {
		return t.Findings
	}
	return nil
}

// NeedsConfirm reports whether a field's findings are all warnings, which
// the writer may confirm.
func (v supportView) NeedsConfirm(field string) bool {
	fs := v.Findings(field)
	for _, f := range fs {
		if f.Severity != idguard.Warn {
			return false
		}
	}
	return len(fs) > 0
}

// failed takes a save's error apart for the page: its field errors and,
// when the identity guard stopped it, the findings. It reports whether
// the error was the user's to fix.
func (v *supportView) failed(err error) bool {
	var g *cases.GuardError
	if errors.As(err, &g) {
		v.Guard = g
	}
	var invalid *cases.ValidationError
	if errors.As(err, &invalid) {
		v.Errors = invalid
		return true
	}
	return false
}

// guardBox is what the guard_box partial shows for one field.
type guardBox struct {
	L        frontend.Lang
	Field    string
	Segments []idguard.Segment
	Findings []idguard.Finding
	Confirm  bool // only warnings: the writer may confirm them
}

// GuardBox feeds the guard_box partial, which has no $.
func (v supportView) GuardBox(l frontend.Lang, field string) guardBox {
	return guardBox{L: l, Field: field, Segments: v.Segments(field), Findings: v.Findings(field), Confirm: v.NeedsConfirm(field)}
}

// supportBody bounds the body of a support write: 5,000 characters of up
// to 4 bytes each, escaped in a form or a JSON string, and the rest of the
// form.
const supportBody = 64 << 10

package server

import (
	"errors"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
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
	guardView
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

// supportBody bounds the body of a support write: 5,000 characters of up
// to 4 bytes each, escaped in a form or a JSON string, and the rest of the
// form.
const supportBody = 64 << 10

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type contactView struct {
	Contact   cases.Contact
	FollowUp  *cases.FollowUp
	UserID    int64
	Roles     cases.Roles
	Tax       *cases.Taxonomy
	Lang      string
	CanChange bool
	Errors    *cases.ValidationError
	Reason    string
}

// Label names a code in the page's language.
func (v contactView) Label(kind, code string) string { return v.Tax.Label(kind, code, v.Lang) }

// Labels names several codes.
func (v contactView) Labels(kind string, codes []string) []string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = v.Label(kind, code)
	}
	return out
}

func (s *Server) contactShow(c *gin.Context) {
	view, err := s.contactView(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "contact_show", "contact.title", view)
}

func (s *Server) contactView(c *gin.Context) (contactView, error) {
	who := currentActor(c)
	contact, err := cases.GetContact(c.Request.Context(), requestTx(c), who.Roles, paramID(c))
	if err != nil {
		return contactView{}, err
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		return contactView{}, err
	}
	view := contactView{Contact: contact, Tax: tax, Lang: s.lang(c).Code, UserID: who.User.ID,
		Roles: who.Roles}
	if view.FollowUp, err = cases.ContactFollowUp(c.Request.Context(), requestTx(c), who.Roles, contact.ID); err != nil {
		return view, err
	}
	view.CanChange = contact.DeletedAt == nil && (who.Roles.Has(cases.RoleManager) ||
		(contact.AdviserID == who.User.ID && s.now().Sub(contact.CreatedAt) <= daysDuration(who.Org.ContactEditDays)))
	return view, nil
}

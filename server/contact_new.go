package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// contactNew shows the quick-entry form, prefilled from the adviser's
// previous entry and, for a client, from the client's profile.
func (s *Server) contactNew(c *gin.Context) {
	ctx, tx := c.Request.Context(), requestTx(c)
	in, err := cases.LastContactDefaults(ctx, tx)
	if err != nil {
		s.fail(c, err)
		return
	}
	var client *cases.Client
	if id, _ := strconv.ParseInt(c.Query("client"), 10, 64); id > 0 {
		found, err := cases.GetClient(ctx, tx, id)
		if err != nil {
			s.fail(c, err)
			return
		}
		client = &found
	}
	in = cases.DraftContact(in, client, s.now())
	page, err := s.contactPage(c, in, client)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Saved, _ = strconv.ParseInt(c.Query("saved"), 10, 64)
	s.render(c, http.StatusOK, "contact_form", "contact.new", page)
}

// contactCreate saves the form. "Save and new" returns to an empty form for
// the next client; a repeated post of the same form finds the first save.
func (s *Server) contactCreate(c *gin.Context) {
	form := readContactForm(c)
	page, in, err := s.parseContact(c, form, nil)
	if err == nil {
		var id int64
		id, _, err = cases.CreateContact(c.Request.Context(), requestTx(c), page.Tax, currentActor(c).Roles, in, s.now())
		if err == nil {
			s.redirect(c, afterSave(c, id))
			return
		}
	}
	if !s.formFailed(c, err, &page.Errors) {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusUnprocessableEntity, "contact_form", "contact.new", page)
}

func afterSave(c *gin.Context, id int64) string {
	if c.PostForm("next") == "new" {
		return "/contacts/new?saved=" + idString(id)
	}
	return "/contacts/" + idString(id)
}

// parseContact reads the form, resolves the client code and collects parse
// and domain errors together, so the adviser sees every problem at once.
func (s *Server) parseContact(c *gin.Context, form contactForm, had *cases.Contact) (contactPage, cases.ContactInput, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	var client *cases.Client
	var codeErr error
	if form.ClientCode != "" {
		found, err := cases.FindClientByCode(ctx, tx, form.ClientCode)
		switch {
		case err == nil:
			client = &found
		case errors.Is(err, cases.ErrNotFound):
			codeErr = fieldErr("client_code", "error.client_unknown")
		default:
			codeErr = err
		}
	}
	var clientID int64
	if client != nil {
		clientID = client.ID
	}
	in, parseErrs := form.input(clientID)
	page, err := s.contactPage(c, cases.ContactInput{}, client)
	if err != nil {
		return page, in, err
	}
	page.Form = form
	if err := parseErrs.Merge(codeErr); err != nil && !errors.As(err, new(*cases.ValidationError)) {
		return page, in, err
	}
	return page, in, parseErrs.Merge(in.Validate(page.Tax, s.now(), had))
}

func fieldErr(field, key string) error {
	v := &cases.ValidationError{}
	v.Add(field, key)
	return v
}

func (s *Server) contactPage(c *gin.Context, in cases.ContactInput, client *cases.Client) (contactPage, error) {
	tax, err := s.taxonomy(c)
	if err != nil {
		return contactPage{}, err
	}
	points, err := cases.AdvicePoints(c.Request.Context(), requestTx(c))
	if err != nil {
		return contactPage{}, err
	}
	if i := slices.IndexFunc(points, func(p cases.AdvicePoint) bool { return p.ID == in.AdvicePointID }); i < 0 || !points[i].Active {
		in.AdvicePointID = 0 // a new contact never starts at a closed point: it would be refused
		if len(points) > 0 && points[0].Active {
			in.AdvicePointID = points[0].ID
		}
	}
	code := ""
	if client != nil {
		code = client.Code
	}
	return contactPage{Form: contactFormFrom(in, code), Tax: tax, Points: points, Lang: s.lang(c).Code, Client: client,
		SeesClients: currentActor(c).Roles.SeesClients()}, nil
}

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type clientForm struct {
	ID     int64
	Code   string
	Input  cases.ClientInput
	Raw    map[string]string
	Errors *cases.ValidationError
	page   contactPage
}

// Choice lists a field's options with an empty "not set" first.
func (f clientForm) Choice(kind, selected string) []option { return f.page.Choice(kind, selected) }

// ProfileFields lists the profile fields in form order.
func (f clientForm) ProfileFields() []cases.ProfileField { return cases.ProfileFields() }

func readClientForm(c *gin.Context) (cases.ClientInput, map[string]string) {
	raw := map[string]string{"birth_year": c.PostForm("birth_year"), "household_size": c.PostForm("household_size")}
	return cases.ClientInput{IdempotencyKey: c.PostForm("idempotency_key"), Name: c.PostForm("name"), Phone: c.PostForm("phone"), Email: c.PostForm("email"),
		BirthYear: atoi(raw["birth_year"]), HouseholdSize: atoi(raw["household_size"]),
		ClientLanguage: c.PostForm("client_language"), Closed: c.PostForm("closed") == "on",
		Profile: cases.Profile{AgeBand: c.PostForm("age_band"), Gender: c.PostForm("gender"),
			Citizenship: c.PostForm("citizenship"), Municipality: c.PostForm("municipality"),
			ResidenceBasis: c.PostForm("residence_basis"), TimeInFinland: c.PostForm("time_in_finland"),
			LabourMarket: c.PostForm("labour_market")}}, raw
}

func (s *Server) clientFormPage(c *gin.Context, form clientForm) (clientForm, error) {
	tax, err := s.taxonomy(c)
	form.page = contactPage{Tax: tax, Lang: s.lang(c).Code}
	return form, err
}

func (s *Server) clientNew(c *gin.Context) {
	form, err := s.clientFormPage(c, clientForm{Raw: map[string]string{}, Input: cases.ClientInput{IdempotencyKey: cases.NewIdempotencyKey()}})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "client_form", "client.new", form)
}

func (s *Server) clientCreate(c *gin.Context) {
	in, raw := readClientForm(c)
	form, err := s.clientFormPage(c, clientForm{Input: in, Raw: raw})
	if err != nil {
		s.fail(c, err)
		return
	}
	client, _, err := cases.CreateClient(c.Request.Context(), requestTx(c), form.page.Tax, currentActor(c).Roles, in, s.now())
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "client_form", "client.new", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/clients/"+idString(client.ID))
}

// clientEdit shows the identifying details in the form: an audited read
// with the session's purpose, like opening the file.
func (s *Server) clientEdit(c *gin.Context) {
	purpose, ok := s.askPurpose(c, "edit")
	if !ok {
		return
	}
	client, err := cases.ClientForEdit(c.Request.Context(), requestTx(c), currentActor(c).Roles, paramID(c), purpose)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := cases.ClientInput{Name: client.Name, Phone: client.Phone, Email: client.Email, ClientLanguage: client.ClientLanguage,
		Profile: client.Profile, Closed: client.Status == "closed"}
	raw := map[string]string{}
	if client.BirthYear != nil {
		in.BirthYear, raw["birth_year"] = *client.BirthYear, idString(int64(*client.BirthYear))
	}
	if client.HouseholdSize != nil {
		in.HouseholdSize, raw["household_size"] = *client.HouseholdSize, idString(int64(*client.HouseholdSize))
	}
	form, err := s.clientFormPage(c, clientForm{ID: client.ID, Code: client.Code, Input: in, Raw: raw})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "client_form", "client.edit", form)
}

func (s *Server) clientUpdate(c *gin.Context) {
	ctx, tx := c.Request.Context(), requestTx(c)
	client, err := cases.GetClient(ctx, tx, paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	in, raw := readClientForm(c)
	form, err := s.clientFormPage(c, clientForm{ID: client.ID, Code: client.Code, Input: in, Raw: raw})
	if err != nil {
		s.fail(c, err)
		return
	}
	_, err = cases.UpdateClient(ctx, tx, form.page.Tax, currentActor(c).Roles, client.ID, in, s.now())
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "client_form", "client.edit", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/clients/"+idString(client.ID))
}

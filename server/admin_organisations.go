package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/auth"
	"neuvo/cases"
)

type organisationForm struct {
	ID        int64
	New       bool
	Input     cases.OrganisationInput
	Kind      string
	HasSecret bool
	Errors    *cases.ValidationError

	// ProviderChecked: the stored provider settings were tried; Provider
	// says what stops them working, nil when they work.
	ProviderChecked bool
	Provider        *auth.ProviderProblem
}

func (s *Server) organisationList(c *gin.Context) {
	orgs, err := cases.ManagedOrganisations(c.Request.Context(), requestTx(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_organisations", "admin.organisations", orgs)
}

func (s *Server) organisationNew(c *gin.Context) {
	if !currentActor(c).Org.IsHub() {
		s.errorPage(c, http.StatusForbidden)
		return
	}
	form := organisationForm{New: true, Kind: cases.KindPartner, Input: cases.OrganisationInput{Active: true, ContactEditDays: 14}}
	s.render(c, http.StatusOK, "admin_organisation_form", "admin.organisation_new", form)
}

func (s *Server) organisationCreate(c *gin.Context) {
	who := currentActor(c)
	form := organisationForm{New: true, Kind: cases.KindPartner, Input: organisationInput(c)}
	id, err := cases.CreatePartner(c.Request.Context(), requestTx(c), who.Roles, form.Input)
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "admin_organisation_form", "admin.organisation_new", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/organisations?saved="+idString(id))
}

func (s *Server) organisationEdit(c *gin.Context) {
	org, err := cases.GetManagedOrganisation(c.Request.Context(), requestTx(c), paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	form := organisationForm{ID: org.ID, Kind: org.Kind, HasSecret: org.ClientSecret != "", Input: cases.OrganisationInput{
		Name: org.Name, MunicipalityCode: org.MunicipalityCode, Issuer: org.Issuer, ClientID: org.ClientID,
		RoleClaim: org.RoleClaim, RoleMap: org.RoleMap.String(), Active: org.Active, ContactEditDays: org.ContactEditDays,
	}}
	if org.Issuer != "" {
		// Users only learn that their login service is not answering; the
		// admin sees why (discovery is remembered, so this rarely waits).
		form.ProviderChecked, form.Provider = true, s.providers.Check(org)
	}
	s.render(c, http.StatusOK, "admin_organisation_form", "admin.organisation_edit", form)
}

func (s *Server) organisationUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	org, err := cases.GetManagedOrganisation(ctx, requestTx(c), paramID(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	form := organisationForm{ID: org.ID, Kind: org.Kind, HasSecret: org.ClientSecret != "", Input: organisationInput(c)}
	err = cases.UpdateOrganisation(ctx, requestTx(c), currentActor(c).Roles, org.ID, form.Input)
	if s.formFailed(c, err, &form.Errors) {
		s.render(c, http.StatusUnprocessableEntity, "admin_organisation_form", "admin.organisation_edit", form)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/organisations?saved="+idString(org.ID))
}

func organisationInput(c *gin.Context) cases.OrganisationInput {
	return cases.OrganisationInput{
		Name: c.PostForm("name"), MunicipalityCode: c.PostForm("municipality_code"),
		Issuer: c.PostForm("issuer"), ClientID: c.PostForm("client_id"), ClientSecret: c.PostForm("client_secret"),
		RoleClaim: c.PostForm("role_claim"), RoleMap: c.PostForm("role_map"), Active: c.PostForm("active") == "on",
		ContactEditDays: editDays(c.PostForm("contact_edit_days")),
	}
}

// editDays reads the edit window; an unreadable value fails validation.
func editDays(raw string) int {
	if raw == "" {
		return 14
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return -1
	}
	return n
}

// formFailed reports whether err is a validation error, storing it for the
// form so the page can show each message next to its field.
func (s *Server) formFailed(c *gin.Context, err error, into **cases.ValidationError) bool {
	var v *cases.ValidationError
	if errors.As(err, &v) {
		*into = v
		return true
	}
	return false
}

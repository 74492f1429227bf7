package cases

import (
	"context"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// CreateNetwork starts a network with its hub organisation. It must run as
// the owner role: the service role cannot create networks, which is what
// makes the "first organisation of a network is its hub" policy safe.
func CreateNetwork(ctx context.Context, owner *sqlx.DB, network string, hub OrganisationInput) (int64, error) {
	roles, err := hub.Validate()
	if err != nil {
		return 0, err
	}
	tx, err := owner.BeginTxx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var networkID, hubID int64
	if err := tx.GetContext(ctx, &networkID, `INSERT INTO networks (name) VALUES ($1) RETURNING id`, network); err != nil {
		return 0, uniqueAsField(err, "name")
	}
	err = tx.GetContext(ctx, &hubID, `INSERT INTO organisations (network_id, name, municipality_code, kind,
		oidc_issuer, oidc_client_id, oidc_client_secret, oidc_role_claim, oidc_role_map, active, contact_edit_days)
		VALUES ($1, $2, nullif($3, ''), 'hub', nullif($4, ''), $5, $6, $7, $8, $9, $10) RETURNING id`,
		networkID, hub.Name, hub.MunicipalityCode, hub.Issuer, hub.ClientID, hub.ClientSecret, hub.RoleClaim, roles, hub.Active,
		hub.ContactEditDays)
	if err != nil {
		return 0, uniqueAsField(err, "name", "issuer")
	}
	if err := SetScope(ctx, tx, Scope{OrgID: hubID}); err != nil {
		return 0, err
	}
	if err := SeedStandardTaxonomy(ctx, tx); err != nil {
		return 0, err
	}
	if err := Audit(ctx, tx, Event{Action: "organisation.create", RecordType: "organisation",
		RecordID: strconv.FormatInt(hubID, 10), Purpose: "bootstrap"}); err != nil {
		return 0, err
	}
	return hubID, tx.Commit()
}

// PreRegisterUser adds a user to the current organisation before their first
// login, so their roles are ready when they arrive.
func PreRegisterUser(ctx context.Context, q sqlx.ExtContext, actor Roles, id LoginIdentity) (int64, error) {
	if err := id.Validate(); err != nil {
		return 0, err
	}
	var userID int64
	err := sqlx.GetContext(ctx, q, &userID, `INSERT INTO users (org_id, issuer, subject, display_name, email)
		VALUES (app_org_id(), $1, $2, $3, $4) RETURNING id`, id.Issuer, id.Subject, id.Name, id.Email)
	if err != nil {
		return 0, uniqueAsField(err, "subject")
	}
	if err := replaceRoles(ctx, q, userID, id.SeedRoles); err != nil {
		return 0, err
	}
	return userID, Audit(ctx, q, Event{Action: "user.create", RecordType: "user",
		RecordID: strconv.FormatInt(userID, 10), ActorRoles: actor, Purpose: "administration"})
}

// Validate checks what an admin typed to pre-register a user, trimming it.
func (id *LoginIdentity) Validate() error {
	var v ValidationError
	id.Subject, id.Name, id.Email = strings.TrimSpace(id.Subject), strings.TrimSpace(id.Name), strings.TrimSpace(id.Email)
	v.RequiredText("subject", id.Subject, MaxSubjectLen)
	v.Text("name", id.Name, MaxNameLen)
	if v.Text("email", id.Email, MaxEmailLen) && id.Email != "" && !strings.Contains(id.Email, "@") {
		v.Add("email", "error.email")
	}
	if id.Issuer == "" {
		v.Add("subject", "error.no_issuer")
	}
	return v.Err()
}

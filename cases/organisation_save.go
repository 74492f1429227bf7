package cases

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// OrganisationInput is what an admin may change about an organisation.
// A blank ClientSecret keeps the stored one: secrets are never shown back.
type OrganisationInput struct {
	Name             string
	MunicipalityCode string
	Issuer           string
	ClientID         string
	ClientSecret     string
	RoleClaim        string
	RoleMap          string
	Active           bool
	ContactEditDays  int
}

var municipalityCode = regexp.MustCompile(`^[0-9]{3}$`)

// Validate checks the input and returns the parsed role map.
func (in *OrganisationInput) Validate() (RoleMap, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.MunicipalityCode = strings.TrimSpace(in.MunicipalityCode)
	in.Issuer = strings.TrimSpace(in.Issuer)
	in.ClientID = strings.TrimSpace(in.ClientID)
	in.RoleClaim = strings.TrimSpace(in.RoleClaim)
	var v ValidationError
	v.RequiredText("name", in.Name, MaxNameLen)
	if in.MunicipalityCode != "" && !municipalityCode.MatchString(in.MunicipalityCode) {
		v.Add("municipality_code", "error.municipality_code")
	}
	if v.Text("issuer", in.Issuer, MaxURLLen) && in.Issuer != "" && !validIssuer(in.Issuer) {
		v.Add("issuer", "error.issuer_url")
	}
	if v.Text("client_id", in.ClientID, MaxNameLen) && in.Issuer != "" && in.ClientID == "" {
		v.Add("client_id", "error.required")
	}
	v.Text("client_secret", in.ClientSecret, MaxSecretLen)
	if v.Text("role_claim", in.RoleClaim, MaxNameLen) {
		if _, err := ParseClaimPath(in.RoleClaim); err != nil {
			v.Add("role_claim", "error.claim_path")
		}
	}
	v.InRange("contact_edit_days", int64(in.ContactEditDays), 0, 365, "error.edit_days")
	var roles RoleMap
	if v.Text("role_map", in.RoleMap, MaxRoleMapLen) {
		var err error
		if roles, err = ParseRoleMap(in.RoleMap); err != nil {
			v.Add("role_map", "error.role_map")
		}
	}
	return roles, v.Err()
}

// validIssuer accepts https URLs, and http only for the local machine (the
// demo provider).
func validIssuer(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	local := u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1"
	return u.Scheme == "https" || (u.Scheme == "http" && local)
}

// UpdateOrganisation saves an admin's change and audits it.
func UpdateOrganisation(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64, in OrganisationInput) error {
	roles, err := in.Validate()
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE organisations SET name = $2, municipality_code = nullif($3, ''),
		oidc_issuer = nullif($4, ''), oidc_client_id = $5,
		oidc_client_secret = CASE WHEN $6 = '' THEN oidc_client_secret ELSE $6 END,
		oidc_role_claim = $7, oidc_role_map = $8, active = $9, contact_edit_days = $10, updated_at = now()
		WHERE id = $1 AND (id = app_org_id() OR network_id = app_hub_network_id())`,
		id, in.Name, in.MunicipalityCode, in.Issuer, in.ClientID, in.ClientSecret, in.RoleClaim, roles, in.Active, in.ContactEditDays)
	if err := uniqueAsField(err, "name", "issuer"); err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	if err := endSessionsIfInactive(ctx, q, id, in.Active); err != nil {
		return err
	}
	return Audit(ctx, q, Event{Action: "organisation.update", RecordType: "organisation",
		RecordID: strconv.FormatInt(id, 10), ActorRoles: actor, Purpose: "administration",
		Details: map[string]any{"issuer_changed": in.Issuer, "secret_changed": in.ClientSecret != ""}})
}

// endSessionsIfInactive logs out everyone of a deactivated organisation in
// the deactivating transaction, so it takes effect at once. The sessions of
// a hub's partners are outside the hub's scope: the database function
// (migration 007) checks the caller manages the organisation.
func endSessionsIfInactive(ctx context.Context, q sqlx.ExecerContext, orgID int64, active bool) error {
	if active {
		return nil
	}
	_, err := q.ExecContext(ctx, `SELECT app_end_organisation_sessions($1)`, orgID)
	return err
}

// CreatePartner adds a partner organisation to the current hub's network.
func CreatePartner(ctx context.Context, q sqlx.ExtContext, actor Roles, in OrganisationInput) (int64, error) {
	roles, err := in.Validate()
	if err != nil {
		return 0, err
	}
	var id int64
	err = sqlx.GetContext(ctx, q, &id, `INSERT INTO organisations (network_id, name, municipality_code, kind,
		oidc_issuer, oidc_client_id, oidc_client_secret, oidc_role_claim, oidc_role_map, active, contact_edit_days)
		SELECT app_hub_network_id(), $1, nullif($2, ''), 'partner', nullif($3, ''), $4, $5, $6, $7, $8, $9
		WHERE app_hub_network_id() IS NOT NULL RETURNING id`,
		in.Name, in.MunicipalityCode, in.Issuer, in.ClientID, in.ClientSecret, in.RoleClaim, roles, in.Active, in.ContactEditDays)
	if err := uniqueAsField(notFound(err), "name", "issuer"); err != nil {
		if err == ErrNotFound {
			return 0, ErrForbidden
		}
		return 0, err
	}
	return id, Audit(ctx, q, Event{Action: "organisation.create", RecordType: "organisation",
		RecordID: strconv.FormatInt(id, 10), ActorRoles: actor, Purpose: "administration"})
}

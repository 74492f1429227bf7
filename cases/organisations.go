package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// Organisation is a municipality or other body with its own users, records
// and OpenID provider.
type Organisation struct {
	ID               int64     `db:"id"`
	NetworkID        int64     `db:"network_id"`
	Name             string    `db:"name"`
	MunicipalityCode string    `db:"municipality_code"`
	Kind             string    `db:"kind"`
	Issuer           string    `db:"oidc_issuer"`
	ClientID         string    `db:"oidc_client_id"`
	ClientSecret     string    `db:"oidc_client_secret"`
	RoleClaim        string    `db:"oidc_role_claim"`
	RoleMap          RoleMap   `db:"oidc_role_map"`
	Active           bool      `db:"active"`
	ContactEditDays  int       `db:"contact_edit_days"`
	UpdatedAt        time.Time `db:"updated_at"`
}

// Organisation kinds.
const (
	KindHub     = "hub"
	KindPartner = "partner"
)

// IsHub reports whether the organisation serves its network's partners.
func (o Organisation) IsHub() bool { return o.Kind == KindHub }

const organisationColumns = `id, network_id, name, coalesce(municipality_code, '') AS municipality_code, kind,
	coalesce(oidc_issuer, '') AS oidc_issuer, oidc_client_id, oidc_client_secret, oidc_role_claim,
	oidc_role_map, active, contact_edit_days, updated_at`

// LoginOrganisations lists the active organisations that have an OpenID
// provider, for the login page.
func LoginOrganisations(ctx context.Context, q sqlx.QueryerContext) ([]Organisation, error) {
	var out []Organisation
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+organisationColumns+` FROM organisations
		WHERE active AND oidc_issuer IS NOT NULL ORDER BY kind = 'partner', name`)
	return out, err
}

// AllOrganisations lists every organisation, for building the OpenID
// providers at start-up.
func AllOrganisations(ctx context.Context, q sqlx.QueryerContext) ([]Organisation, error) {
	var out []Organisation
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+organisationColumns+` FROM organisations ORDER BY id`)
	return out, err
}

// GetOrganisation reads one organisation.
func GetOrganisation(ctx context.Context, q sqlx.QueryerContext, id int64) (Organisation, error) {
	var o Organisation
	err := sqlx.GetContext(ctx, q, &o, `SELECT `+organisationColumns+` FROM organisations WHERE id = $1`, id)
	return o, notFound(err)
}

// ManagedOrganisations lists what the current organisation's admins manage:
// itself and, for a hub, every organisation of its network.
func ManagedOrganisations(ctx context.Context, q sqlx.QueryerContext) ([]Organisation, error) {
	var out []Organisation
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+organisationColumns+` FROM organisations
		WHERE id = app_org_id() OR network_id = app_hub_network_id() ORDER BY kind = 'partner', name`)
	return out, err
}

// GetManagedOrganisation reads an organisation the current one manages.
func GetManagedOrganisation(ctx context.Context, q sqlx.QueryerContext, id int64) (Organisation, error) {
	var o Organisation
	err := sqlx.GetContext(ctx, q, &o, `SELECT `+organisationColumns+` FROM organisations
		WHERE id = $1 AND (id = app_org_id() OR network_id = app_hub_network_id())`, id)
	return o, notFound(err)
}

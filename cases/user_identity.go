package cases

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// OrganisationsWithIssuer lists the active organisations whose users log in
// at the issuer: the candidates for a bearer token's "iss".
func OrganisationsWithIssuer(ctx context.Context, q sqlx.QueryerContext, issuer string) ([]Organisation, error) {
	if !Storable(issuer) { // read from a token nobody has verified yet: no organisation has it
		return nil, nil
	}
	var out []Organisation
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+organisationColumns+` FROM organisations
		WHERE active AND oidc_issuer = $1 ORDER BY id`, issuer)
	return out, err
}

// UserByIdentity finds the current organisation's user for a verified
// (issuer, subject). API access needs a user who has logged in once or was
// added by an admin: a token alone never creates one.
func UserByIdentity(ctx context.Context, q sqlx.QueryerContext, issuer, subject string) (User, error) {
	if !Storable(issuer) || !Storable(subject) {
		return User{}, ErrNotFound
	}
	var u User
	err := sqlx.GetContext(ctx, q, &u, `SELECT `+userColumns+` FROM users u
		WHERE u.issuer = $1 AND u.subject = $2`, issuer, subject)
	return u, notFound(err)
}

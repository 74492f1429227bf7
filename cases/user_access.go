package cases

import (
	"context"
	"strconv"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// UserAccess is what an admin decides about a user.
type UserAccess struct {
	Roles  Roles
	Active bool
}

// UpdateUserAccess sets a user's roles and active flag. Deactivating ends
// the user's sessions in the same transaction, so it takes effect at once.
// Admins cannot take away their own admin role or deactivate themselves:
// the organisation would risk having no admin left.
func UpdateUserAccess(ctx context.Context, q sqlx.ExtContext, actor Roles, actorID, id int64, in UserAccess) error {
	if id == actorID && (!in.Active || !in.Roles.Has(RoleAdmin)) {
		v := &ValidationError{}
		v.Add("roles", "error.own_admin")
		return v
	}
	res, err := q.ExecContext(ctx, `UPDATE users SET active = $2 WHERE id = $1`, id, in.Active)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	if err := replaceRoles(ctx, q, id, in.Roles); err != nil {
		return err
	}
	if !in.Active {
		if _, err := q.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return err
		}
	}
	return Audit(ctx, q, Event{Action: "user.access", RecordType: "user", RecordID: strconv.FormatInt(id, 10),
		ActorRoles: actor, Purpose: "administration",
		Details: map[string]any{"roles": in.Roles.Strings(), "active": in.Active}})
}

func replaceRoles(ctx context.Context, q sqlx.ExecerContext, userID int64, roles Roles) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, userID); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO user_roles (org_id, user_id, role)
		SELECT app_org_id(), $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, userID, pq.Array(roles.Strings()))
	return err
}

// LoginIdentity is what a verified ID token says about a user.
type LoginIdentity struct {
	Issuer, Subject, Name, Email string
	SeedRoles                    Roles
}

// UserForLogin finds the user with the identity in the current organisation
// or creates them with the seeded roles, and records the login. It returns
// ErrForbidden for a deactivated user.
func UserForLogin(ctx context.Context, q sqlx.ExtContext, id LoginIdentity) (User, error) {
	// The name and e-mail only label the user: text the provider sent that
	// cannot be stored must not stop the login.
	id.Name, id.Email = CleanText(id.Name, MaxNameLen), CleanText(id.Email, MaxEmailLen)
	var row struct {
		ID      int64 `db:"id"`
		Active  bool  `db:"active"`
		Created bool  `db:"created"`
	}
	err := sqlx.GetContext(ctx, q, &row, `INSERT INTO users (org_id, issuer, subject, display_name, email, last_login_at)
		VALUES (app_org_id(), $1, $2, $3, $4, now())
		ON CONFLICT (issuer, subject) DO UPDATE SET display_name = excluded.display_name,
			email = excluded.email, last_login_at = now()
		RETURNING id, active, (xmax = 0) AS created`, id.Issuer, id.Subject, id.Name, id.Email)
	if err != nil {
		return User{}, err
	}
	if !row.Active {
		return User{}, ErrForbidden
	}
	if row.Created && len(id.SeedRoles) > 0 {
		if err := replaceRoles(ctx, q, row.ID, id.SeedRoles); err != nil {
			return User{}, err
		}
	}
	return GetUser(ctx, q, row.ID)
}

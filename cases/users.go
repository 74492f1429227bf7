package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// User is a person who logs in, keyed by their provider's (issuer, subject).
type User struct {
	ID          int64          `db:"id"`
	OrgID       int64          `db:"org_id"`
	Issuer      string         `db:"issuer"`
	Subject     string         `db:"subject"`
	DisplayName string         `db:"display_name"`
	Email       string         `db:"email"`
	Language    string         `db:"language"`
	Active      bool           `db:"active"`
	LastLoginAt *time.Time     `db:"last_login_at"`
	RoleNames   pq.StringArray `db:"roles"`
}

// Roles returns the user's roles.
func (u User) Roles() Roles {
	out := make(Roles, 0, len(u.RoleNames))
	for _, name := range u.RoleNames {
		if r, ok := ParseRole(name); ok {
			out = append(out, r)
		}
	}
	return out
}

const userColumns = `u.id, u.org_id, u.issuer, u.subject, u.display_name, u.email, u.language, u.active,
	u.last_login_at, array(SELECT role FROM user_roles r WHERE r.user_id = u.id ORDER BY role) AS roles`

// Users lists the organisation's users.
func Users(ctx context.Context, q sqlx.QueryerContext) ([]User, error) {
	var out []User
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+userColumns+` FROM users u
		ORDER BY NOT u.active, u.display_name, u.id`)
	return out, err
}

// GetUser reads one of the organisation's users with their roles.
func GetUser(ctx context.Context, q sqlx.QueryerContext, id int64) (User, error) {
	var u User
	err := sqlx.GetContext(ctx, q, &u, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id)
	return u, notFound(err)
}

// SetLanguage remembers the current user's language choice.
func SetLanguage(ctx context.Context, q sqlx.ExecerContext, lang string) error {
	_, err := q.ExecContext(ctx, `UPDATE users SET language = $1 WHERE id = app_user_id()`, lang)
	return err
}

package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrNoSession means the browser's session is unknown, expired or ended.
var ErrNoSession = errors.New("no session")

// SessionPolicy bounds a session's life.
type SessionPolicy struct {
	Idle     time.Duration // ends after this long without a request
	Absolute time.Duration // ends this long after login, whatever happens
}

// Session is a logged-in browser.
type Session struct {
	OrgID      int64     `db:"org_id"`
	UserID     int64     `db:"user_id"`
	IDToken    string    `db:"id_token"`
	LastSeenAt time.Time `db:"last_seen_at"`
	ExpiresAt  time.Time `db:"expires_at"`
	secret     string
}

// touchEvery limits writes: last_seen_at moves at most once a minute.
const touchEvery = time.Minute

// StartSession creates a session with a new secret in a transaction already
// scoped to the user's organisation and returns the secret for the cookie.
// The browser's old session, if any, is never reused: a new id at every
// login defeats session fixation.
func StartSession(ctx context.Context, tx *sqlx.Tx, policy SessionPolicy, userID int64, idToken string) (string, error) {
	secret := newSecret()
	_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, org_id, user_id, id_token, expires_at)
		VALUES ($1, app_org_id(), $2, $3, $4)`, hashSecret(secret), userID, idToken, time.Now().Add(policy.Absolute))
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE org_id = app_org_id() AND expires_at < now()`)
	return secret, err
}

// Resume finds the session for the browser's secret and scopes the
// transaction to its organisation and user.
func Resume(ctx context.Context, tx *sqlx.Tx, policy SessionPolicy, secret string) (Session, error) {
	if secret == "" {
		return Session{}, ErrNoSession
	}
	var s Session
	err := tx.GetContext(ctx, &s, `SELECT org_id, user_id, id_token, last_seen_at, expires_at
		FROM app_resume_session($1, make_interval(secs => $2), make_interval(secs => $3))`,
		hashSecret(secret), policy.Idle.Seconds(), touchEvery.Seconds())
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNoSession
	}
	s.secret = secret
	return s, err
}

// End deletes the session in a transaction scoped to it.
func (s Session) End(ctx context.Context, tx *sqlx.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, hashSecret(s.secret))
	return err
}

// ClientPurpose is the purpose this session gave when it last opened a
// client file ("" when none yet, and always for bearer requests, which
// have no session).
func (s Session) ClientPurpose(ctx context.Context, q sqlx.QueryerContext) (code, text string, err error) {
	if s.secret == "" {
		return "", "", nil
	}
	err = q.QueryRowxContext(ctx, `SELECT client_purpose, client_purpose_text FROM sessions WHERE id_hash = $1`,
		hashSecret(s.secret)).Scan(&code, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return code, text, err
}

// RememberClientPurpose keeps the purpose for the rest of the session.
func (s Session) RememberClientPurpose(ctx context.Context, q sqlx.ExecerContext, code, text string) error {
	if s.secret == "" {
		return ErrNoSession
	}
	_, err := q.ExecContext(ctx, `UPDATE sessions SET client_purpose = $2, client_purpose_text = $3 WHERE id_hash = $1`,
		hashSecret(s.secret), code, text)
	return err
}

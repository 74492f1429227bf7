package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/jmoiron/sqlx"
	"golang.org/x/oauth2"

	"neuvo/cases"
)

// LoginLifetime is how long a user has to finish at their provider.
const LoginLifetime = 10 * time.Minute

// ErrLogin is every reason a login callback is refused. Users see one
// generic message; the wrapped reason goes to the log.
var ErrLogin = errors.New("login refused")

func refuse(reason string, args ...any) error {
	return fmt.Errorf("%w: "+reason, append([]any{ErrLogin}, args...)...)
}

// Transaction is a login under way, kept server-side and used once.
type Transaction struct {
	OrgID     int64     `db:"org_id"`
	Issuer    string    `db:"issuer"`
	Nonce     string    `db:"nonce"`
	Verifier  string    `db:"verifier"`
	ReturnTo  string    `db:"return_to"`
	ExpiresAt time.Time `db:"expires_at"`
}

// Begin stores a login transaction and returns the provider's authorization
// URL and the state, which the caller also keeps in a cookie so that the
// callback is bound to this browser.
func (p *Provider) Begin(ctx context.Context, tx *sqlx.Tx, returnTo string) (authURL, state string, err error) {
	state, nonce, verifier := newSecret(), newSecret(), oauth2.GenerateVerifier()
	if err := cases.SetSecret(ctx, tx, "app.login_state", hashSecret(state)); err != nil {
		return "", "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO login_transactions
		(state_hash, org_id, issuer, nonce, verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		hashSecret(state), p.OrgID, p.Issuer, nonce, verifier, returnTo, time.Now().Add(LoginLifetime))
	if err != nil {
		return "", "", err
	}
	url := p.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
	return url, state, nil
}

// Consume takes the login transaction for state out of the database in its
// own committed transaction, so it cannot be used again even when the rest
// of the login fails.
func Consume(ctx context.Context, db *sqlx.DB, state, cookieState string) (Transaction, error) {
	if state == "" || !equalSecrets(state, cookieState) {
		return Transaction{}, refuse("state does not match this browser's login")
	}
	var t Transaction
	err := inTx(ctx, db, func(tx *sqlx.Tx) error {
		if err := cases.SetSecret(ctx, tx, "app.login_state", hashSecret(state)); err != nil {
			return err
		}
		return tx.GetContext(ctx, &t, `DELETE FROM login_transactions WHERE state_hash = $1
			RETURNING org_id, issuer, nonce, verifier, return_to, expires_at`, hashSecret(state))
	})
	if errors.Is(err, sql.ErrNoRows) {
		return t, refuse("unknown or already used login transaction")
	}
	if err == nil && time.Now().After(t.ExpiresAt) {
		return t, refuse("login transaction expired")
	}
	return t, err
}

func inTx(ctx context.Context, db *sqlx.DB, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

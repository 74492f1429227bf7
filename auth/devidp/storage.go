package devidp

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	loginLifetime = 15 * time.Minute // from authorize to picking a user
	codeLifetime  = 5 * time.Minute  // RFC 6749 recommends at most 10
)

var (
	errUnknownRequest = errors.New("unknown or expired auth request")
	errInvalidCode    = errors.New("code invalid, expired or already used")
	errUnknownClient  = errors.New("unknown client")
)

// storage is a small op.Storage of our own, one per issuer, instead of
// zitadel's example storage: that one keeps clients in a package-level map
// and reads some maps without its lock. Everything here is guarded by mu.
type storage struct {
	users  map[string]User // by subject; read-only after newStorage
	client *client         // read-only
	key    *signingKey     // read-only

	mu       sync.Mutex
	requests map[string]*authRequest // by id
	codes    map[string]string       // code -> auth request id
	tokens   map[string]accessToken  // by token id
}

var _ interface {
	op.Storage
	op.CanSetUserinfoFromRequest
	op.CanGetPrivateClaimsFromRequest
} = (*storage)(nil)

func newStorage(users []User, c *client, key *signingKey) *storage {
	s := &storage{
		users:    make(map[string]User, len(users)),
		client:   c,
		key:      key,
		requests: map[string]*authRequest{},
		codes:    map[string]string{},
		tokens:   map[string]accessToken{},
	}
	for _, u := range users {
		s.users[u.Subject] = u
	}
	return s
}

// CreateAuthRequest is stricter than zitadel, which accepts a confidential
// client without PKCE (or with plain): this provider exists to catch
// relying-party bugs, so it insists on S256 and a nonce.
func (s *storage) CreateAuthRequest(_ context.Context, r *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if slices.Contains(r.Prompt, oidc.PromptNone) {
		// There is no SSO session, so a login without the picker is impossible.
		return nil, oidc.ErrLoginRequired()
	}
	if r.CodeChallenge == "" || r.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("demo provider requires PKCE with code_challenge_method=S256")
	}
	if r.Nonce == "" {
		return nil, oidc.ErrInvalidRequest().WithDescription("demo provider requires a nonce")
	}

	now := time.Now()
	req := newAuthRequest(rand.Text(), r, now)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pruneLocked(now)
	s.requests[req.id] = req
	return req.clone(), nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.requests[id]
	if !ok || time.Since(req.createdAt) > loginLifetime {
		return nil, errUnknownRequest
	}
	return req.clone(), nil
}

// AuthRequestByCode leaves the code in place: a failed exchange (say, a
// wrong PKCE verifier) must not burn it, or x/oauth2's retry with the other
// client auth style would hide the real error behind "invalid code".
// redeemLocked makes the code one-time once the exchange succeeds.
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.requests[s.codes[code]]
	if !ok || req.code != code || req.redeemed || time.Since(req.codeIssuedAt) > codeLifetime {
		return nil, errInvalidCode
	}
	return req.clone(), nil
}

// redeemLocked marks the auth request's code as used. zitadel deletes the
// auth request only after creating the tokens, so without this two
// concurrent exchanges of one code could both succeed (RFC 6749 §4.1.2).
func (s *storage) redeemLocked(id string) error {
	req, ok := s.requests[id]
	if !ok || req.redeemed {
		return oidc.ErrInvalidGrant().WithDescription("code already used")
	}
	req.redeemed = true
	return nil
}

// SaveAuthCode allows one code per auth request, so replaying the login
// callback cannot mint a second code for the same login.
func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.requests[id]
	if !ok || !req.done {
		return errUnknownRequest
	}
	if req.code != "" {
		return oidc.ErrInvalidRequest().WithDescription("a code was already issued for this login")
	}
	req.code = code
	req.codeIssuedAt = time.Now()
	s.codes[code] = id
	return nil
}

func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req, ok := s.requests[id]; ok {
		delete(s.codes, req.code)
		delete(s.requests, id)
	}
	return nil
}

// pendingLogin reports whether the login page may be shown for id.
func (s *storage) pendingLogin(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.requests[id]
	if !ok || req.done || time.Since(req.createdAt) > loginLifetime {
		return errUnknownRequest
	}
	return nil
}

// completeLogin marks the auth request as authenticated as subject.
func (s *storage) completeLogin(id, subject string) error {
	if _, ok := s.users[subject]; !ok {
		return errors.New("unknown user")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.requests[id]
	if !ok || req.done || time.Since(req.createdAt) > loginLifetime {
		return errUnknownRequest
	}
	req.subject = subject
	req.authTime = time.Now()
	req.done = true
	return nil
}

// pruneLocked bounds memory for a long `make run`.
func (s *storage) pruneLocked(now time.Time) {
	for id, req := range s.requests {
		if now.Sub(req.createdAt) > loginLifetime+codeLifetime {
			delete(s.codes, req.code)
			delete(s.requests, id)
		}
	}
	for id, t := range s.tokens {
		if now.After(t.expires) {
			delete(s.tokens, id)
		}
	}
}

func (s *storage) GetClientByClientID(_ context.Context, clientID string) (op.Client, error) {
	if clientID != s.client.id {
		return nil, errUnknownClient
	}
	return s.client, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, clientID, clientSecret string) error {
	if clientID != s.client.id || subtle.ConstantTimeCompare([]byte(clientSecret), []byte(s.client.secret)) != 1 {
		return errors.New("invalid client id or secret")
	}
	return nil
}

func (s *storage) Health(context.Context) error { return nil }

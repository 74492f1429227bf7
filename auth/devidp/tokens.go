package devidp

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const accessTokenLifetime = time.Hour

var errInvalidToken = errors.New("access token invalid, expired or revoked")

// accessToken is the server-side record behind a JWT access token (its jti),
// kept so that logout and revocation also end userinfo access.
type accessToken struct {
	subject  string
	clientID string
	audience []string
	scopes   []string
	expires  time.Time
}

func (s *storage) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	req, ok := r.(*authRequest)
	if !ok {
		return "", time.Time{}, oidc.ErrUnsupportedGrantType()
	}
	id := rand.Text()
	t := accessToken{
		subject:  req.subject,
		clientID: req.clientID,
		audience: req.GetAudience(),
		scopes:   slices.Clone(req.scopes),
		expires:  time.Now().Add(accessTokenLifetime),
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The first storage call after zitadel has checked client, PKCE and
	// redirect_uri, so the right place to make the code one-time.
	if err := s.redeemLocked(req.id); err != nil {
		return "", time.Time{}, err
	}
	s.tokens[id] = t
	return id, t.expires, nil
}

// lookupToken returns the live token record for id issued to subject.
func (s *storage) lookupToken(id, subject string) (accessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok || t.subject != subject || time.Now().After(t.expires) {
		return accessToken{}, errInvalidToken
	}
	return t, nil
}

func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	t, err := s.lookupToken(tokenID, subject)
	if err != nil {
		return err
	}
	return s.setUserinfo(info, t.subject, t.scopes)
}

func (s *storage) SetIntrospectionFromToken(_ context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	t, err := s.lookupToken(tokenID, subject)
	if err != nil {
		return err
	}
	if !slices.Contains(t.audience, clientID) {
		return errors.New("token not issued for this client")
	}
	info := new(oidc.UserInfo)
	if err := s.setUserinfo(info, t.subject, t.scopes); err != nil {
		return err
	}
	resp.SetUserInfo(info)
	resp.Scope = t.scopes
	resp.ClientID = t.clientID
	resp.Expiration = oidc.FromTime(t.expires)
	return nil
}

// TerminateSession runs on end_session: the user's tokens for the client stop
// working at userinfo (a JWT stays valid for offline verification until exp).
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, t := range s.tokens {
		if t.subject == userID && t.clientID == clientID {
			delete(s.tokens, id)
		}
	}
	return nil
}

func (s *storage) RevokeToken(_ context.Context, tokenID, _, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[tokenID]
	if !ok {
		return nil // unknown tokens count as revoked (RFC 7009 §2.2)
	}
	if t.clientID != clientID {
		return oidc.ErrInvalidClient().WithDescription("token was not issued for this client")
	}
	delete(s.tokens, tokenID)
	return nil
}

package devidp

import (
	"context"
	"errors"
	"slices"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

const (
	claimRoles  = "roles"
	claimGroups = "groups"
)

var errUnknownUser = errors.New("unknown user")

// setUserinfo fills the claims for subject that scopes allow. roles and
// groups are always set, like Entra ID does, so no custom scope is needed.
func (s *storage) setUserinfo(info *oidc.UserInfo, subject string, scopes []string) error {
	u, ok := s.users[subject]
	if !ok {
		return errUnknownUser
	}
	// Always set: IDTokenClaims.SetUserInfo copies Subject over the token's sub.
	info.Subject = u.Subject
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = u.Name
		info.PreferredUsername = u.preferredUsername()
	}
	if slices.Contains(scopes, oidc.ScopeEmail) && u.Email != "" {
		info.Email = u.Email
		info.EmailVerified = true
	}
	for k, v := range u.roleClaims() {
		info.AppendClaims(k, v)
	}
	return nil
}

// preferredUsername is the e-mail address, as Entra ID's UPN usually is.
func (u User) preferredUsername() string {
	if u.Email != "" {
		return u.Email
	}
	return u.Subject
}

// roleClaims returns fresh slices per token, never nil, so a user without
// roles gets "roles": [] rather than null. The user's further claims come
// with them.
func (u User) roleClaims() map[string]any {
	roles := append([]string{}, u.Roles...)
	claims := map[string]any{
		claimRoles:  roles,
		claimGroups: slices.Clone(roles),
	}
	for k, v := range u.Claims {
		claims[k] = v
	}
	return claims
}

// SetUserinfoFromScopes is deprecated in zitadel in favour of
// SetUserinfoFromRequest, and must stay empty.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token's claims.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, r op.IDTokenRequest, scopes []string) error {
	return s.setUserinfo(info, r.GetSubject(), scopes)
}

// GetPrivateClaimsFromRequest adds roles and groups to JWT access tokens, so a
// bearer token carries the same authorization as the ID token.
func (s *storage) GetPrivateClaimsFromRequest(_ context.Context, r op.TokenRequest, _ []string) (map[string]any, error) {
	return s.privateClaims(r.GetSubject())
}

// GetPrivateClaimsFromScopes is only called when GetPrivateClaimsFromRequest
// is not implemented; kept consistent with it.
func (s *storage) GetPrivateClaimsFromScopes(_ context.Context, userID, _ string, _ []string) (map[string]any, error) {
	return s.privateClaims(userID)
}

func (s *storage) privateClaims(subject string) (map[string]any, error) {
	u, ok := s.users[subject]
	if !ok {
		return nil, errUnknownUser
	}
	return u.roleClaims(), nil
}

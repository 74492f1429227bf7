package server

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"neuvo/auth"
	"neuvo/cases"
)

var errBearer = errors.New("bearer token not accepted")

// bearerToken reads "Authorization: Bearer …" (RFC 6750).
func bearerToken(c *gin.Context) (string, bool) {
	scheme, token, ok := strings.Cut(c.GetHeader("Authorization"), " ")
	return strings.TrimSpace(token), ok && strings.EqualFold(scheme, "Bearer")
}

// bearerOrganisation verifies an access token before any transaction is
// opened, so a forged token never holds a database connection while a
// provider is asked for its keys. The token's issuer picks the candidate
// organisations (organisations are readable without a scope) and that
// organisation's own provider verifies it: a token from another
// organisation's issuer can never act in this one.
func (s *Server) bearerOrganisation(c *gin.Context, raw string) (cases.Organisation, string, error) {
	ctx := c.Request.Context()
	issuer, err := auth.TokenIssuer(raw)
	if err != nil { // an opaque token, or no issuer to verify it with
		s.log.Info("bearer token refused", append(logAttrs(c), "err", err)...)
		return cases.Organisation{}, "", err
	}
	lookup, cancel := context.WithTimeout(ctx, s.cfg.Limits.PoolWait) // a full pool answers 503, as in begin
	orgs, err := cases.OrganisationsWithIssuer(lookup, s.db, issuer)
	cancel()
	if err != nil {
		return cases.Organisation{}, "", err
	}
	if len(orgs) == 0 { // the issuer is unverified text: not logged
		s.log.Info("bearer token refused", append(logAttrs(c), "err", "no active organisation has the token's issuer")...)
	}
	for _, org := range orgs {
		provider, err := s.providers.For(org)
		if err != nil {
			s.log.Warn("OpenID provider not reachable for a bearer token", append(logAttrs(c), "org_id", org.ID, "err", err)...)
			continue
		}
		subject, err := provider.VerifyBearer(ctx, raw)
		if err == nil {
			return org, subject, nil
		}
		s.log.Info("bearer token refused", append(logAttrs(c), "org_id", org.ID, "err", err)...)
	}
	return cases.Organisation{}, "", errBearer
}

// bearerActor scopes the request's transaction to the verified
// organisation and finds the token's subject among its active users.
func (s *Server) bearerActor(c *gin.Context, tx *sqlx.Tx, org cases.Organisation, subject string) error {
	ctx := c.Request.Context()
	if err := cases.SetScope(ctx, tx, cases.Scope{OrgID: org.ID}); err != nil {
		return err
	}
	user, err := cases.UserByIdentity(ctx, tx, org.Issuer, subject)
	if errors.Is(err, cases.ErrNotFound) || (err == nil && !user.Active) {
		return errBearer
	}
	if err != nil {
		return err
	}
	c.Set(keyActor, &actor{User: user, Org: org, Roles: user.Roles()})
	return cases.SetScope(ctx, tx, cases.Scope{OrgID: org.ID, UserID: user.ID})
}

// refuseBearer answers a token that did not verify (RFC 6750 §3.1).
func (s *Server) refuseBearer(c *gin.Context) {
	c.Header("WWW-Authenticate", `Bearer realm="neuvo", error="invalid_token"`)
	s.writeProblem(c, problem{Status: http.StatusUnauthorized, Detail: s.lang(c).T("api.invalid_token")})
	c.Abort()
}

package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// access says who may use a route.
type access struct {
	bare        bool         // no database transaction and no session: health checks, assets, the login callback
	public      bool         // anyone, logged in or not
	roles       []cases.Role // any of these; empty means any logged-in user
	auditedRead bool         // an audited read: refused when another site sends the browser
}

var (
	bare    = access{bare: true, public: true}
	public  = access{public: true}
	anyUser = access{}
)

func only(roles ...cases.Role) access { return access{roles: roles} }

// audited marks a read that writes an audit event with a purpose. Another
// site must not be able to make a logged-in browser write one.
func (a access) audited() access {
	a.auditedRead = true
	return a
}

// allows reports whether an actor (nil when anonymous) may use the route.
func (a access) allows(who *actor) bool {
	if a.public {
		return true
	}
	if who == nil {
		return false
	}
	return len(a.roles) == 0 || who.Roles.Has(a.roles...)
}

// chain is the middleware and handler for one route. The body is read
// whole before the deadline starts and before a transaction holds a
// database connection.
func (s *Server) chain(r route) []gin.HandlerFunc {
	if r.access.bare {
		return []gin.HandlerFunc{s.withDeadline, r.handle}
	}
	chain := []gin.HandlerFunc{s.readBody(r.bodyLimit(), r.access.public), s.withDeadline, s.requestTx, s.require(r.access), r.handle}
	if r.access.auditedRead {
		chain = append([]gin.HandlerFunc{s.refuseCrossSiteRead}, chain...)
	}
	return chain
}

// bodyLimit is the route's entry in bodyLimits, or smallBody. It is read
// once per route, when the engine is built.
func (r route) bodyLimit() bodyLimit {
	if limit, ok := bodyLimits()[r.method+" "+r.path]; ok {
		return limit
	}
	return bodyLimit{max: smallBody}
}

// require refuses the request unless the route's access allows the actor.
// Anonymous users asking for a page are sent to log in and come back.
func (s *Server) require(a access) gin.HandlerFunc {
	return func(c *gin.Context) {
		who := currentActor(c)
		if a.allows(who) {
			c.Next()
			return
		}
		if who == nil && c.Request.Method == http.MethodGet && !isAPI(c) {
			s.redirect(c, "/login?"+url.Values{"return": {c.Request.URL.RequestURI()}}.Encode())
		} else if who == nil {
			s.errorPage(c, http.StatusUnauthorized)
		} else {
			s.errorPage(c, http.StatusForbidden)
		}
		c.Abort()
	}
}

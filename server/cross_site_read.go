package server

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// refuseCrossSiteRead stops an audited read that another site started. A
// link or an image there could otherwise make a logged-in browser open a
// client file and write an audit event with a purpose nobody gave (the
// session cookie is SameSite=Lax, so top-level GETs carry it). Browsers
// name where a request comes from in Sec-Fetch-Site; "none" is a typed
// address or a bookmark. Older browsers are judged by a foreign Referer;
// our own pages send none (Referrer-Policy: no-referrer). API clients with
// a token send neither header and are not affected.
func (s *Server) refuseCrossSiteRead(c *gin.Context) {
	if !crossSite(c.Request, s.cfg.BaseURL) {
		c.Next()
		return
	}
	s.log.Warn("cross-site audited read refused", logAttrs(c)...)
	if isAPI(c) {
		s.writeProblem(c, problem{Status: http.StatusForbidden, Detail: s.lang(c).T("crosssite.api")})
	} else {
		s.write(c, http.StatusForbidden, "cross_site", "crosssite.title", c.Request.URL.RequestURI())
	}
	c.Abort()
}

func crossSite(r *http.Request, base *url.URL) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return false
	case "":
		ref, err := url.Parse(r.Referer())
		return r.Referer() != "" && (err != nil || ref.Host != r.Host && ref.Host != base.Host)
	}
	return true // cross-site, or same-site: a sibling host is another site here
}

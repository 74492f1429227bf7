package server

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// cookieNames are distinct from any provider's (cookies on localhost are
// shared across ports). Over https they carry the __Host- prefix, which
// pins them to this host and path /; browsers refuse that prefix without
// Secure, so plain-http development on localhost uses the bare names.
type cookieNames struct {
	secure   bool
	session  string
	login    string
	language string
}

func newCookieNames(secure bool) cookieNames {
	prefix := ""
	if secure {
		prefix = "__Host-"
	}
	return cookieNames{secure: secure, session: prefix + "neuvo-session", login: prefix + "neuvo-login", language: "neuvo-lang"}
}

func (s *Server) setCookie(c *gin.Context, name, value string, maxAge time.Duration) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		Secure: s.cookies.secure, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(c *gin.Context, name string) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: name, Value: "", Path: "/", MaxAge: -1,
		Secure: s.cookies.secure, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

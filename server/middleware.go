package server

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

const (
	keyRequestID = "neuvo.request_id"
	keyNonce     = "neuvo.nonce"
)

func randomText(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Server) requestID(c *gin.Context) {
	b := make([]byte, 8)
	rand.Read(b)
	id := hex.EncodeToString(b)
	c.Set(keyRequestID, id)
	c.Header("X-Request-Id", id)
	c.Next()
}

// securityHeaders runs before everything else, so errors and 404s carry
// the same headers as pages.
func (s *Server) securityHeaders(c *gin.Context) {
	nonce := randomText(16)
	c.Set(keyNonce, nonce)
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-"+nonce+"'; "+
		"style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Cache-Control", "no-store")
	if s.cfg.BaseURL.Scheme == "https" {
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
	c.Next()
}

// accessLog records the route pattern, never the raw path or query: those
// can carry identifiers, login codes and states.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "(no route)"
	}
	attrs := []any{"request_id", c.GetString(keyRequestID), "method", c.Request.Method, "route", route,
		"status", c.Writer.Status(), "ms", time.Since(start).Milliseconds()}
	if who := currentActor(c); who != nil {
		attrs = append(attrs, "org_id", who.Org.ID, "user_id", who.User.ID)
	}
	s.log.Info("request", attrs...)
}

func (s *Server) recoverPanic(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic", "request_id", c.GetString(keyRequestID), "route", c.FullPath(), "panic", p)
			if !c.Writer.Written() {
				s.errorPage(c, http.StatusInternalServerError)
			}
			c.Abort()
		}
	}()
	c.Next()
}

// crossOriginCheck is the CSRF defence: a state-changing request that a
// browser marks as cross-site (Sec-Fetch-Site, or an Origin that is not
// ours) is refused before any handler runs.
func (s *Server) crossOriginCheck(c *gin.Context) {
	if err := s.origin.Check(c.Request); err != nil {
		s.log.Warn("cross-origin request refused", "request_id", c.GetString(keyRequestID), "route", c.FullPath())
		s.errorPage(c, http.StatusForbidden)
		c.Abort()
		return
	}
	c.Next()
}

func logAttrs(c *gin.Context) []any {
	return []any{"request_id", c.GetString(keyRequestID), "route", c.FullPath()}
}

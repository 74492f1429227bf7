package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/migrations"
)

// healthz says the process is alive; it touches nothing else.
func (s *Server) healthz(c *gin.Context) {
	c.String(http.StatusOK, "ok\n")
}

// readyz says whether this replica can serve: the database answers and the
// schema is the one this binary expects.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	version, err := migrations.Current(ctx, s.db.DB)
	switch {
	case err != nil:
		s.log.Warn("not ready: database", "err", err)
		c.String(http.StatusServiceUnavailable, "database unavailable\n")
	case version != migrations.Latest():
		c.String(http.StatusServiceUnavailable, "schema not current\n")
	default:
		c.String(http.StatusOK, "ready\n")
	}
}

func (s *Server) static(c *gin.Context) {
	if !s.pages.Assets.Serve(c.Writer, c.Param("file")) {
		s.errorPage(c, http.StatusNotFound)
	}
}

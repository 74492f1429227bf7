package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

func (s *Server) home(c *gin.Context) {
	s.render(c, http.StatusOK, "home", "home.title", nil)
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// paramID reads the :id of a route; a malformed one is simply not found.
func paramID(c *gin.Context) int64 {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

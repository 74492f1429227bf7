package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// meDoc tells an API client whom its token or session acts as.
type meDoc struct {
	UserID         int64    `json:"user_id"`
	Name           string   `json:"name"`
	OrganisationID int64    `json:"organisation_id"`
	Organisation   string   `json:"organisation"`
	Roles          []string `json:"roles"`
}

func (s *Server) apiMe(c *gin.Context) {
	who := currentActor(c)
	s.answer(c, http.StatusOK, meDoc{UserID: who.User.ID, Name: who.User.DisplayName, OrganisationID: who.Org.ID,
		Organisation: who.Org.Name, Roles: who.Roles.Strings()})
}

package server

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/notify"
)

type homePage struct {
	FollowUps []cases.FollowUp
	Today     string
	Unread    int // the user's unread notifications
}

// home shows who the user is and, for advisers, their follow-ups due
// within the next week.
func (s *Server) home(c *gin.Context) {
	var page homePage
	today := s.now().In(cases.Finland)
	page.Today = today.Format("2006-01-02")
	var err error
	if page.Unread, err = notify.Unread(c.Request.Context(), requestTx(c)); err != nil {
		s.fail(c, err)
		return
	}
	if currentActor(c).Roles.Has(cases.RoleAdviser) {
		page.FollowUps, err = cases.MyFollowUpsDue(c.Request.Context(), requestTx(c), today.AddDate(0, 0, 7))
		if err != nil {
			s.fail(c, err)
			return
		}
	}
	s.render(c, http.StatusOK, "home", "home.title", page)
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

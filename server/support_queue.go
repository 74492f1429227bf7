package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// supportQueuePage is the hub's queue of open requests.
type supportQueuePage struct {
	supportView
	Items     []cases.QueueItem
	Truncated bool // more open requests than the page lists
	Mine      bool
	Roles     cases.Roles
}

// Shown is how many requests the page lists, for its truncation notice.
func (p supportQueuePage) Shown() int { return len(p.Items) }

// StandingText says how a request stands against its target.
func (p supportQueuePage) StandingText(l frontend.Lang, t cases.TimeLeft) string {
	return standingText(l, t)
}

// CanTake: an expert takes what nobody holds.
func (p supportQueuePage) CanTake(it cases.QueueItem) bool {
	return p.Roles.Has(cases.RoleAdviser) && it.Request.AssignedTo == nil
}

// supportQueue lists the hub's open requests by urgency and time left,
// near and past their targets marked. Only a hub has a queue.
func (s *Server) supportQueue(c *gin.Context) {
	who := currentActor(c)
	if !who.Org.IsHub() {
		s.fail(c, cases.ErrForbidden)
		return
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := supportQueuePage{supportView: supportView{Tax: tax, Lang: s.lang(c).Code}, Mine: c.Query("mine") == "1", Roles: who.Roles}
	page.Items, page.Truncated, err = cases.SupportQueue(c.Request.Context(), requestTx(c), tax, page.Mine, s.now())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "support_queue", "support.queue", page)
}

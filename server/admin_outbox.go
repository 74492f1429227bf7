package server

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/cases/notify"
)

type outboxPage struct {
	MailOn   bool
	Server   string
	Messages []notify.OutboxEntry
	Done     string // translation key of what the last action did
}

// outboxDone are the results an outbox action may report back.
var outboxDone = map[string]string{"retried": "outbox.retried", "test": "outbox.test_sent"}

// outboxList shows the organisation's e-mail with delivery state, and
// whether mail is configured at all.
func (s *Server) outboxList(c *gin.Context) {
	messages, err := notify.ListOutbox(c.Request.Context(), requestTx(c), 200)
	if err != nil {
		s.fail(c, err)
		return
	}
	smtp := s.cfg.Outbox.MailServer()
	s.render(c, http.StatusOK, "admin_outbox", "admin.outbox",
		outboxPage{MailOn: smtp != "", Server: smtp, Messages: messages, Done: outboxDone[c.Query("done")]})
}

// outboxRetry queues a failed message again (audited). A message that is
// no longer failed, for example after a double click, is left alone.
func (s *Server) outboxRetry(c *gin.Context) {
	who := currentActor(c)
	err := cases.RetryOutboxMessage(c.Request.Context(), requestTx(c), s.cfg.Outbox, who.Roles, paramID(c))
	switch {
	case errors.Is(err, notify.ErrNotFailed):
		s.redirect(c, "/admin/outbox")
	case err != nil:
		s.fail(c, err)
	default:
		s.redirect(c, "/admin/outbox?done=retried")
	}
}

// outboxTest notifies the administrator themself, in the app and by
// e-mail when it is configured (audited).
func (s *Server) outboxTest(c *gin.Context) {
	who := currentActor(c)
	scope := cases.Scope{OrgID: who.Org.ID, UserID: who.User.ID}
	if err := cases.SendTestNotification(c.Request.Context(), requestTx(c), s.cfg.Outbox, scope, who.Roles); err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/admin/outbox?done=test")
}

package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases/notify"
)

type notificationsPage struct {
	Notifications []notify.Notification
	Unread        int
	MailOn        bool
}

// notificationList shows the user's own notifications, newest first;
// unread ones stay marked until the user marks them read.
func (s *Server) notificationList(c *gin.Context) {
	ctx, tx := c.Request.Context(), requestTx(c)
	list, err := notify.Notifications(ctx, tx, 100)
	if err != nil {
		s.fail(c, err)
		return
	}
	unread, err := notify.Unread(ctx, tx)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "notifications", "notifications.title",
		notificationsPage{Notifications: list, Unread: unread, MailOn: s.cfg.Outbox.MailConfigured()})
}

func (s *Server) notificationsRead(c *gin.Context) {
	if err := notify.MarkAllRead(c.Request.Context(), requestTx(c)); err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/notifications")
}

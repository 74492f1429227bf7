package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// slotsPage lists slots by day: a hub adviser's own (or the hub's), with
// withdraw buttons, or the hub's free ones for a partner worker to book.
type slotsPage struct {
	labels
	Staff     cases.Staff
	All       bool
	Days      []slotDay
	Done      string
	Withdrawn int
	Kept      int
	Errors    *cases.ValidationError
	ErrorSlot int64
}

type slotDay struct {
	Date  time.Time
	Slots []cases.Slot
}

// slotWeeks is how far ahead the lists reach.
const slotWeeks = 8

func (s *Server) slotList(c *gin.Context) {
	page := slotsPage{Done: c.Query("done"), All: c.Query("all") == "1"}
	page.Withdrawn, _ = strconv.Atoi(c.Query("n"))
	page.Kept, _ = strconv.Atoi(c.Query("kept"))
	s.renderSlots(c, http.StatusOK, page)
}

func (s *Server) renderSlots(c *gin.Context, status int, page slotsPage) {
	who := currentActor(c).Staff()
	if !who.SeesSlots() {
		s.errorPage(c, http.StatusForbidden)
		return
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.labels, page.Staff = labels{tax, s.lang(c).Code}, who
	now := s.now().In(cases.Finland)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, cases.Finland)
	filter := cases.SlotFilter{From: today, To: today.AddDate(0, 0, 7*slotWeeks)}
	if who.HubAdviser() && !page.All {
		filter.AdviserID = who.UserID
	}
	slots, err := cases.ListSlots(c.Request.Context(), requestTx(c), who, filter, s.now())
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, slot := range slots {
		if slot.WithdrawnAt != nil {
			continue
		}
		day := isoDay(slot.StartsAt)
		if n := len(page.Days); n == 0 || isoDay(page.Days[n-1].Date) != day {
			date, _ := time.ParseInLocation(dateOnly, day, cases.Finland)
			page.Days = append(page.Days, slotDay{Date: date})
		}
		page.Days[len(page.Days)-1].Slots = append(page.Days[len(page.Days)-1].Slots, slot)
	}
	s.render(c, status, "slots", "slot.list", page)
}

func isoDay(t time.Time) string { return t.In(cases.Finland).Format(dateOnly) }

func (s *Server) slotWithdraw(c *gin.Context) {
	who := currentActor(c).Staff()
	w, err := cases.WithdrawSlot(c.Request.Context(), requestTx(c), who, paramID(c), c.PostForm("series") == "1")
	var v *cases.ValidationError
	if errors.As(err, &v) {
		s.renderSlots(c, http.StatusConflict, slotsPage{Errors: v, ErrorSlot: paramID(c)})
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/slots?done=withdrawn&n="+strconv.Itoa(w.Withdrawn)+"&kept="+strconv.Itoa(w.KeptBooked))
}

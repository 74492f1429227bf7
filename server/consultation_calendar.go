package server

import (
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
	"neuvo/frontend"
)

// calendarPage is a week of consultations: the adviser's own, the hub's by
// day and adviser, or a partner's residents'.
type calendarPage struct {
	labels
	View   string // "mine", "hub" or "partner"
	Week   time.Time
	Days   []calendarDay
	Staff  cases.Staff
	UserID int64
	Count  int
}

type calendarDay struct {
	Date time.Time
	Rows []calendarRow
}

// calendarRow is one adviser's consultations of a day in the hub's view;
// the other views have one row a day without a name.
type calendarRow struct {
	Adviser string
	Items   []cases.Consultation
}

// WeekURL is the same view some weeks away.
func (p calendarPage) WeekURL(weeks int) string {
	return "/consultations?view=" + p.View + "&week=" + p.Week.AddDate(0, 0, 7*weeks).Format(dateOnly)
}

// consultationItem feeds the consultation_item partial, which has no $.
type consultationItem struct {
	L      frontend.Lang
	C      cases.Consultation
	Labels labels
	Mine   bool
}

// Item is one consultation of the list; Mine marks a partner worker's own
// bookings.
func (p calendarPage) Item(l frontend.Lang, c cases.Consultation) consultationItem {
	mine := !p.Staff.Hub && c.PartnerContactID != nil && *c.PartnerContactID == p.UserID
	return consultationItem{L: l, C: c, Labels: p.labels, Mine: mine}
}

// WeekEnd is the week's Sunday.
func (p calendarPage) WeekEnd() time.Time { return p.Week.AddDate(0, 0, 6) }

func (s *Server) consultationCalendar(c *gin.Context) {
	who := currentActor(c).Staff()
	if !who.SeesConsultations() {
		s.errorPage(c, http.StatusForbidden)
		return
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := calendarPage{labels: labels{tax, s.lang(c).Code}, View: calendarView(who, c.Query("view")), Staff: who,
		UserID: who.UserID, Week: cases.WeekStart(s.now())}
	if day, err := time.ParseInLocation(dateOnly, c.Query("week"), cases.Finland); err == nil {
		page.Week = cases.WeekStart(day)
	}
	filter := cases.ConsultationFilter{From: page.Week, To: page.Week.AddDate(0, 0, 7)}
	if page.View == "mine" {
		filter.AdviserID = who.UserID
	}
	list, err := cases.ListConsultations(c.Request.Context(), requestTx(c), who, filter)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Count = len(list)
	page.Days = calendarDays(page.Week, list, page.View == "hub")
	s.render(c, http.StatusOK, "consultations", "consultation.calendar", page)
}

// calendarView is the view asked for when this reader has it: hub
// advisers start with their own week, the hub's managers with the hub's.
func calendarView(who cases.Staff, asked string) string {
	switch {
	case !who.Hub:
		return "partner"
	case asked == "hub" || asked == "mine" && !who.HubAdviser():
		return "hub"
	case asked == "mine" || who.HubAdviser():
		return "mine"
	}
	return "hub"
}

// calendarDays groups a week's consultations by day and, for the hub's
// view, by adviser in the order of their first consultation.
func calendarDays(week time.Time, list []cases.Consultation, byAdviser bool) []calendarDay {
	days := make([]calendarDay, 7)
	for i := range days {
		days[i].Date = week.AddDate(0, 0, i)
	}
	for _, c := range list {
		i := slices.IndexFunc(days, func(d calendarDay) bool {
			return d.Date.Format(dateOnly) == c.StartsAt.In(cases.Finland).Format(dateOnly)
		})
		if i < 0 {
			continue
		}
		name := ""
		if byAdviser {
			name = c.Adviser
		}
		day := &days[i]
		row := -1
		for j := range day.Rows {
			if day.Rows[j].Adviser == name {
				row = j
			}
		}
		if row < 0 {
			day.Rows = append(day.Rows, calendarRow{Adviser: name})
			row = len(day.Rows) - 1
		}
		day.Rows[row].Items = append(day.Rows[row].Items, c)
	}
	return days
}

package server

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// slotForm is the publishing form as typed.
type slotForm struct {
	IdempotencyKey   string
	Date, Time       string
	Duration         string
	Weekly           bool
	Until            string
	ServiceLanguages []string
	Topics           []string
}

type slotFormPage struct {
	labels
	Form   slotForm
	Errors *cases.ValidationError
}

func (s *Server) slotNew(c *gin.Context) {
	tomorrow := s.now().In(cases.Finland).AddDate(0, 0, 1)
	s.renderSlotForm(c, http.StatusOK, slotFormPage{Form: slotForm{IdempotencyKey: cases.NewIdempotencyKey(),
		Date: tomorrow.Format(dateOnly), Time: "10:00", Duration: "45", ServiceLanguages: []string{"fi"},
		Until: tomorrow.AddDate(0, 0, 28).Format(dateOnly)}})
}

func (s *Server) renderSlotForm(c *gin.Context, status int, page slotFormPage) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.labels = labels{tax, s.lang(c).Code}
	s.render(c, status, "slot_form", "slot.new", page)
}

func (s *Server) slotCreate(c *gin.Context) {
	form := slotForm{IdempotencyKey: c.PostForm("idempotency_key"), Date: c.PostForm("date"), Time: c.PostForm("time"),
		Duration: c.PostForm("duration_min"), Weekly: c.PostForm("weekly") == "on", Until: c.PostForm("until"),
		ServiceLanguages: c.PostFormArray("service_languages"), Topics: c.PostFormArray("topics")}
	in, v := form.input()
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err = v.Err(); err != nil {
		err = v.Merge(in.Validate(tax, s.now()))
	} else {
		_, _, err = cases.PublishSlots(c.Request.Context(), requestTx(c), tax, currentActor(c).Staff(), in, s.now())
	}
	page := slotFormPage{Form: form}
	if s.formFailed(c, err, &page.Errors) {
		status := http.StatusUnprocessableEntity
		if errors.Is(err, cases.ErrConflict) {
			status = http.StatusConflict
		}
		s.renderSlotForm(c, status, page)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.redirect(c, "/slots?done=published")
}

func (f slotForm) input() (cases.SlotInput, *cases.ValidationError) {
	v := &cases.ValidationError{}
	in := cases.SlotInput{IdempotencyKey: f.IdempotencyKey, Weekly: f.Weekly, ServiceLanguages: f.ServiceLanguages, Topics: f.Topics}
	in.StartsAt, in.DurationMin = parseAdHoc(v, f.Date, f.Time, f.Duration)
	if in.StartsAt.IsZero() && v.For("starts_at") == "" {
		v.Add("starts_at", "error.required")
	}
	if f.Weekly {
		until, err := time.Parse(dateOnly, strings.TrimSpace(f.Until))
		if err != nil {
			v.Add("until", "error.date")
		}
		in.Until = until
	}
	return in, v
}

package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// bookingPage is the booking form: a partner worker books the slot they
// chose; a hub adviser books one of their own slots or an ad-hoc time.
type bookingPage struct {
	labels
	Form     bookingForm
	Errors   *cases.ValidationError
	Staff    cases.Staff
	Slot     *cases.Slot
	Slots    []cases.Slot
	Partners []cases.Organisation
	guardView
}

// ServiceLanguages offers the slot's languages when it names some.
func (p bookingPage) ServiceLanguages() []option {
	if p.Slot != nil && len(p.Slot.ServiceLanguages) > 0 {
		return p.Choice("language", p.Form.ServiceLanguage, p.Slot.ServiceLanguages...)
	}
	return p.Choice("language", p.Form.ServiceLanguage)
}

func (s *Server) consultationNew(c *gin.Context) {
	who := currentActor(c).Staff()
	slotID, _ := strconv.ParseInt(c.Query("slot"), 10, 64)
	if who.PartnerWorker() && slotID <= 0 {
		s.redirect(c, "/slots") // a partner books one of the hub's free slots
		return
	}
	var client *cases.Client
	if id, _ := strconv.ParseInt(c.Query("client"), 10, 64); id > 0 && who.HubAdviser() {
		found, err := cases.GetClient(c.Request.Context(), requestTx(c), id)
		if err != nil {
			s.fail(c, err)
			return
		}
		client = &found
	}
	page, err := s.bookingPage(c, who, slotID)
	if err != nil {
		s.fail(c, err)
		return
	}
	page.Form = bookingFormFrom(page.Slot, client)
	s.render(c, http.StatusOK, "consultation_form", "consultation.new", page)
}

// bookingPage gathers what the form offers; a slot that is not free (or
// not visible) is not found.
func (s *Server) bookingPage(c *gin.Context, who cases.Staff, slotID int64) (bookingPage, error) {
	ctx, tx := c.Request.Context(), requestTx(c)
	if !who.BooksConsultations() {
		return bookingPage{}, cases.ErrForbidden
	}
	tax, err := s.taxonomy(c)
	if err != nil {
		return bookingPage{}, err
	}
	page := bookingPage{labels: labels{tax, s.lang(c).Code}, Staff: who}
	if slotID > 0 {
		slot, err := cases.GetSlot(ctx, tx, who, slotID, s.now())
		if err != nil {
			return page, err
		}
		page.Slot = &slot
	}
	if who.HubAdviser() {
		if page.Slots, err = cases.ListSlots(ctx, tx, who, cases.SlotFilter{AdviserID: who.UserID, FreeOnly: true}, s.now()); err != nil {
			return page, err
		}
		if page.Partners, err = cases.BookablePartners(ctx, tx); err != nil {
			return page, err
		}
	}
	return page, nil
}

func (s *Server) consultationCreate(c *gin.Context) {
	who := currentActor(c).Staff()
	form := readBookingForm(c)
	slotID, _ := strconv.ParseInt(form.Slot, 10, 64)
	if !who.HubAdviser() {
		form.ClientCode, form.InviteClient = "", false // a partner never names a client
	}
	page, err := s.bookingPage(c, who, 0)
	if err != nil {
		s.fail(c, err)
		return
	}
	if slotID > 0 && who.PartnerWorker() {
		if slot, err := cases.GetSlot(c.Request.Context(), requestTx(c), who, slotID, s.now()); err == nil {
			page.Slot = &slot
		}
	}
	page.Form = form
	page.ConfirmKey = consultationConfirmKey
	consultation, err := s.book(c, who, page.Tax, form)
	if err == nil {
		s.redirect(c, "/consultations/"+idString(consultation.ID)+"?done=booked")
		return
	}
	if !s.formFailed(c, err, &page.Errors) {
		s.fail(c, err)
		return
	}
	page.caught(err)
	status := http.StatusUnprocessableEntity
	if errors.Is(err, cases.ErrConflict) {
		status = http.StatusConflict
	}
	s.render(c, status, "consultation_form", "consultation.new", page)
}

// book parses the form and books, with the form's and the domain's
// errors together.
func (s *Server) book(c *gin.Context, who cases.Staff, tax *cases.Taxonomy, form bookingForm) (cases.Consultation, error) {
	client, clientErr := s.bookingClient(c, form.ClientCode)
	if clientErr != nil && !errors.As(clientErr, new(*cases.ValidationError)) {
		return cases.Consultation{}, clientErr
	}
	var clientID int64
	if client != nil {
		clientID = client.ID
	}
	in, parseErrs := form.input(clientID)
	if err := parseErrs.Merge(clientErr); err != nil {
		return cases.Consultation{}, parseErrs.Merge(in.Validate(tax, s.now()))
	}
	consultation, _, err := cases.Book(c.Request.Context(), requestTx(c), s.jobs(), tax, who, in, s.now())
	return consultation, err
}

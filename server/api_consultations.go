package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type consultationListDoc struct {
	Items []consultationDoc `json:"items"`
}

// apiConsultationList is a calendar: from and to are days (to inclusive),
// as for contacts; lists never name a client.
func (s *Server) apiConsultationList(c *gin.Context) {
	who := currentActor(c).Staff()
	v := &cases.ValidationError{}
	f := cases.ConsultationFilter{From: parseDay(v, "from", c.Query("from")),
		Status: v.Choice("status", c.Query("status"), "", cases.StatusBooked, cases.StatusHeld, cases.StatusCancelled, cases.StatusNoShow),
		Limit:  int(v.Int("limit", c.Query("limit"), 1, 1000, "error.limit"))}
	if to := parseDay(v, "to", c.Query("to")); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if v.Choice("mine", c.Query("mine"), "false", "true", "false") == "true" {
		f.AdviserID = who.UserID
	}
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	list, err := cases.ListConsultations(c.Request.Context(), requestTx(c), who, f)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	doc := consultationListDoc{Items: []consultationDoc{}}
	for _, consultation := range list {
		doc.Items = append(doc.Items, consultationDocOf(consultation))
	}
	s.answer(c, http.StatusOK, doc)
}

func (s *Server) apiConsultationGet(c *gin.Context) {
	consultation, err := cases.GetConsultation(c.Request.Context(), requestTx(c), currentActor(c).Staff(), paramID(c))
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, consultationDocOf(consultation))
}

// apiConsultationCreate books; the Idempotency-Key header is required and
// a retry answers 200 with the first booking.
func (s *Server) apiConsultationCreate(c *gin.Context) {
	var doc consultationDoc
	key, tax, ok := s.readCreate(c, &doc)
	if !ok {
		return
	}
	in, parseErrs := doc.input(key)
	if parseErrs.Err() != nil {
		s.apiGuardFail(c, parseErrs.Merge(in.Validate(tax, s.now())))
		return
	}
	consultation, created, err := cases.Book(c.Request.Context(), requestTx(c), s.jobs(), tax, currentActor(c).Staff(), in, s.now())
	if err != nil {
		s.apiGuardFail(c, err)
		return
	}
	s.answerCreate(c, "/api/v1/consultations/"+idString(consultation.ID), created, consultationDocOf(consultation))
}

// statusDoc changes a consultation's status; a held one records its
// contact in the same transaction.
type statusDoc struct {
	Status          string      `json:"status"`
	Reason          string      `json:"reason"`
	ConfirmFindings bool        `json:"confirm_findings"` // keeps the guard's warnings in the reason
	Contact         *contactDoc `json:"contact"`
}

func (s *Server) apiConsultationStatus(c *gin.Context) {
	var doc statusDoc
	tax, ok := s.readDoc(c, &doc)
	if !ok {
		return
	}
	ctx, tx, who := c.Request.Context(), requestTx(c), currentActor(c).Staff()
	if _, err := cases.ConsultationSummary(ctx, tx, who, paramID(c)); err != nil {
		s.apiFail(c, err) // another organisation's is not found, whatever the document says
		return
	}
	var err error
	switch doc.Status {
	case cases.StatusCancelled:
		_, err = cases.CancelConsultation(ctx, tx, s.jobs(), who, paramID(c), cases.Cancellation{Reason: doc.Reason, ConfirmFindings: doc.ConfirmFindings}, s.now())
	case cases.StatusNoShow:
		_, err = cases.MarkNoShow(ctx, tx, who, paramID(c), s.now())
	case cases.StatusHeld:
		err = s.apiHold(c, tax, who, doc.Contact)
	default:
		err = fieldErr("status", "error.choose")
	}
	if errors.Is(err, errAnswered) {
		return
	}
	if err != nil {
		s.apiGuardFail(c, err)
		return
	}
	s.apiConsultationAnswer(c, who)
}

// apiHold records the contact document and marks the consultation held;
// the Idempotency-Key is the contact's, so a retry records nothing twice.
func (s *Server) apiHold(c *gin.Context, tax *cases.Taxonomy, who cases.Staff, doc *contactDoc) error {
	key, ok := s.idempotencyKey(c)
	if !ok {
		return errAnswered
	}
	if doc == nil {
		return fieldErr("contact", "error.required")
	}
	in, parseErrs := doc.input(key)
	if parseErrs.Err() != nil {
		return parseErrs.Merge(in.Validate(tax, s.now(), nil))
	}
	_, _, err := cases.HoldConsultation(c.Request.Context(), requestTx(c), tax, who, paramID(c), in, s.now())
	return err
}

// scheduleDoc is a new time: a slot, or (hub advisers) an instant and a length.
type scheduleDoc struct {
	SlotID      *int64 `json:"slot_id"`
	StartsAt    string `json:"starts_at"`
	DurationMin int    `json:"duration_min"`
}

func (s *Server) apiConsultationReschedule(c *gin.Context) {
	var doc scheduleDoc
	if !s.readJSON(c, &doc) {
		return
	}
	v := &cases.ValidationError{}
	to := cases.Reschedule{DurationMin: doc.DurationMin}
	if doc.SlotID != nil {
		to.SlotID = *doc.SlotID
	} else {
		to.StartsAt = parseInstant(v, "starts_at", doc.StartsAt)
	}
	if v.Err() != nil {
		s.apiFail(c, v)
		return
	}
	who := currentActor(c).Staff()
	if _, err := cases.RescheduleConsultation(c.Request.Context(), requestTx(c), s.jobs(), who, paramID(c), to, s.now()); err != nil {
		s.apiFail(c, err)
		return
	}
	s.apiConsultationAnswer(c, who)
}

type linkDoc struct {
	MeetingLink     string `json:"meeting_link"`
	ConfirmFindings bool   `json:"confirm_findings"` // keeps the guard's warnings in the link
}

func (s *Server) apiConsultationLink(c *gin.Context) {
	var doc linkDoc
	if !s.readJSON(c, &doc) {
		return
	}
	who := currentActor(c).Staff()
	if _, err := cases.SetMeetingLink(c.Request.Context(), requestTx(c), s.jobs(), who, paramID(c), cases.LinkChange{Link: doc.MeetingLink, ConfirmFindings: doc.ConfirmFindings}); err != nil {
		s.apiGuardFail(c, err)
		return
	}
	s.apiConsultationAnswer(c, who)
}

// apiConsultationAnswer answers a change with the consultation as the
// caller now sees it, without the client (no second audited read).
func (s *Server) apiConsultationAnswer(c *gin.Context, who cases.Staff) {
	consultation, err := cases.ConsultationSummary(c.Request.Context(), requestTx(c), who, paramID(c))
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, consultationDocOf(consultation))
}

// apiConsultationDraft is the contact a hold would start from, to edit
// and send back with status "held".
func (s *Server) apiConsultationDraft(c *gin.Context) {
	in, _, _, err := cases.ConsultationDraft(c.Request.Context(), requestTx(c), currentActor(c).Staff(), paramID(c), s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, contactDocOfInput(in))
}

// contactDocOfInput is a prefilled contact as the contacts API reads it.
func contactDocOfInput(in cases.ContactInput) contactDoc {
	d := contactDoc{AdvicePointID: in.AdvicePointID, StartedAt: in.StartedAt.Format(time.RFC3339), DurationMin: in.DurationMin,
		Channel: in.Channel, Kind: in.Kind, ServiceLanguages: orEmpty(in.ServiceLanguages), ClientLanguage: in.ClientLanguage,
		Interpreter: in.Interpreter, Profile: in.Profile, Topics: orEmpty(in.Topics), Actions: orEmpty(in.Actions),
		Referrals: orEmpty(in.Referrals), Outcome: in.Outcome, Note: in.Note}
	if in.ClientID != 0 {
		id := in.ClientID
		d.ClientID = &id
	}
	if in.HouseholdSize > 0 {
		size := in.HouseholdSize
		d.HouseholdSize = &size
	}
	return d
}

// errAnswered is a refusal whose problem has already been written.
var errAnswered = errors.New("answered")

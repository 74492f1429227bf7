package server

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// bookingForm is the booking form as typed, kept for showing it again.
type bookingForm struct {
	IdempotencyKey      string
	Slot                string
	Date, Time          string
	Duration            string
	Partner             string
	ClientCode          string
	InviteClient        bool
	ServiceLanguage     string
	InterpreterKind     string
	InterpreterLanguage string
	InterpreterRef      string
	Topics              []string
	ContactName         string
	ContactEmail        string
	Note                string
	MeetingLink         string
	ConfirmFindings     bool // keeps the identity guard's warnings
}

func readBookingForm(c *gin.Context) bookingForm {
	return bookingForm{IdempotencyKey: c.PostForm("idempotency_key"), Slot: c.PostForm("slot"), Date: c.PostForm("date"),
		Time: c.PostForm("time"), Duration: c.PostForm("duration_min"), Partner: c.PostForm("partner_org"),
		ClientCode: c.PostForm("client_code"), InviteClient: c.PostForm("invite_client") == "on",
		ServiceLanguage: c.PostForm("service_language"), InterpreterKind: c.PostForm("interpreter_kind"),
		InterpreterLanguage: c.PostForm("interpreter_language"), InterpreterRef: c.PostForm("interpreter_ref"),
		Topics: c.PostFormArray("topics"), ContactName: c.PostForm("partner_contact_name"),
		ContactEmail: c.PostForm("partner_contact_email"), Note: c.PostForm("note"), MeetingLink: c.PostForm("meeting_link"),
		ConfirmFindings: confirmed(c)}
}

// input converts what was typed; the domain validates the rest.
func (f bookingForm) input(clientID int64) (cases.BookingInput, *cases.ValidationError) {
	v := &cases.ValidationError{}
	in := cases.BookingInput{IdempotencyKey: f.IdempotencyKey, ClientID: clientID, InviteClient: f.InviteClient,
		Meeting: cases.Meeting{ServiceLanguage: f.ServiceLanguage, InterpreterKind: f.InterpreterKind,
			InterpreterLanguage: f.InterpreterLanguage, InterpreterRef: f.InterpreterRef, Topics: f.Topics,
			MeetingLink: f.MeetingLink},
		PartnerContactName: f.ContactName, PartnerContactEmail: f.ContactEmail, Note: f.Note,
		ConfirmFindings: f.ConfirmFindings}
	in.SlotID = v.ID("slot", f.Slot)
	in.PartnerOrgID = v.ID("partner_org", f.Partner)
	if in.SlotID == 0 {
		in.StartsAt, in.DurationMin = parseAdHoc(v, f.Date, f.Time, f.Duration)
	}
	return in, v
}

// parseAdHoc reads a typed date, time and length in Finnish time.
func parseAdHoc(v *cases.ValidationError, date, clock, duration string) (time.Time, int) {
	var start time.Time
	if strings.TrimSpace(date+clock) != "" {
		t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(date)+" "+strings.TrimSpace(clock), cases.Finland)
		if err != nil {
			v.Add("starts_at", "error.date_time")
		}
		start = t
	}
	minutes := v.Int("duration_min", duration, 1, cases.MaxSlotMin*10, "error.slot_length")
	return start, int(minutes)
}

// bookingClient resolves the hub's typed client code; a code of no client
// is an error by the field.
func (s *Server) bookingClient(c *gin.Context, code string) (*cases.Client, error) {
	if strings.TrimSpace(code) == "" {
		return nil, nil
	}
	client, err := cases.FindClientByCode(c.Request.Context(), requestTx(c), code)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, fieldErr("client_code", "error.client_unknown")
	}
	if err != nil {
		return nil, err
	}
	return &client, nil
}

// bookingFormFrom starts a form: a fresh idempotency key, the slot's first
// language, and no interpreter.
func bookingFormFrom(slot *cases.Slot, client *cases.Client) bookingForm {
	f := bookingForm{IdempotencyKey: cases.NewIdempotencyKey(), InterpreterKind: "none", Duration: "45", ServiceLanguage: "fi"}
	if slot != nil {
		f.Slot = strconv.FormatInt(slot.ID, 10)
		if len(slot.ServiceLanguages) > 0 {
			f.ServiceLanguage = slot.ServiceLanguages[0]
		}
		f.Topics = slot.Topics
	}
	if client != nil {
		f.ClientCode = client.Code
	}
	return f
}

package server

import (
	"time"

	"neuvo/cases"
)

// consultationDoc is a consultation in the API. Read-only fields are
// accepted and ignored on input, so a client can send back what it read.
type consultationDoc struct {
	ID                  int64      `json:"id,omitempty"`
	SlotID              *int64     `json:"slot_id"`
	StartsAt            string     `json:"starts_at"`
	EndsAt              string     `json:"ends_at,omitempty"`
	DurationMin         int        `json:"duration_min"`
	PartnerOrgID        int64      `json:"partner_org_id"`
	Partner             string     `json:"partner,omitempty"`
	MunicipalityCode    string     `json:"municipality_code,omitempty"`
	AdviserID           int64      `json:"adviser_id,omitempty"`
	Adviser             string     `json:"adviser,omitempty"` // for a partner only on their own bookings
	ClientID            *int64     `json:"client_id,omitempty"`
	ClientCode          *string    `json:"client_code,omitempty"`
	InviteClient        bool       `json:"invite_client,omitempty"`
	ServiceLanguage     string     `json:"service_language"`
	InterpreterKind     string     `json:"interpreter_kind"`
	InterpreterLanguage string     `json:"interpreter_language"`
	InterpreterRef      string     `json:"interpreter_ref,omitempty"`
	Topics              []string   `json:"topics"`
	PartnerContactName  string     `json:"partner_contact_name"`
	PartnerContactEmail string     `json:"partner_contact_email"`
	Note                string     `json:"note,omitempty"`
	MeetingLink         string     `json:"meeting_link"`
	DetailsWithheld     bool       `json:"details_withheld,omitempty"`
	Status              string     `json:"status,omitempty"`
	StatusReason        string     `json:"status_reason,omitempty"`
	StatusBy            string     `json:"status_by,omitempty"`
	Sequence            int        `json:"sequence"`
	HeldContactID       *int64     `json:"held_contact_id,omitempty"`
	CreatedAt           *time.Time `json:"created_at,omitempty"`
	UpdatedAt           *time.Time `json:"updated_at,omitempty"`
	// ConfirmFindings keeps the identity guard's warnings (input only).
	ConfirmFindings bool `json:"confirm_findings,omitempty"`
}

func consultationDocOf(c cases.Consultation) consultationDoc {
	return consultationDoc{ID: c.ID, SlotID: c.SlotID, StartsAt: c.StartsAt.Format(time.RFC3339),
		EndsAt: c.EndsAt.Format(time.RFC3339), DurationMin: c.DurationMin(), PartnerOrgID: c.PartnerOrgID, Partner: c.Partner,
		MunicipalityCode: c.MunicipalityCode, AdviserID: c.AdviserID, Adviser: c.Adviser, ClientID: c.ClientID, ClientCode: c.ClientCode,
		InviteClient: c.InviteClient, ServiceLanguage: c.ServiceLanguage, InterpreterKind: c.InterpreterKind,
		InterpreterLanguage: c.InterpreterLanguage, InterpreterRef: c.InterpreterRef, Topics: orEmpty(c.Topics),
		PartnerContactName: c.PartnerContactName, PartnerContactEmail: c.PartnerContactEmail, Note: c.Note,
		MeetingLink: c.MeetingLink, DetailsWithheld: !c.Details, Status: c.Status, StatusReason: c.StatusReason,
		StatusBy: c.StatusByName, Sequence: c.Sequence, HeldContactID: c.HeldContactID, CreatedAt: &c.CreatedAt,
		UpdatedAt: &c.UpdatedAt}
}

// input converts a create document; a slot brings its own time.
func (d consultationDoc) input(key string) (cases.BookingInput, *cases.ValidationError) {
	v := &cases.ValidationError{}
	in := cases.BookingInput{IdempotencyKey: key, PartnerOrgID: d.PartnerOrgID, InviteClient: d.InviteClient,
		DurationMin: d.DurationMin, Meeting: cases.Meeting{ServiceLanguage: d.ServiceLanguage, InterpreterKind: d.InterpreterKind,
			InterpreterLanguage: d.InterpreterLanguage, InterpreterRef: d.InterpreterRef, Topics: d.Topics, MeetingLink: d.MeetingLink},
		PartnerContactName: d.PartnerContactName, PartnerContactEmail: d.PartnerContactEmail, Note: d.Note,
		ConfirmFindings: d.ConfirmFindings}
	if d.SlotID != nil {
		in.SlotID = *d.SlotID
	}
	if d.ClientID != nil {
		in.ClientID = *d.ClientID
	}
	if in.SlotID == 0 {
		in.StartsAt = parseInstant(v, "starts_at", d.StartsAt)
	}
	return in, v
}

// parseInstant reads an RFC 3339 time; blank is zero, for the domain to
// call required.
func parseInstant(v *cases.ValidationError, field, raw string) time.Time {
	if raw == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		v.Add(field, "error.date_time")
	}
	return t
}

// slotDoc is a published slot in the API.
type slotDoc struct {
	ID               int64    `json:"id"`
	AdviserID        int64    `json:"adviser_id"`
	Adviser          string   `json:"adviser,omitempty"`
	SeriesID         string   `json:"series_id"`
	StartsAt         string   `json:"starts_at"`
	EndsAt           string   `json:"ends_at"`
	DurationMin      int      `json:"duration_min"`
	ServiceLanguages []string `json:"service_languages"`
	Topics           []string `json:"topics"`
	Booked           bool     `json:"booked"`
	Withdrawn        bool     `json:"withdrawn"`
	ConsultationID   *int64   `json:"consultation_id,omitempty"`
}

func slotDocOf(s cases.Slot) slotDoc {
	return slotDoc{ID: s.ID, AdviserID: s.AdviserID, Adviser: s.Adviser, SeriesID: s.SeriesID,
		StartsAt: s.StartsAt.Format(time.RFC3339), EndsAt: s.EndsAt.Format(time.RFC3339), DurationMin: s.DurationMin(),
		ServiceLanguages: orEmpty(s.ServiceLanguages), Topics: orEmpty(s.Topics), Booked: s.Booked,
		Withdrawn: s.WithdrawnAt != nil, ConsultationID: s.ConsultationID}
}

// slotPublishDoc is a publication.
type slotPublishDoc struct {
	StartsAt         string   `json:"starts_at"`
	DurationMin      int      `json:"duration_min"`
	Weekly           bool     `json:"weekly"`
	Until            string   `json:"until"`
	ServiceLanguages []string `json:"service_languages"`
	Topics           []string `json:"topics"`
}

func (d slotPublishDoc) input(key string) (cases.SlotInput, *cases.ValidationError) {
	v := &cases.ValidationError{}
	in := cases.SlotInput{IdempotencyKey: key, DurationMin: d.DurationMin, Weekly: d.Weekly,
		ServiceLanguages: d.ServiceLanguages, Topics: d.Topics, StartsAt: parseInstant(v, "starts_at", d.StartsAt)}
	if d.Weekly {
		if in.Until = parseDay(v, "until", d.Until); in.Until.IsZero() && v.For("until") == "" {
			v.Add("until", "error.required")
		}
	}
	return in, v
}

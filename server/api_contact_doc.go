package server

import (
	"time"

	"neuvo/cases"
)

// contactDoc is a contact in the API. The read-only fields are accepted
// and ignored on input, so a client can send back what it read.
type contactDoc struct {
	ID               int64         `json:"id,omitempty"`
	AdvicePointID    int64         `json:"advice_point_id"`
	ClientID         *int64        `json:"client_id"`
	ClientCode       *string       `json:"client_code"`
	StartedAt        string        `json:"started_at"`
	DurationMin      int           `json:"duration_min"`
	Channel          string        `json:"channel"`
	Kind             string        `json:"kind"`
	Participants     *int          `json:"participants"`
	HouseholdSize    *int          `json:"household_size"`
	ServiceLanguages []string      `json:"service_languages"`
	ClientLanguage   string        `json:"client_language"`
	Interpreter      string        `json:"interpreter"`
	Profile          cases.Profile `json:"profile"`
	Topics           []string      `json:"topics"`
	Actions          []string      `json:"actions"`
	Referrals        []string      `json:"referrals"`
	Outcome          string        `json:"outcome"`
	FollowUpOn       *string       `json:"follow_up_on"`
	Note             string        `json:"note,omitempty"`
	AdviserID        int64         `json:"adviser_id,omitempty"`
	CreatedAt        *time.Time    `json:"created_at,omitempty"`
	UpdatedAt        *time.Time    `json:"updated_at,omitempty"`
	DeletedAt        *time.Time    `json:"deleted_at,omitempty"`
}

const dateOnly = "2006-01-02"

func contactDocOf(c cases.Contact) contactDoc {
	d := contactDoc{ID: c.ID, AdvicePointID: c.AdvicePointID, ClientID: c.ClientID, ClientCode: c.ClientCode,
		StartedAt: c.StartedAt.Format(time.RFC3339), DurationMin: c.DurationMin, Channel: c.Channel, Kind: c.Kind,
		Participants: c.Participants, HouseholdSize: c.HouseholdSize, ServiceLanguages: orEmpty(c.ServiceLanguages),
		ClientLanguage: c.ClientLanguage, Interpreter: c.Interpreter, Profile: c.Input().Profile,
		Topics: orEmpty(c.Topics), Actions: orEmpty(c.Actions), Referrals: orEmpty(c.Referrals), Outcome: c.Outcome,
		Note: c.Note, AdviserID: c.AdviserID, CreatedAt: &c.CreatedAt, UpdatedAt: &c.UpdatedAt, DeletedAt: c.DeletedAt}
	if c.FollowUpOn != nil {
		day := c.FollowUpOn.Format(dateOnly)
		d.FollowUpOn = &day
	}
	return d
}

func orEmpty(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}

// input converts the document; what cannot be parsed becomes a field error
// and the domain validates the rest, as for the form.
func (d contactDoc) input(key string) (cases.ContactInput, *cases.ValidationError) {
	var v cases.ValidationError
	in := cases.ContactInput{IdempotencyKey: key, AdvicePointID: d.AdvicePointID, DurationMin: d.DurationMin,
		Channel: d.Channel, Kind: d.Kind, ServiceLanguages: d.ServiceLanguages, ClientLanguage: d.ClientLanguage,
		Interpreter: d.Interpreter, Profile: d.Profile, Topics: d.Topics, Actions: d.Actions, Referrals: d.Referrals,
		Outcome: d.Outcome, Note: d.Note}
	if d.ClientID != nil {
		in.ClientID = *d.ClientID
	}
	if d.Participants != nil {
		in.Participants = *d.Participants
	}
	if d.HouseholdSize != nil {
		in.HouseholdSize = *d.HouseholdSize
	}
	if t, err := time.Parse(time.RFC3339, d.StartedAt); err == nil {
		in.StartedAt = t
	} else if d.StartedAt != "" {
		v.Add("started_at", "error.date_time")
	}
	if d.FollowUpOn != nil && *d.FollowUpOn != "" {
		if day, err := time.Parse(dateOnly, *d.FollowUpOn); err == nil {
			in.FollowUpOn = &day
		} else {
			v.Add("follow_up_on", "error.date")
		}
	}
	return in, &v
}

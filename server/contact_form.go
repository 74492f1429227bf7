package server

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// contactForm is the quick-entry form as typed: fields stay strings so that
// whatever the adviser typed comes back after a validation error.
type contactForm struct {
	ID             int64
	IdempotencyKey string
	Date, Time     string
	Duration       string
	AdvicePoint    string
	ClientCode     string
	Channel, Kind  string
	Participants   string
	HouseholdSize  string
	ServiceLangs   []string
	ClientLanguage string
	Interpreter    string
	Profile        cases.Profile
	Topics         []string
	Actions        []string
	Referrals      []string
	Outcome        string
	FollowUpOn     string
	Note           string
}

func readContactForm(c *gin.Context) contactForm {
	return contactForm{
		IdempotencyKey: c.PostForm("idempotency_key"), Date: c.PostForm("date"), Time: c.PostForm("time"),
		Duration: c.PostForm("duration_min"), AdvicePoint: c.PostForm("advice_point"),
		ClientCode: c.PostForm("client_code"), Channel: c.PostForm("channel"), Kind: c.PostForm("kind"),
		Participants: c.PostForm("participants"), HouseholdSize: c.PostForm("household_size"),
		ServiceLangs: c.PostFormArray("service_languages"), ClientLanguage: c.PostForm("client_language"),
		Interpreter: c.PostForm("interpreter"),
		Profile: cases.Profile{AgeBand: c.PostForm("age_band"), Gender: c.PostForm("gender"),
			Citizenship: c.PostForm("citizenship"), Municipality: c.PostForm("municipality"),
			ResidenceBasis: c.PostForm("residence_basis"), TimeInFinland: c.PostForm("time_in_finland"),
			LabourMarket: c.PostForm("labour_market")},
		Topics: c.PostFormArray("topics"), Actions: c.PostFormArray("actions"), Referrals: c.PostFormArray("referrals"),
		Outcome: c.PostForm("outcome"), FollowUpOn: c.PostForm("follow_up_on"), Note: c.PostForm("note"),
	}
}

// input converts the typed values; what cannot be parsed becomes a field
// error, and the domain validates the rest.
func (f contactForm) input(clientID int64) (cases.ContactInput, *cases.ValidationError) {
	var v cases.ValidationError
	in := cases.ContactInput{IdempotencyKey: f.IdempotencyKey, ClientID: clientID, Channel: f.Channel, Kind: f.Kind,
		ServiceLanguages: f.ServiceLangs, ClientLanguage: f.ClientLanguage, Interpreter: f.Interpreter,
		Profile: f.Profile, Topics: f.Topics, Actions: f.Actions, Referrals: f.Referrals, Outcome: f.Outcome, Note: f.Note}
	in.AdvicePointID = v.ID("advice_point", f.AdvicePoint)
	if t, err := time.ParseInLocation("2006-01-02 15:04", f.Date+" "+f.Time, cases.Finland); err == nil {
		in.StartedAt = t
	} else {
		v.Add("started_at", "error.date_time")
	}
	in.DurationMin = number(&v, "duration_min", f.Duration, true)
	in.Participants = number(&v, "participants", f.Participants, false)
	in.HouseholdSize = number(&v, "household_size", f.HouseholdSize, false)
	if f.FollowUpOn != "" {
		if d, err := time.Parse("2006-01-02", f.FollowUpOn); err == nil {
			in.FollowUpOn = &d
		} else {
			v.Add("follow_up_on", "error.date")
		}
	}
	return in, &v
}

// number reads a whole number; the domain checks its range.
func number(v *cases.ValidationError, field, raw string, required bool) int {
	if required && strings.TrimSpace(raw) == "" {
		v.Add(field, "error.required")
		return 0
	}
	return int(v.Int(field, raw, math.MinInt64, math.MaxInt64, "error.number"))
}

// contactFormFrom fills the form from an input (defaults or a stored contact).
func contactFormFrom(in cases.ContactInput, clientCode string) contactForm {
	local := in.StartedAt.In(cases.Finland)
	f := contactForm{IdempotencyKey: in.IdempotencyKey, Date: local.Format("2006-01-02"), Time: local.Format("15:04"),
		Duration: strconv.Itoa(in.DurationMin), AdvicePoint: strconv.FormatInt(in.AdvicePointID, 10), ClientCode: clientCode,
		Channel: in.Channel, Kind: in.Kind, ServiceLangs: in.ServiceLanguages, ClientLanguage: in.ClientLanguage,
		Interpreter: in.Interpreter, Profile: in.Profile, Topics: in.Topics, Actions: in.Actions, Referrals: in.Referrals,
		Outcome: in.Outcome, Note: in.Note}
	if in.Participants > 0 {
		f.Participants = strconv.Itoa(in.Participants)
	}
	if in.HouseholdSize > 0 {
		f.HouseholdSize = strconv.Itoa(in.HouseholdSize)
	}
	if in.FollowUpOn != nil {
		f.FollowUpOn = in.FollowUpOn.Format("2006-01-02")
	}
	return f
}

package cases

import (
	"slices"
	"strings"

	"neuvo/cases/idguard"
)

// SupportProfile is the optional anonymous client profile of a request:
// every field has the explicit unknown value, and unknown is the default.
type SupportProfile struct {
	AgeBand        string `json:"age_band"`
	ResidenceBasis string `json:"residence_basis"`
	ClientLanguage string `json:"client_language"`
	TimeInFinland  string `json:"time_in_finland"`
}

// SupportProfileField is one profile field and its taxonomy, in form order.
type SupportProfileField struct{ Name, Kind string }

// SupportProfileFields lists the profile's fields.
func SupportProfileFields() []SupportProfileField {
	return []SupportProfileField{{"age_band", "age_band"}, {"residence_basis", "residence_basis"},
		{"client_language", "language"}, {"time_in_finland", "time_in_finland"}}
}

// Value is a field's value by name, for templates.
func (p SupportProfile) Value(name string) string {
	switch name {
	case "age_band":
		return p.AgeBand
	case "residence_basis":
		return p.ResidenceBasis
	case "client_language":
		return p.ClientLanguage
	case "time_in_finland":
		return p.TimeInFinland
	}
	return ""
}

func (p *SupportProfile) values() []*string {
	return []*string{&p.AgeBand, &p.ResidenceBasis, &p.ClientLanguage, &p.TimeInFinland}
}

// SupportInput is a new request as the worker typed it.
type SupportInput struct {
	IdempotencyKey string
	Sector         string
	Topics         []string
	Urgency        string
	AnswerChannel  string
	CallbackPhone  string
	Question       string
	Profile        SupportProfile
	ConsentShared  bool
	ConsentWhat    string
	ConsentBasis   string
	// ConfirmFindings: the worker has checked the identity guard's warnings
	// (possible names) and keeps the text. It never lets an identity code
	// or, without consent, contact details through.
	ConfirmFindings bool
}

// MaxCallbackPhone bounds the call-back number, in characters.
const MaxCallbackPhone = 50

// MaxConsentText bounds what the worker says was shared with consent.
const MaxConsentText = 500

// Validate fills the defaults and checks every field except what the
// identity guard looks for, which checkGuard does with the text.
func (in *SupportInput) Validate(tax *Taxonomy) error {
	var v ValidationError
	in.defaults()
	if in.IdempotencyKey != "" && !uuidPattern.MatchString(in.IdempotencyKey) {
		v.Add("idempotency_key", "error.idempotency_key")
	}
	if v.Text("sector", in.Sector, MaxCodeLen) && !tax.Valid("sector", in.Sector, nil) {
		v.Add("sector", "error.choose")
	}
	if len(in.Topics) == 0 {
		v.Add("topics", "error.topic_required")
	} else if v.List("topics", "error.too_many_topics", in.Topics, MaxTopics) {
		for _, t := range in.Topics {
			if !v.Text("topics", t, MaxCodeLen) || !tax.Valid("topic", t, nil) {
				v.Add("topics", "error.unknown_code")
				break
			}
		}
	}
	in.Urgency = v.Choice("urgency", in.Urgency, "", Urgencies...)
	if in.Urgency == "" && v.For("urgency") == "" {
		v.Add("urgency", "error.choose")
	}
	in.AnswerChannel = v.Choice("answer_channel", in.AnswerChannel, "written", AnswerChannels...)
	in.validateCallback(&v)
	in.validateProfile(&v, tax)
	in.validateConsent(&v)
	if v.RequiredText("question", in.Question, MaxSupportText) {
		in.Question = strings.TrimSpace(in.Question)
	}
	return v.Err()
}

func (in *SupportInput) defaults() {
	in.Topics = dedupe(in.Topics)
	in.CallbackPhone = strings.TrimSpace(in.CallbackPhone)
	in.ConsentWhat = strings.TrimSpace(in.ConsentWhat)
	for _, value := range in.Profile.values() {
		if *value == "" {
			*value = Unknown
		}
	}
	if !in.ConsentShared {
		in.ConsentWhat, in.ConsentBasis = "", ""
	}
}

func (in *SupportInput) validateProfile(v *ValidationError, tax *Taxonomy) {
	values := in.Profile.values()
	for i, f := range SupportProfileFields() {
		if !v.Text(f.Name, *values[i], MaxCodeLen) || !tax.Valid(f.Kind, *values[i], nil) {
			v.Add(f.Name, "error.unknown_code")
		}
	}
}

// validateCallback checks the call-back number: the worker's own work
// number, required for a phone answer. It is a phone number and nothing
// else, so it cannot carry a client's name or identity code; the identity
// guard leaves it alone for that reason.
func (in *SupportInput) validateCallback(v *ValidationError) {
	switch {
	case !v.Text("callback_phone", in.CallbackPhone, MaxCallbackPhone):
	case in.CallbackPhone == "" && in.AnswerChannel == "phone":
		v.Add("callback_phone", "error.callback_phone")
	case in.CallbackPhone != "" && !idguard.OnlyPhone(in.CallbackPhone):
		v.Add("callback_phone", "error.callback_phone_format")
	}
}

func (in *SupportInput) validateConsent(v *ValidationError) {
	if !in.ConsentShared {
		return
	}
	v.RequiredText("consent_what", in.ConsentWhat, MaxConsentText)
	if !slices.Contains(ConsentBases, in.ConsentBasis) {
		v.Add("consent_basis", "error.choose")
	}
}

package cases

import (
	"slices"
	"strings"
)

// ClientPurposes are the reasons an adviser gives for reading a client's
// identifying details; "other" needs a few words of its own.
var ClientPurposes = []string{"case_work", "follow_up", "correction", "client_request", "other"}

// Purpose is why a client's identifying details are read. Every such read
// writes one audit event carrying it.
type Purpose struct {
	Code string
	Text string // what "other" means; empty for the listed purposes
}

// MaxPurposeText bounds the words an adviser gives for "other".
const MaxPurposeText = 200

// ParsePurpose checks a purpose as chosen on a form or sent to the API.
func ParsePurpose(code, text string) (Purpose, error) {
	p := Purpose{Code: strings.TrimSpace(code), Text: strings.TrimSpace(text)}
	var v ValidationError
	switch {
	case p.Code == "":
		v.Add("purpose", "error.purpose_required")
	case !slices.Contains(ClientPurposes, p.Code):
		v.Add("purpose", "error.unknown_code")
	case p.Code != "other":
		p.Text = ""
	case p.Text == "":
		v.Add("purpose_text", "error.purpose_text_required")
	case len(p.Text) > MaxPurposeText:
		v.Add("purpose_text", "error.too_long")
	case !storable(p.Text):
		v.Add("purpose_text", "error.text")
	}
	return p, v.Err()
}

// event is the audit event of reading a client with this purpose.
func (p Purpose) event(actor Roles, clientID int64, via string) Event {
	details := map[string]any{"via": via}
	if p.Text != "" {
		details["purpose_text"] = p.Text
	}
	return Event{Action: "client.view", RecordType: "client", RecordID: idText(clientID), ActorRoles: actor,
		Purpose: p.Code, Details: details}
}

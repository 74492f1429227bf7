package cases

import (
	"time"

	"github.com/lib/pq"
)

// Contact is one advice event, the unit of most statistics.
type Contact struct {
	ID               int64          `db:"id"`
	OrgID            int64          `db:"org_id"`
	AdvicePointID    int64          `db:"advice_point_id"`
	AdvicePoint      string         `db:"advice_point"`
	AdviserID        int64          `db:"adviser_id"`
	Adviser          string         `db:"adviser"`
	ClientID         *int64         `db:"client_id"`
	ClientCode       *string        `db:"client_code"`
	StartedAt        time.Time      `db:"started_at"`
	DurationMin      int            `db:"duration_min"`
	Channel          string         `db:"channel"`
	Kind             string         `db:"kind"`
	Participants     *int           `db:"participants"`
	HouseholdSize    *int           `db:"household_size"`
	ServiceLanguages pq.StringArray `db:"service_languages"`
	ClientLanguage   string         `db:"client_language"`
	Interpreter      string         `db:"interpreter"`
	AgeBand          string         `db:"age_band"`
	Gender           string         `db:"gender"`
	Citizenship      string         `db:"citizenship"`
	Municipality     string         `db:"municipality"`
	ResidenceBasis   string         `db:"residence_basis"`
	TimeInFinland    string         `db:"time_in_finland"`
	LabourMarket     string         `db:"labour_market"`
	Topics           pq.StringArray `db:"topics"`
	Actions          pq.StringArray `db:"actions"`
	Referrals        pq.StringArray `db:"referrals"`
	Outcome          string         `db:"outcome"`
	FollowUpOn       *time.Time     `db:"follow_up_on"`
	Note             string         `db:"note"`
	CreatedAt        time.Time      `db:"created_at"`
	UpdatedAt        time.Time      `db:"updated_at"`
	DeletedAt        *time.Time     `db:"deleted_at"`
}

// Input turns a stored contact back into the form that edits it.
func (c Contact) Input() ContactInput {
	in := ContactInput{
		AdvicePointID: c.AdvicePointID, StartedAt: c.StartedAt, DurationMin: c.DurationMin,
		Channel: c.Channel, Kind: c.Kind, ServiceLanguages: c.ServiceLanguages, ClientLanguage: c.ClientLanguage,
		Interpreter: c.Interpreter, Profile: Profile{AgeBand: c.AgeBand, Gender: c.Gender, Citizenship: c.Citizenship,
			Municipality: c.Municipality, ResidenceBasis: c.ResidenceBasis, TimeInFinland: c.TimeInFinland,
			LabourMarket: c.LabourMarket},
		Topics: c.Topics, Actions: c.Actions, Referrals: c.Referrals, Outcome: c.Outcome, FollowUpOn: c.FollowUpOn, Note: c.Note,
	}
	if c.ClientID != nil {
		in.ClientID = *c.ClientID
	}
	if c.Participants != nil {
		in.Participants = *c.Participants
	}
	if c.HouseholdSize != nil {
		in.HouseholdSize = *c.HouseholdSize
	}
	return in
}

// Profile is the anonymous profile of design.md §3. Every field may be
// "unknown": advisers never have to ask what a client does not want to tell.
type Profile struct {
	AgeBand        string `db:"age_band" json:"age_band"`
	Gender         string `db:"gender" json:"gender"`
	Citizenship    string `db:"citizenship" json:"citizenship"`
	Municipality   string `db:"municipality" json:"municipality"`
	ResidenceBasis string `db:"residence_basis" json:"residence_basis"`
	TimeInFinland  string `db:"time_in_finland" json:"time_in_finland"`
	LabourMarket   string `db:"labour_market" json:"labour_market"`
}

// profileFields pairs each profile field with its taxonomy kind.
func (p *Profile) fields() []struct {
	name, kind string
	value      *string
} {
	return []struct {
		name, kind string
		value      *string
	}{
		{"age_band", "age_band", &p.AgeBand}, {"gender", "gender", &p.Gender},
		{"citizenship", "country", &p.Citizenship}, {"municipality", "municipality", &p.Municipality},
		{"residence_basis", "residence_basis", &p.ResidenceBasis}, {"time_in_finland", "time_in_finland", &p.TimeInFinland},
		{"labour_market", "labour_market", &p.LabourMarket},
	}
}

// ProfileField names a profile field and its taxonomy kind.
type ProfileField struct{ Name, Kind string }

// ProfileFields lists the profile in form order.
func ProfileFields() []ProfileField {
	var out []ProfileField
	for _, f := range (&Profile{}).fields() {
		out = append(out, ProfileField{Name: f.name, Kind: f.kind})
	}
	return out
}

// Value reads a profile field by name.
func (p Profile) Value(name string) string {
	for _, f := range p.fields() {
		if f.name == name {
			return *f.value
		}
	}
	return ""
}

// Unknown is the explicit "unknown / declined" value of every profile field.
const Unknown = "unknown"

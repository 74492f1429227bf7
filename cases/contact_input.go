package cases

import (
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // date rules must not depend on the host having zone files
)

// ContactInput is what an adviser records, from the quick-entry form, the
// API or an import.
type ContactInput struct {
	IdempotencyKey   string
	AdvicePointID    int64
	ClientID         int64
	StartedAt        time.Time
	DurationMin      int
	Channel          string
	Kind             string
	Participants     int
	HouseholdSize    int
	ServiceLanguages []string
	ClientLanguage   string
	Interpreter      string
	Profile
	Topics     []string
	Actions    []string
	Referrals  []string
	Outcome    string
	FollowUpOn *time.Time
	Note       string
}

// MaxDurationMin is eight hours: a longer contact is a typing mistake.
const MaxDurationMin = 480

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Finland is where "today" is decided for date checks.
var Finland = mustLocation("Europe/Helsinki")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("EET", 2*3600)
	}
	return loc
}

// Validate fills the "unknown" defaults and checks every field against the
// network's taxonomies. had is the stored contact when editing: its
// retired codes stay valid.
func (in *ContactInput) Validate(tax *Taxonomy, now time.Time, had *Contact) error {
	var v ValidationError
	in.checkLists(&v)
	in.defaults()
	if in.IdempotencyKey != "" && !uuidPattern.MatchString(in.IdempotencyKey) {
		v.Add("idempotency_key", "error.idempotency_key")
	}
	if in.AdvicePointID == 0 {
		v.Add("advice_point", "error.required")
	}
	in.validateTime(&v, now)
	in.validateCodes(&v, tax, had)
	if in.Kind == "group_session" && in.Participants < 1 {
		v.Add("participants", "error.participants")
	}
	if in.Participants < 0 || in.Participants > 1000 {
		v.Add("participants", "error.participants")
	}
	if in.HouseholdSize < 0 || in.HouseholdSize > 30 {
		v.Add("household_size", "error.household_size")
	}
	if len(in.Topics) == 0 {
		v.Add("topics", "error.topic_required")
	}
	if in.Outcome == "follow_up_planned" && in.FollowUpOn == nil {
		v.Add("follow_up_on", "error.follow_up_date")
	}
	v.Text("note", in.Note, MaxNoteLen)
	return v.Err()
}

func (in *ContactInput) defaults() {
	in.Note = strings.TrimSpace(in.Note)
	for _, f := range in.Profile.fields() {
		if *f.value == "" {
			*f.value = Unknown
		}
	}
	if in.ClientLanguage == "" {
		in.ClientLanguage = Unknown
	}
	if in.Interpreter == "" {
		in.Interpreter = "none"
	}
	if in.Kind == "" {
		in.Kind = "advice"
	}
	if in.Outcome == "" {
		in.Outcome = Unknown
	}
	in.Topics = dedupe(in.Topics)
	in.Actions = dedupe(in.Actions)
	in.Referrals = dedupe(in.Referrals)
	in.ServiceLanguages = dedupe(in.ServiceLanguages)
}

func (in *ContactInput) validateTime(v *ValidationError, now time.Time) {
	today := now.In(Finland)
	endOfToday := time.Date(today.Year(), today.Month(), today.Day()+1, 0, 0, 0, 0, Finland)
	switch {
	case in.StartedAt.IsZero():
		v.Add("started_at", "error.required")
	case !in.StartedAt.Before(endOfToday):
		v.Add("started_at", "error.future_date")
	case in.StartedAt.Before(time.Date(2000, 1, 1, 0, 0, 0, 0, Finland)):
		v.Add("started_at", "error.too_old")
	}
	if in.DurationMin < 1 {
		v.Add("duration_min", "error.duration_min")
	} else if in.DurationMin > MaxDurationMin {
		v.Add("duration_min", "error.duration_max")
	}
	if in.FollowUpOn != nil && in.FollowUpOn.Before(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		v.Add("follow_up_on", "error.follow_up_past")
	} else if in.FollowUpOn != nil && in.FollowUpOn.After(latestFollowUp(today)) {
		v.Add("follow_up_on", "error.follow_up_far")
	}
}

func (in *ContactInput) validateCodes(v *ValidationError, tax *Taxonomy, had *Contact) {
	var before Contact
	if had != nil {
		before = *had
	}
	one := func(field, kind, code string, old string) {
		if !tax.Valid(kind, code, []string{old}) {
			v.Add(field, "error.unknown_code")
		}
	}
	many := func(field, kind string, codes, old []string) {
		for _, c := range codes {
			if !tax.Valid(kind, c, old) {
				v.Add(field, "error.unknown_code")
				return
			}
		}
	}
	one("channel", "channel", in.Channel, before.Channel)
	one("kind", "contact_kind", in.Kind, before.Kind)
	one("client_language", "language", in.ClientLanguage, before.ClientLanguage)
	one("interpreter", "interpreter", in.Interpreter, before.Interpreter)
	one("outcome", "outcome", in.Outcome, before.Outcome)
	old := before.Input().Profile
	for i, f := range in.Profile.fields() {
		one(f.name, f.kind, *f.value, *old.fields()[i].value)
	}
	many("service_languages", "language", in.ServiceLanguages, before.ServiceLanguages)
	many("topics", "topic", in.Topics, before.Topics)
	many("actions", "action", in.Actions, before.Actions)
	many("referrals", "referral_target", in.Referrals, before.Referrals)
}

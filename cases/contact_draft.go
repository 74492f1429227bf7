package cases

import "time"

// DraftContact is where a new contact starts. What describes the service
// (advice point, service languages, channel) carries over from the
// adviser's previous entry; what describes the client or the result (the
// profile, the client's language, the outcome) starts as unknown unless
// the client's own profile supplies it. A form that started on its first
// option would record a profile nobody gave.
func DraftContact(last ContactInput, client *Client, now time.Time) ContactInput {
	var in ContactInput
	if client != nil {
		in = client.ContactDefaults()
	}
	in.AdvicePointID, in.ServiceLanguages, in.Channel = last.AdvicePointID, last.ServiceLanguages, last.Channel
	for _, f := range in.Profile.fields() {
		if *f.value == "" {
			*f.value = Unknown
		}
	}
	if in.ClientLanguage == "" {
		in.ClientLanguage = Unknown
	}
	in.Outcome, in.Interpreter, in.Kind = Unknown, "none", "advice"
	in.IdempotencyKey = NewIdempotencyKey()
	in.StartedAt = now.In(Finland).Truncate(5 * time.Minute)
	in.DurationMin = 15
	if in.Channel == "" {
		in.Channel = "walk_in"
	}
	if len(in.ServiceLanguages) == 0 {
		in.ServiceLanguages = []string{"fi"}
	}
	return in
}

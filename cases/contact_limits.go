package cases

import "time"

// How many values a contact's list fields may hold. One advice event is
// about a handful of topics, given in one to three languages; the bounds
// leave room for a long group session and refuse what only a script sends
// (80,000 "languages" once cost 15 s of CPU in an open transaction).
const (
	MaxTopics           = 20 // of about 55 topics in two levels; a busy visit touches 5
	MaxServiceLanguages = 10 // a session is given in 1–3 languages, a group session in a few more
	MaxActions          = 20 // the standard list has 8
	MaxReferrals        = 20 // the standard list has 15
)

// FollowUpHorizon is how far ahead a follow-up may be planned: far enough
// for a residence permit's renewal, near enough to catch a mistyped year.
const FollowUpHorizon = 2 // years

// checkLists bounds the list fields before anything is done per value.
func (in *ContactInput) checkLists(v *ValidationError) {
	v.List("topics", "error.too_many_topics", in.Topics, MaxTopics)
	v.List("service_languages", "error.too_many_languages", in.ServiceLanguages, MaxServiceLanguages)
	v.List("actions", "error.too_many_actions", in.Actions, MaxActions)
	v.List("referrals", "error.too_many_referrals", in.Referrals, MaxReferrals)
}

// latestFollowUp is the last day a follow-up may be planned for, given
// today in Finland.
func latestFollowUp(today time.Time) time.Time {
	return time.Date(today.Year()+FollowUpHorizon, today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
}

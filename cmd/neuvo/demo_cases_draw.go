package main

import (
	"fmt"
	"strings"
	"time"

	"neuvo/cases"
)

// record draws the adviser's i-th contact: a regular group session, or
// one with a client or an anonymous visitor. The last contacts have
// follow-ups planned, so the home page always shows some.
func (g *demoDraw) record(i int, at time.Time, c *cases.Client) cases.ContactInput {
	var followUp *time.Time
	switch fromEnd := g.a.contacts - i; {
	case fromEnd <= g.a.dueToday:
		followUp = g.day(0)
	case fromEnd <= g.a.dueToday+g.a.dueSoon:
		followUp = g.day(1 + g.r.IntN(14))
	}
	if c == nil && followUp == nil && i%demoGroupEvery == demoGroupEvery/2 {
		return g.groupSession(at)
	}
	return g.contact(at, c, followUp)
}

func (g *demoDraw) contact(at time.Time, c *cases.Client, followUp *time.Time) cases.ContactInput {
	var in cases.ContactInput
	if c != nil {
		in = c.ContactDefaults()
	} else {
		in = g.anonymous()
	}
	in.StartedAt, in.Channel = at, pick(g.r, demoChannels)
	in.AdvicePointID = g.place
	if in.Channel != "walk_in" && in.Channel != "outreach" {
		in.AdvicePointID = g.remote
	}
	in.DurationMin = g.duration(in.Channel)
	if in.Channel == "video" && g.a.hub && g.r.IntN(2) == 0 {
		in.Kind, in.Municipality = "remote_consultation", pick(g.r, demoPartnerMunicipalities)
	}
	g.languages(&in)
	in.Topics = g.several(demoTopics, 3)
	in.Actions = g.several(demoActions, 2)
	g.outcome(&in, followUp)
	return in
}

func (g *demoDraw) anonymous() cases.ContactInput {
	lang, p := g.person(15)
	in := cases.ContactInput{ClientLanguage: lang, Profile: p}
	if g.r.IntN(2) == 0 {
		in.HouseholdSize = 1 + g.r.IntN(6)
	}
	return in
}

// person draws someone plausible: a background, then a profile of which
// a field is left out (unknown) with the given chance in percent.
func (g *demoDraw) person(leaveOut int) (string, cases.Profile) {
	b := pick(g.r, demoBackgrounds)
	p := cases.Profile{AgeBand: pick(g.r, demoAgeBands), Gender: pick(g.r, demoGenders),
		Citizenship: oneOf(g.r, b.countries), Municipality: pick(g.r, g.a.municipalities),
		ResidenceBasis: oneOf(g.r, b.bases), TimeInFinland: pick(g.r, demoTimeInFinland),
		LabourMarket: pick(g.r, demoLabourMarket)}
	for _, f := range []*string{&p.AgeBand, &p.Gender, &p.Citizenship, &p.ResidenceBasis, &p.TimeInFinland, &p.LabourMarket} {
		if g.r.IntN(100) < leaveOut {
			*f = ""
		}
	}
	if g.r.IntN(25) == 0 {
		return "", p
	}
	return b.language, p
}

func (g *demoDraw) client() cases.ClientInput {
	lang, p := g.person(10)
	in := cases.ClientInput{ClientLanguage: lang, Profile: p}
	if g.r.IntN(3) > 0 {
		in.HouseholdSize = 1 + g.r.IntN(6)
	}
	if g.r.IntN(6) == 0 {
		g.identify(&in)
	}
	return in
}

// identify gives a client invented details whose names say they are made
// up ("esimerkki" is Finnish for example): never a real person.
func (g *demoDraw) identify(in *cases.ClientInput) {
	first, last := oneOf(g.r, demoFirstNames), oneOf(g.r, demoLastNames)
	in.Name = first + " " + last
	age := map[string][2]int{"under_18": {15, 3}, "18_29": {18, 12}, "30_54": {30, 25}, "55_plus": {55, 20}}[in.AgeBand]
	if age[1] == 0 {
		age = [2]int{20, 45}
	}
	in.BirthYear = g.now.Year() - age[0] - g.r.IntN(age[1])
	if g.r.IntN(2) == 0 {
		in.Phone = fmt.Sprintf("040 000 %04d", g.r.IntN(10000))
	}
	if g.r.IntN(3) == 0 {
		in.Email = strings.ToLower(first+"."+last) + "@demo.neuvo.invalid"
	}
}

// languages decides the service languages and interpreter from the
// client's language, the adviser's own languages and the channel.
func (g *demoDraw) languages(in *cases.ContactInput) {
	switch lang := in.ClientLanguage; {
	case lang == "" || lang == "fi" || lang == "unknown":
		in.ServiceLanguages, in.Interpreter = []string{"fi"}, "none"
	case lang == "en" || lang == "sv":
		in.ServiceLanguages, in.Interpreter = []string{lang}, "none"
	case lang == g.a.speaks:
		in.ServiceLanguages, in.Interpreter = []string{lang}, "bilingual_staff"
	case in.Channel == "chat" || in.Channel == "email":
		in.ServiceLanguages, in.Interpreter = []string{"fi", "en"}, "none"
	default:
		in.ServiceLanguages, in.Interpreter = []string{"fi"}, pick(g.r, demoInterpreters)
		if in.Interpreter == "on_site" && in.Channel != "walk_in" {
			in.Interpreter = "phone"
		}
	}
}

// outcome sets the outcome: follow-ups only for the last fortnight's
// contacts, due within two weeks (a planned date may not be past).
func (g *demoDraw) outcome(in *cases.ContactInput, followUp *time.Time) {
	recent := !in.StartedAt.Before(g.today.AddDate(0, 0, -14))
	switch {
	case followUp != nil:
		in.Outcome, in.FollowUpOn = "follow_up_planned", followUp
	case recent && g.r.IntN(5) == 0:
		in.Outcome, in.FollowUpOn = "follow_up_planned", g.day(1+g.r.IntN(14))
	default:
		in.Outcome = pick(g.r, demoOutcomes)
	}
	switch in.Outcome {
	case "follow_up_planned":
		in.Actions = append(in.Actions, "follow_up_agreed")
	case "referred":
		in.Referrals = []string{g.referral(in.Topics[0])}
	}
}

// referral is where a contact about the topic is usually sent.
func (g *demoDraw) referral(topic string) string {
	if item, ok := g.tax.Item("topic", topic); ok && item.Parent != "" {
		topic = item.Parent
	}
	if target, ok := demoReferrals[topic]; ok {
		return target
	}
	return "social_services"
}

func (g *demoDraw) groupSession(at time.Time) cases.ContactInput {
	in := cases.ContactInput{AdvicePointID: g.place, StartedAt: at, DurationMin: 60 + 30*g.r.IntN(3),
		Channel: "walk_in", Kind: "group_session", Participants: 6 + g.r.IntN(20),
		ServiceLanguages: []string{"fi"}, ClientLanguage: oneOf(g.r, []string{"uk", "ar", "so", ""}),
		Topics: oneOf(g.r, demoGroupTopics), Actions: []string{"advice_given"}}
	if in.ClientLanguage != "" {
		in.Interpreter = "on_site"
	}
	return in
}

func (g *demoDraw) duration(channel string) int {
	switch channel {
	case "phone":
		return 5 + 5*g.r.IntN(6)
	case "chat", "email":
		return 5 + 5*g.r.IntN(4)
	case "video":
		return 20 + 5*g.r.IntN(9)
	}
	return 10 + 5*g.r.IntN(11)
}

// several draws one to max codes, the first one most likely; repeats are
// dropped by validation.
func (g *demoDraw) several(from []choice[string], max int) []string {
	out := []string{pick(g.r, from)}
	for len(out) < max && g.r.IntN(5) < 2 {
		out = append(out, pick(g.r, from))
	}
	return out
}

// day is a date n days from today, as the form parses one.
func (g *demoDraw) day(n int) *time.Time {
	d := time.Date(g.today.Year(), g.today.Month(), g.today.Day()+n, 0, 0, 0, 0, time.UTC)
	return &d
}

package main

import "time"

// demoSlotPlan is one weekly time a hub adviser publishes.
type demoSlotPlan struct {
	subject   string
	weekday   time.Weekday
	hour      int
	languages []string
}

// demoSlotPlans: Aino serves in Finnish and English, Mohammed also in
// Arabic, which partners book without an interpreter.
var demoSlotPlans = []demoSlotPlan{
	{"joensuu-adviser", time.Tuesday, 10, []string{"fi", "en"}},
	{"joensuu-adviser", time.Thursday, 13, []string{"fi", "en"}},
	{"joensuu-adviser2", time.Monday, 9, []string{"fi", "ar", "en"}},
	{"joensuu-adviser2", time.Wednesday, 14, []string{"ar", "fi"}},
}

// demoConsultationWeeks is how far back and ahead the slots reach.
const demoConsultationWeeks = 3

// demoSlotMinutes is every demo slot's length.
const demoSlotMinutes = 45

// demoPartnerWorkers book most of the slots, Liperi the most.
var demoPartnerWorkers = []choice[[2]string]{
	{[2]string{"Liperi", "liperi-worker"}, 4}, {[2]string{"Kontiolahti", "kontiolahti-worker"}, 3},
	{[2]string{"Ilomantsi", "ilomantsi-worker"}, 2}, {[2]string{"Outokumpu", "outokumpu-worker"}, 2},
}

var (
	demoConsultationTopics = []string{"permits", "employment", "social_security", "housing", "education", "family", "health"}
	// demoInterpretedLanguages are residents' languages that need an
	// interpreter when the slot's adviser does not speak them.
	demoInterpretedLanguages     = []string{"ru", "so", "uk", "fa", "ti"}
	demoConsultationInterpreters = []choice[string]{{"phone", 3}, {"video", 2}, {"on_site", 1}}
	demoNotes                    = []string{"", "", "Asukas toivoo, että tulkki on mukana alusta asti.",
		"Oleskelulupapäätös on asukkaalla mukana.", "Asukas osallistuu sosiaalitoimiston tiloista.", ""}
	demoCancelReasons = []string{"Asukas sairastui.", "Tulkki ei päässyt paikalle.", "Asia hoitui puhelimessa.",
		"Asukas muutti toiselle paikkakunnalle."}
)

// demoConsultationEnds is how the bookings end in turn: most past ones are held,
// some cancelled or no-shows; an upcoming one marked cancelled is
// cancelled now, the others stay booked.
var demoConsultationEnds = []string{"held", "held", "cancelled", "held", "no_show", "held", "held", "booked", "held", "no_show",
	"held", "cancelled"}

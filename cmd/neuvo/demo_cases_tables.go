package main

import "math/rand/v2"

// choice is a value and how often it is drawn relative to the others.
type choice[T any] struct {
	value  T
	weight int
}

func pick[T any](r *rand.Rand, cs []choice[T]) T {
	total := 0
	for _, c := range cs {
		total += c.weight
	}
	n := r.IntN(total)
	for _, c := range cs {
		if n < c.weight {
			return c.value
		}
		n -= c.weight
	}
	panic("unreachable")
}

func oneOf[T any](r *rand.Rand, values []T) T { return values[r.IntN(len(values))] }

// demoBackground ties a client language to likely citizenships and
// residence bases, so the demo's cross-tables look like a real caseload.
type demoBackground struct {
	language         string
	countries, bases []string
}

var demoBackgrounds = []choice[demoBackground]{
	{demoBackground{"uk", []string{"UA"}, []string{"temporary_protection"}}, 18},
	{demoBackground{"ar", []string{"SY", "IQ"}, []string{"international_protection", "family"}}, 12},
	{demoBackground{"ru", []string{"RU", "UA", "EE"}, []string{"family", "work", "study", "temporary_protection"}}, 10},
	{demoBackground{"en", []string{"IN", "PH", "NG", "PK", "BD"}, []string{"work", "study", "family"}}, 12},
	{demoBackground{"so", []string{"SO"}, []string{"international_protection", "family"}}, 6},
	{demoBackground{"fa", []string{"AF", "IR"}, []string{"international_protection", "family", "pending_or_no_permit"}}, 6},
	{demoBackground{"ti", []string{"ER"}, []string{"international_protection", "family"}}, 3},
	{demoBackground{"kmr", []string{"IQ", "TR", "SY"}, []string{"international_protection", "family"}}, 3},
	{demoBackground{"tr", []string{"TR"}, []string{"work", "family"}}, 3},
	{demoBackground{"th", []string{"TH"}, []string{"work", "family"}}, 3},
	{demoBackground{"vi", []string{"VN"}, []string{"work", "study"}}, 4},
	{demoBackground{"tl", []string{"PH"}, []string{"work"}}, 2},
	{demoBackground{"et", []string{"EE"}, []string{"eu_nordic_registration"}}, 3},
	{demoBackground{"fi", []string{"RU", "IQ", "SO", "TH"}, []string{"family", "work", "returnee"}}, 5},
}

var (
	demoChannels      = []choice[string]{{"walk_in", 50}, {"phone", 30}, {"chat", 5}, {"email", 6}, {"video", 6}, {"outreach", 3}}
	demoInterpreters  = []choice[string]{{"none", 70}, {"on_site", 12}, {"phone", 14}, {"video", 4}}
	demoAgeBands      = []choice[string]{{"under_18", 3}, {"18_29", 30}, {"30_54", 50}, {"55_plus", 9}, {"unknown", 8}}
	demoGenders       = []choice[string]{{"woman", 52}, {"man", 42}, {"non_binary", 1}, {"unknown", 5}}
	demoTimeInFinland = []choice[string]{{"under_1", 28}, {"1_3", 32}, {"3_5", 15}, {"over_5", 15}, {"unknown", 10}}
	demoLabourMarket  = []choice[string]{{"employed", 24}, {"unemployed_jobseeker", 26}, {"student", 10},
		{"home_with_children", 10}, {"outside_labour_force", 8}, {"self_employed", 3}, {"retired", 3}, {"unknown", 16}}
	demoOutcomes              = []choice[string]{{"resolved", 68}, {"referred", 22}, {"unresolved", 10}}
	demoVisitsPerClient       = []choice[int]{{1, 45}, {2, 27}, {3, 14}, {4, 7}, {5, 4}, {6, 3}}
	demoPartnerMunicipalities = []choice[string]{{"426", 4}, {"276", 3}, {"146", 2}, {"309", 3}}
)

// demoTopics leans on permits, social security, employment, housing and
// registration, as advice points report.
var demoTopics = []choice[string]{
	{"permits", 8}, {"permit_application", 9}, {"permit_extension", 8}, {"family_reunification", 4}, {"eu_registration", 2},
	{"social_security", 6}, {"kela_benefits", 10}, {"social_assistance", 3}, {"health_insurance", 2},
	{"employment", 5}, {"job_seeking", 7}, {"employment_services", 4}, {"working_life_rights", 2},
	{"housing", 4}, {"finding_housing", 5}, {"tenancy", 2}, {"housing_allowance", 4},
	{"registration", 3}, {"dvv_registration", 4}, {"identity_code", 3}, {"strong_identification", 4},
	{"finnish_courses", 4}, {"degree_recognition", 2}, {"children_school", 2}, {"health_services", 3},
	{"mental_health", 1}, {"taxes", 2}, {"bank_account", 2}, {"digital_services", 3}, {"integration_plan", 2},
	{"citizenship_application", 2}, {"marriage_divorce", 1}, {"discrimination", 1},
}

var demoActions = []choice[string]{{"advice_given", 50}, {"forms_filled", 12}, {"appointment_booked", 10},
	{"authority_contacted", 8}, {"documents_checked", 8}, {"translation_help", 6}, {"digital_service_help", 10}}

var demoGroupTopics = [][]string{{"integration", "finnish_courses"}, {"employment", "job_seeking"},
	{"social_security", "kela_benefits"}, {"housing", "tenancy"}, {"everyday", "digital_services"}}

// demoReferrals is where a contact is referred by its main topic.
var demoReferrals = map[string]string{"permits": "migri", "citizenship": "migri", "return": "migri",
	"registration": "dvv", "social_security": "kela", "employment": "te_services", "housing": "housing_office",
	"education": "integration_training", "integration": "integration_training", "health": "health_services",
	"money": "tax_administration", "family": "social_services", "rights": "legal_aid", "everyday": "ngo"}

var (
	demoFirstNames = []string{"Aada", "Olli", "Maija", "Teppo", "Essi", "Kalle", "Viivi", "Niko"}
	demoLastNames  = []string{"Esimerkki", "Oletus", "Malli", "Testaaja", "Kokeilu", "Harjoitus"}
)

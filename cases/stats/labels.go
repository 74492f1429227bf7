package stats

// words are the statistics' own headings in each UI language; taxonomy
// categories carry their own labels.
var words = map[string]map[string]string{
	"fi": {
		"contacts": "Yhteydenotot", "share": "Osuus, %", "persons": "Tavoitetut henkilöt", "unique_clients": "Eri asiakkaita",
		"new_clients": "Uusia asiakkaita", "total": "Yhteensä", "months": "Yhteydenotot kuukausittain", "month": "Kuukausi",
		"consultations": "Etäneuvonnat kunnittain ja tilan mukaan", "partner": "Asiakkaan kunta",
		"booked": "Tulossa", "held": "Pidetty", "no_show": "Ei saapunut", "cancelled": "Peruttu", "consult_total": "Varattu yhteensä",
		"hub": "Keskuksen kunta", "other": "Muu kunta", "unknown": "Ei tiedossa / ei halua kertoa",
		"first": "Ensimmäinen käynti", "follow_up": "Jatkokäynti", "no_client": "Ei asiakkuutta",
		"under_15": "Alle 15 min", "15_30": "15–30 min", "30_60": "30–60 min", "over_60": "Yli 60 min",
		"advice_point_n": "Neuvontapiste %s", "no_filter": "ei rajattavissa", "by": "%s",
		"dim.kind": "Asioinnin laji", "dim.channel": "Kanava", "dim.advice_point": "Neuvontapiste", "dim.visit": "Ensimmäinen ja jatkokäynti",
		"dim.duration": "Kesto", "dim.topic": "Aihe (pääluokka)", "dim.topic_detail": "Aihe (tarkka)", "dim.interpreter": "Tulkkaus",
		"dim.residence_basis": "Oleskeluperuste", "dim.country_group": "Maaryhmä", "dim.age_band": "Ikäryhmä", "dim.gender": "Sukupuoli",
		"dim.municipality": "Asuinkunta", "dim.time_in_finland": "Aika Suomessa", "dim.labour_market": "Työmarkkina-asema",
		"dim.outcome": "Lopputulos", "dim.client_language": "Asiakkaan kieli", "dim.service_language": "Palvelukieli",
	},
	"sv": {
		"contacts": "Kontakter", "share": "Andel, %", "persons": "Nådda personer", "unique_clients": "Olika klienter",
		"new_clients": "Nya klienter", "total": "Totalt", "months": "Kontakter per månad", "month": "Månad",
		"consultations": "Distansrådgivning per kommun och status", "partner": "Klientens kommun",
		"booked": "Kommande", "held": "Hållen", "no_show": "Uteblev", "cancelled": "Inställd", "consult_total": "Bokade totalt",
		"hub": "Centrets kommun", "other": "Annan kommun", "unknown": "Okänt / vill inte uppge",
		"first": "Första besöket", "follow_up": "Återbesök", "no_client": "Utan klientskap",
		"under_15": "Under 15 min", "15_30": "15–30 min", "30_60": "30–60 min", "over_60": "Över 60 min",
		"advice_point_n": "Rådgivningspunkt %s", "no_filter": "kan inte avgränsas", "by": "%s",
		"dim.kind": "Typ av kontakt", "dim.channel": "Kanal", "dim.advice_point": "Rådgivningspunkt", "dim.visit": "Första besök och återbesök",
		"dim.duration": "Längd", "dim.topic": "Ämne (huvudklass)", "dim.topic_detail": "Ämne (detaljerat)", "dim.interpreter": "Tolkning",
		"dim.residence_basis": "Grund för uppehåll", "dim.country_group": "Landgrupp", "dim.age_band": "Åldersgrupp", "dim.gender": "Kön",
		"dim.municipality": "Hemkommun", "dim.time_in_finland": "Tid i Finland", "dim.labour_market": "Ställning på arbetsmarknaden",
		"dim.outcome": "Resultat", "dim.client_language": "Klientens språk", "dim.service_language": "Servicespråk",
	},
	"en": {
		"contacts": "Contacts", "share": "Share, %", "persons": "Persons reached", "unique_clients": "Unique clients",
		"new_clients": "New clients", "total": "Total", "months": "Contacts by month", "month": "Month",
		"consultations": "Remote consultations by municipality and status", "partner": "Client's municipality",
		"booked": "Upcoming", "held": "Held", "no_show": "No-show", "cancelled": "Cancelled", "consult_total": "Booked in all",
		"hub": "Hub's municipality", "other": "Other municipality", "unknown": "Unknown / declined",
		"first": "First visit", "follow_up": "Follow-up visit", "no_client": "No client record",
		"under_15": "Under 15 min", "15_30": "15–30 min", "30_60": "30–60 min", "over_60": "Over 60 min",
		"advice_point_n": "Advice point %s", "no_filter": "not available with a filter", "by": "%s",
		"dim.kind": "Kind of contact", "dim.channel": "Channel", "dim.advice_point": "Advice point", "dim.visit": "First and follow-up visits",
		"dim.duration": "Duration", "dim.topic": "Topic (top level)", "dim.topic_detail": "Topic (detail)", "dim.interpreter": "Interpreting",
		"dim.residence_basis": "Residence basis", "dim.country_group": "Country group", "dim.age_band": "Age band", "dim.gender": "Gender",
		"dim.municipality": "Municipality of residence", "dim.time_in_finland": "Time in Finland", "dim.labour_market": "Labour-market status",
		"dim.outcome": "Outcome", "dim.client_language": "Client's language", "dim.service_language": "Service language",
	},
}

func word(lang, key string) string {
	if w, ok := words[lang][key]; ok {
		return w
	}
	if w, ok := words["fi"][key]; ok {
		return w
	}
	return key
}

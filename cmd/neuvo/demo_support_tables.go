package main

// demoQuestion is a question partner workers ask, the hub's usual answer
// and its title when it is shared. None identifies anyone.
type demoQuestion struct {
	topics          []string
	question        string
	answer, title   string
	channel, sector string // "" for any
}

var demoQuestions = []demoQuestion{
	{topics: []string{"family_reunification"}, sector: "social_work",
		question: "Perheen isä on saanut oleskeluluvan ja haluaa hakea puolisoaan ja lapsiaan Suomeen. Mitä tuloja häneltä vaaditaan ja kuinka kauan käsittely kestää?",
		answer:   "Toimeentuloedellytys riippuu perheen koosta; kansainvälistä suojelua saaneilta sitä ei vaadita, jos hakemus jätetään kolmen kuukauden kuluessa. Käsittelyaika on tällä hetkellä noin yhdeksän kuukautta. Hakemus jätetään Enter Finland -palvelussa ja perheenjäsenet käyvät tunnistautumassa edustustossa.",
		title:    "Perheenyhdistäminen: toimeentulo ja käsittelyaika"},
	{topics: []string{"permit_extension"}, sector: "employment_services",
		question: "Asiakkaan työsuhde päättyy ensi kuussa ja oleskelulupa on sidottu työhön. Voiko hän hakea jatkolupaa työttömänä?",
		answer:   "Työntekijän luvan haltijalla on kolme kuukautta aikaa löytää uusi työ, jos työsuhde päättyy. Jatkolupa haetaan ennen vanhan luvan päättymistä. Kannattaa ilmoittautua heti TE-palveluihin työnhakijaksi.",
		title:    "Työperäinen lupa ja työsuhteen päättyminen"},
	{topics: []string{"kela_benefits"}, sector: "social_work",
		question: "Miten Kela laskee asumistuen, kun perheen isä asuu vielä ulkomailla? Perhe on muuttanut kuntaan kaksi kuukautta sitten.",
		answer:   "Asumistuessa huomioidaan samassa asunnossa asuvat. Ulkomailla asuva puoliso ei kuulu ruokakuntaan, mutta hänen tulonsa voivat vaikuttaa, jos hän on muuttamassa Suomeen. Hakemukseen liitetään vuokrasopimus ja selvitys tuloista.",
		title:    "Asumistuki, kun puoliso asuu ulkomailla"},
	{topics: []string{"education"}, sector: "schools",
		question: "Koulun kuraattorina kysyn: oppilaan huoltaja ei ymmärrä Wilma-viestejä. Onko teillä arabiankielistä ohjausta ja voiko tulkin tilata vanhempainvarttiin?",
		answer:   "Keskuksella on arabiankielistä neuvontaa tiistaisin ja torstaisin, myös etänä. Tulkin koulu tilaa omasta sopimuksestaan; vanhempainvarttiin sopii puhelintulkkaus. Wilman käyttöön on selkokielinen ohje usealla kielellä.",
		title:    "Huoltajan ohjaus ja tulkki koulun tapaamisiin"},
	{topics: []string{"children_school", "family"}, sector: "early_childhood", channel: "phone",
		question: "Varhaiskasvatukseen tulee ukrainalainen perhe, jonka tilapäinen suojelu jatkuu. Onko perheellä kotikunta ja mitä maksuja heiltä peritään?",
		answer:   "Tilapäistä suojelua saava voi saada kotikunnan, kun hän on asunut Suomessa vuoden. Sitä ennen varhaiskasvatus järjestetään vastaanottokeskuksen kautta. Maksut määräytyvät tavalliseen tapaan tulojen mukaan.",
		title:    "Tilapäinen suojelu ja varhaiskasvatus"},
	{topics: []string{"dvv_registration", "integration_plan"}, sector: "social_work",
		question: "Asiakas on muuttamassa Kontiolahdelta Outokumpuun. Mitä ilmoituksia hänen pitää tehdä ja siirtyykö kotoutumissuunnitelma?",
		answer:   "Muuttoilmoitus tehdään Digi- ja väestötietovirastolle viikon kuluessa. Kotoutumissuunnitelma siirtyy uuteen kuntaan, kun asiakas antaa luvan tietojen siirtoon; uusi kunta jatkaa sitä.",
		title:    "Muutto toiseen kuntaan ja kotoutumissuunnitelma"},
	{topics: []string{"finnish_courses", "integration_plan"}, sector: "employment_services",
		question: "Asiakas käy töissä 30 tuntia viikossa. Voiko hän osallistua kotoutumiskoulutukseen iltaisin?",
		answer:   "Kotoutumiskoulutusta järjestetään myös iltaisin ja verkossa. Työssä käyvä voi opiskella omaehtoisesti, jolloin etuudet eivät vaikuta. Keskuksesta saa listan alueen kursseista.",
		title:    "Kotoutumiskoulutus työn ohessa"},
	{topics: []string{"health_services"}, sector: "health", channel: "phone",
		question: "Onko paperittomalla oikeus kiireettömään hoitoon hyvinvointialueella? Asiakkaalla on pitkäaikaissairaus.",
		answer:   "Paperittomille annetaan kiireellinen hoito kaikilla hyvinvointialueilla; kiireettömästä hoidosta päättää alue. Pohjois-Karjalassa pitkäaikaissairauden välttämätön hoito annetaan. Ohjaa asiakas myös paperittomien klinikalle.",
		title:    "Paperittomien terveydenhuolto"},
	{topics: []string{"citizenship_application"}, sector: "other",
		question: "Kuinka pitkä asumisaika Suomessa tarvitaan kansalaisuuteen nyt ja lasketaanko turvapaikanhakijana oltu aika?",
		answer:   "Asumisaikavaatimus on pääsääntöisesti kahdeksan vuotta yhtäjaksoista asumista. Turvapaikanhakijana oltu aika lasketaan puoliksi. Lisäksi vaaditaan kielitaito ja toimeentulo.",
		title:    "Kansalaisuuden asumisaika"},
	{topics: []string{"working_life_rights"}, sector: "employment_services",
		question: "Työnantaja haluaa palkata asiakkaan, jolla on kansainvälinen suojelu. Tarvitaanko erillinen työlupa?",
		answer:   "Kansainvälistä suojelua saaneella on rajoittamaton oikeus tehdä työtä. Työnantaja tarkistaa oleskelulupakortin ja säilyttää tiedon oikeudesta työhön.",
		title:    "Suojelua saaneen oikeus työhön"},
	{topics: []string{"children_school", "parenthood"}, sector: "schools",
		question: "Perheessä on ristiriitaa lapsen koulunkäynnistä ja isä on kieltänyt tyttären uimaopetuksen. Miten asiasta kannattaa keskustella?",
		answer:   "Uinti kuuluu opetussuunnitelmaan. Keskustelussa auttaa, että kerrotaan opetuksen järjestelyistä, kuten erillisistä pukuhuoneista ja uimapuvuista. Keskuksen kulttuuritulkki voi osallistua tapaamiseen.",
		title:    "Uimaopetus ja perheen huolet"},
	{topics: []string{"debt"}, sector: "social_work",
		question: "Asiakas on saanut perintäkirjeen suomeksi eikä ymmärrä sitä. Mistä saa maksutonta velkaneuvontaa omalla kielellä?",
		answer:   "Oikeusaputoimistojen talous- ja velkaneuvonta on maksutonta. Tulkki tilataan neuvonnan kautta. Perintäkirjeeseen kannattaa vastata määräajassa, vaikka maksuun ei heti pystyisi.",
		title:    "Velkaneuvonta omalla kielellä"},
	{topics: []string{"voluntary_return"}, sector: "social_work",
		question: "Asiakas on saanut kielteisen päätöksen ja harkitsee vapaaehtoista paluuta. Mistä hän saa tietoa paluuavustuksesta?",
		answer:   "Vapaaehtoisen paluun avustuksesta neuvoo Maahanmuuttovirasto ja vastaanottokeskus. Hakemus tehdään ennen maastalähtöä; avustuksen määrä riippuu kohdemaasta.",
		title:    "Vapaaehtoinen paluu"},
}

var demoAnswerNotes = []string{
	"Kerro, jos tarvitset vielä apua.",
	"Voit myös ohjata asiakkaan keskuksen neuvontaan.",
	"Lähetin lisätietoa sähköpostiisi ilman asiakkaan tietoja.",
}

var demoAskers = []choice[string]{{"liperi-worker", 32}, {"kontiolahti-worker", 30}, {"ilomantsi-worker", 18}, {"outokumpu-worker", 20}}

var demoExperts = []choice[string]{{"joensuu-adviser", 45}, {"joensuu-adviser2", 40}, {"joensuu-lead", 15}}

var demoUrgencies = []choice[string]{{"today", 22}, {"this_week", 50}, {"no_hurry", 28}}

var demoRatings = []choice[int]{{5, 40}, {4, 34}, {3, 16}, {2, 7}, {1, 3}}

var demoSectors = []choice[string]{{"social_work", 34}, {"schools", 18}, {"early_childhood", 12}, {"employment_services", 20},
	{"health", 10}, {"other", 6}}

// demoPace is how much of the response target the answer takes.
var demoPace = []choice[float64]{{0.1, 15}, {0.25, 25}, {0.5, 25}, {0.8, 15}, {1.2, 12}, {2, 8}}

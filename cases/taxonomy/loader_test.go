package taxonomy

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// unknown mirrors cases.Unknown; this package cannot import cases (cases
// imports taxonomy), so the seeding test in cases covers the link.
const unknown = "unknown"

// municipalityCount is Statistics Finland's municipality count since
// 1 January 2021, when Honkajoki (099) joined Kankaanpää: 293 on the
// mainland and 16 on Åland.
const municipalityCount = 309

func standardByKind(t *testing.T) map[string][]Item {
	t.Helper()
	all, err := Standard()
	if err != nil {
		t.Fatalf("Standard: %v", err)
	}
	byKind := map[string][]Item{}
	for _, it := range all {
		byKind[it.Kind] = append(byKind[it.Kind], it)
	}
	return byKind
}

func codes(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Code)
	}
	return out
}

func TestTaxonomyEveryKindLoads(t *testing.T) {
	byKind := standardByKind(t)
	for _, kind := range Kinds() {
		if len(byKind[kind]) == 0 {
			t.Errorf("%s: no items", kind)
		}
		for i, it := range byKind[kind] {
			if it.Sort != i+1 {
				t.Errorf("%s/%s: sort %d, want %d (line order)", kind, it.Code, it.Sort, i+1)
			}
		}
	}
	if len(byKind) != len(Kinds()) {
		t.Errorf("%d kinds loaded, %d declared", len(byKind), len(Kinds()))
	}
}

func TestTaxonomyCodesUniquePerKind(t *testing.T) {
	for kind, items := range standardByKind(t) {
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it.Code] {
				t.Errorf("%s: duplicate code %s", kind, it.Code)
			}
			seen[it.Code] = true
		}
	}
}

func TestTaxonomyLabelsInEveryLanguage(t *testing.T) {
	for kind, items := range standardByKind(t) {
		for _, it := range items {
			for lang, label := range map[string]string{"fi": it.Labels.FI, "sv": it.Labels.SV, "en": it.Labels.EN} {
				if strings.TrimSpace(label) == "" {
					t.Errorf("%s/%s: empty %s label", kind, it.Code, lang)
				} else if label != strings.TrimSpace(label) {
					t.Errorf("%s/%s: %s label %q has surrounding spaces", kind, it.Code, lang, label)
				}
			}
		}
	}
}

// Topics are two levels: every child's parent is a top-level topic listed
// before it, and every top-level topic has children to choose from.
func TestTaxonomyTopicsAreTwoLevels(t *testing.T) {
	topics := standardByKind(t)["topic"]
	level := map[string]string{} // code -> parent, for topics seen so far
	children := map[string]int{}
	for _, it := range topics {
		if it.Parent != "" {
			parent, seen := level[it.Parent]
			switch {
			case !seen:
				t.Errorf("topic %s: parent %s missing or listed after it", it.Code, it.Parent)
			case parent != "":
				t.Errorf("topic %s: parent %s is itself a child", it.Code, it.Parent)
			}
			children[it.Parent]++
		}
		level[it.Code] = it.Parent
	}
	for _, it := range topics {
		if it.Parent == "" && children[it.Code] == 0 {
			t.Errorf("topic %s: top-level topic without children", it.Code)
		}
	}
}

func TestTaxonomyCountriesMapToGroups(t *testing.T) {
	byKind := standardByKind(t)
	groups := map[string]int{}
	for _, g := range byKind["country_group"] {
		groups[g.Code] = 0
	}
	for _, c := range byKind["country"] {
		if _, ok := groups[c.Group]; !ok {
			t.Errorf("country %s: group %q not in country_group", c.Code, c.Group)
			continue
		}
		groups[c.Group]++
	}
	for g, n := range groups {
		if n == 0 {
			t.Errorf("country_group %s: no country maps to it", g)
		}
	}
	for _, kind := range []string{"country", "country_group"} {
		for _, it := range byKind[kind] {
			if it.Parent != "" {
				t.Errorf("%s/%s: unexpected parent %s", kind, it.Code, it.Parent)
			}
		}
	}
	if fi := slices.IndexFunc(byKind["country"], func(it Item) bool { return it.Code == "FI" }); fi < 0 || byKind["country"][fi].Group != "finland" {
		t.Error("country FI must map to group finland")
	}
}

func TestTaxonomyMunicipalities(t *testing.T) {
	threeDigits := regexp.MustCompile(`^[0-9]{3}$`)
	byCode := map[string]Item{}
	n := 0
	for _, it := range standardByKind(t)["municipality"] {
		byCode[it.Code] = it
		switch {
		case threeDigits.MatchString(it.Code):
			n++
		case it.Code == "abroad" || it.Code == unknown:
		default:
			t.Errorf("municipality %q: neither a three-digit code nor a special value", it.Code)
		}
	}
	if n != municipalityCount {
		t.Errorf("%d municipalities, want %d", n, municipalityCount)
	}
	for code, fi := range map[string]string{"091": "Helsinki", "146": "Ilomantsi", "167": "Joensuu",
		"276": "Kontiolahti", "309": "Outokumpu", "426": "Liperi", "478": "Maarianhamina", "992": "Äänekoski"} {
		if got := byCode[code].Labels.FI; got != fi {
			t.Errorf("municipality %s: %q, want %q", code, got, fi)
		}
	}
	for code, sv := range map[string]string{"091": "Helsingfors", "049": "Esbo", "092": "Vanda", "853": "Åbo",
		"638": "Borgå", "710": "Raseborg", "499": "Korsholm", "598": "Jakobstad", "272": "Karleby", "905": "Vasa",
		"287": "Kristinestad", "545": "Närpes", "893": "Nykarleby", "478": "Mariehamn"} {
		if got := byCode[code].Labels.SV; got != sv {
			t.Errorf("municipality %s: Swedish %q, want %q", code, got, sv)
		}
	}
	// Merged away: Honkajoki (2021), Valtimo (2020), Juankoski and Luvia (2017).
	for _, gone := range []string{"099", "911", "174", "442"} {
		if _, ok := byCode[gone]; ok {
			t.Errorf("municipality %s no longer exists", gone)
		}
	}
	for _, special := range []string{"abroad", unknown} {
		if _, ok := byCode[special]; !ok {
			t.Errorf("municipality: missing special value %s", special)
		}
	}
}

// Every profile field offers an explicit unknown / declined value, last in
// the list and worded the same everywhere.
func TestTaxonomyProfileKindsEndWithUnknown(t *testing.T) {
	byKind := standardByKind(t)
	var want Labels
	for _, kind := range ProfileKinds() {
		items := byKind[kind]
		if len(items) == 0 || items[len(items)-1].Code != unknown {
			t.Errorf("%s: last item is not %s", kind, unknown)
			continue
		}
		got := items[len(items)-1].Labels
		if want == (Labels{}) {
			want = got
		} else if got != want {
			t.Errorf("%s: unknown labels %+v differ from %+v", kind, got, want)
		}
	}
	// A contact's country group falls back to unknown when the citizenship
	// has no group, so the group list needs it too.
	if !slices.Contains(codes(byKind["country_group"]), unknown) {
		t.Errorf("country_group: missing %s", unknown)
	}
}

// The defaults and rules in cases name these codes.
func TestTaxonomyCodesUsedByCases(t *testing.T) {
	byKind := standardByKind(t)
	for kind, code := range map[string]string{"interpreter": "none", "contact_kind": "advice"} {
		if !slices.Contains(codes(byKind[kind]), code) {
			t.Errorf("%s: missing %s", kind, code)
		}
	}
	for _, code := range []string{"resolved", "follow_up_planned"} {
		if !slices.Contains(codes(byKind["outcome"]), code) {
			t.Errorf("outcome: missing %s", code)
		}
	}
}

func TestTaxonomyValidateRejectsBrokenData(t *testing.T) {
	lbl := Labels{FI: "a", SV: "b", EN: "c"}
	item := func(kind, code, parent, group string) Item {
		return Item{Kind: kind, Code: code, Parent: parent, Group: group, Labels: lbl}
	}
	// A minimal valid set: every profile kind ends with unknown.
	base := func() []Item {
		var items []Item
		for _, kind := range ProfileKinds() {
			if kind == "country" {
				continue
			}
			items = append(items, item(kind, unknown, "", ""))
		}
		return append(items, item("country_group", unknown, "", ""), item("country", unknown, "", unknown))
	}
	if err := validate(base()); err != nil {
		t.Fatalf("valid set rejected: %v", err)
	}
	cases := []struct {
		name  string
		extra []Item
	}{
		{"duplicate code", []Item{item("topic", "a", "", ""), item("topic", "a", "", "")}},
		{"bad code", []Item{item("topic", "a b", "", "")}},
		{"empty label", []Item{{Kind: "topic", Code: "a", Labels: Labels{FI: "a", SV: "b"}}}},
		{"missing parent", []Item{item("topic", "a", "nope", "")}},
		{"three levels", []Item{item("topic", "a", "", ""), item("topic", "b", "a", ""), item("topic", "c", "b", "")}},
		{"unknown country group", []Item{item("country", "SE", "", "nordic")}},
		{"unknown not last", []Item{item("gender", "woman", "", "")}},
	}
	for _, c := range cases {
		if err := validate(append(base(), c.extra...)); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

func TestTaxonomyParseRejectsWrongHeader(t *testing.T) {
	if _, err := parse("topic", strings.NewReader("code,fi,sv,en\na,b,c,d\n")); err == nil {
		t.Error("wrong header accepted")
	}
	if _, err := parse("topic", strings.NewReader("")); err == nil {
		t.Error("empty file accepted")
	}
}

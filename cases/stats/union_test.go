package stats

import (
	"math/rand/v2"
	"testing"

	"neuvo/cases"
	"neuvo/cases/stats/sdc"
)

// syntheticYear is a year of skewed leaves without a database.
func syntheticYear(seed uint64, contacts int) *yearData {
	r := rand.New(rand.NewPCG(seed, 2))
	skew := func(codes []string) string {
		return codes[int(float64(len(codes))*r.Float64()*r.Float64()*r.Float64())]
	}
	d := &yearData{contacts: map[leaf]amounts{}, clients: map[[2]string]int{}, consults: map[consultLeaf]int{}}
	dims := map[string][]string{
		"visit": {"first", "follow_up", "no_client"}, "duration": {"under_15", "15_30", "30_60", "over_60"},
		"age_band": {"30_54", "18_29", "55_64", "unknown", "under_18", "65_plus"}, "gender": {"woman", "man", "unknown", "other"},
		"topic": {"permits", "work", "housing", "education", "health", "family"}, "municipality": {"hub", "p2", "unknown", "other"},
	}
	for i := 0; i < contacts; i++ {
		base := leaf{Month: 1 + r.IntN(12), AdvicePoint: skew([]string{"1", "2", "3"}),
			Channel: skew([]string{"walk_in", "phone", "email", "video", "chat"}), Kind: skew([]string{"advice", "remote_consultation", "group_session"})}
		add := func(dim, code string) {
			l := base
			l.Dim, l.Code = dim, code
			a := d.contacts[l]
			a.add(amounts{N: 1, Persons: 1, Minutes: 20})
			d.contacts[l] = a
		}
		add("total", "")
		add("kind", base.Kind)
		add("channel", base.Channel)
		add("advice_point", base.AdvicePoint)
		picked := map[string]string{}
		for _, dim := range []string{"age_band", "duration", "gender", "municipality", "topic", "visit"} {
			picked[dim] = skew(dims[dim])
			add(dim, picked[dim])
		}
		for _, dd := range contactDimList {
			if _, ok := picked[dd.ID]; !ok && dd.ID != "kind" && dd.ID != "channel" && dd.ID != "advice_point" {
				add(dd.ID, "unknown")
			}
		}
		add("age_band*gender", picked["age_band"]+"|"+picked["gender"])
		add("channel*kind", base.Channel+"|"+base.Kind)
	}
	for m := 1; m <= 12; m++ {
		for _, s := range consultationStatuses {
			d.consults[consultLeaf{Month: m, Status: s, Resident: "2"}] = r.IntN(9)
		}
	}
	return d
}

// TestTheFamiliesOfAYearAreSafeTogether audits the union of every family
// of a scope and year, each cell once by its key: what the families
// publish together, read by one attacker, still proves no primary cell
// smaller than k.
func TestTheFamiliesOfAYearAreSafeTogether(t *testing.T) {
	tax, err := cases.StandardTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(1); seed <= 6; seed++ {
		data := syntheticYear(seed, 1500)
		c, err := Compute(tax, []int64{2}, data, Scope{Kind: ScopeOrg, OrgID: 1}, 2026, 5)
		if err != nil {
			t.Fatal(err)
		}
		union, pattern := unionFamily(t, tax, data, c)
		audit, err := sdc.Audit(union, pattern, sdc.AuditOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !audit.Safe {
			for _, a := range audit.Cells {
				if !a.Safe {
					t.Errorf("seed %d: a primary cell is proven at most %d (err %v)", seed, a.Hi, a.Err)
				}
			}
			t.Fatalf("seed %d: exposed %v", seed, audit.Exposed)
		}
		t.Logf("seed %d: %d cells, %d audited", seed, union.Len(), len(audit.Cells))
	}
}

// unionFamily merges the families' cells by key and keeps every relation.
func unionFamily(t *testing.T, tax *cases.Taxonomy, data *yearData, c *Computation) (*sdc.Family, *sdc.Pattern) {
	u := newFamBuilder("union")
	var suppressed []sdc.CellID
	withheld := 0
	for i, b := range families(tax, []int64{2}, data) {
		if !c.Families[i].Safe {
			withheld++ // not published: not part of what an attacker reads
			continue
		}
		for j, key := range b.keys {
			if _, seen := u.ids[key]; !seen {
				id := u.cell(key, b.vals[j])
				if c.Families[i].Cells[key] == nil {
					suppressed = append(suppressed, id)
				}
			}
		}
		for _, r := range b.f.Relations() {
			parts := make([]string, len(r.Parts))
			for k, p := range r.Parts {
				parts[k] = b.keys[p]
			}
			u.sum(b.keys[r.Total], parts, r.Line)
		}
	}
	if u.err != nil {
		t.Fatal(u.err)
	}
	if withheld > len(c.Families)/3 {
		t.Fatalf("%d of %d families withheld", withheld, len(c.Families))
	}
	p, err := sdc.NewPattern(u.f, 5, suppressed)
	if err != nil {
		t.Fatal(err)
	}
	return u.f, p
}

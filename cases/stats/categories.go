package stats

import (
	"slices"
	"strconv"

	"neuvo/cases"
)

// smallTaxonomy: a taxonomy this short shows every category, zeros too;
// longer ones (languages, topic details) show the categories that occur.
const smallTaxonomy = 15

// categories are a dimension's rows in display order: the taxonomy's (or
// Neuvo's own) order, then any other code the year's contacts hold, so
// every contact is in a row and the rows add up.
func categories(d dim, tax *cases.Taxonomy, partners []int64, data *yearData) []string {
	var out []string
	switch {
	case d.ID == "municipality":
		out = append(out, "hub")
		for _, p := range partners {
			out = append(out, "p"+strconv.FormatInt(p, 10))
		}
		out = append(out, "other", "unknown")
	case d.Taxonomy == "":
		out = append(out, ownCategories[d.ID]...)
	default:
		items := tax.All(d.Taxonomy)
		for _, it := range items {
			top := it.Parent == ""
			if d.ID == "topic" && !top || d.ID == "topic_detail" && top {
				continue
			}
			out = append(out, it.Code)
		}
		if len(out) > smallTaxonomy {
			seen := data.values(d.ID)
			out = slices.DeleteFunc(out, func(c string) bool { return !seen[c] })
		}
	}
	for _, c := range sortedKeys(data.values(d.ID)) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

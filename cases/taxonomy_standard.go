package cases

import "neuvo/cases/taxonomy"

// StandardTaxonomy is the standard items as a new network gets them, read
// without a database: for checks of input alone, such as the fuzz tests.
func StandardTaxonomy() (*Taxonomy, error) {
	items, err := taxonomy.Standard()
	if err != nil {
		return nil, err
	}
	out := make([]TaxonomyItem, len(items))
	for i, it := range items {
		out[i] = TaxonomyItem{Kind: it.Kind, Code: it.Code, Parent: it.Parent, Group: it.Group,
			LabelFI: it.Labels.FI, LabelSV: it.Labels.SV, LabelEN: it.Labels.EN, Sort: it.Sort * 10}
	}
	return newTaxonomy(0, out), nil
}

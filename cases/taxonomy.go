package cases

import (
	"context"
	"slices"

	"github.com/jmoiron/sqlx"
)

// TaxonomyItem is one value of a taxonomy: a topic, a language, a country…
type TaxonomyItem struct {
	ID      int64  `db:"id" json:"-"`
	Kind    string `db:"kind" json:"kind"`
	Code    string `db:"code" json:"code"`
	Parent  string `db:"parent_code" json:"parent,omitempty"`
	Group   string `db:"group_code" json:"group,omitempty"`
	LabelFI string `db:"label_fi" json:"label_fi"`
	LabelSV string `db:"label_sv" json:"label_sv"`
	LabelEN string `db:"label_en" json:"label_en"`
	Sort    int    `db:"sort_order" json:"sort"`
	Retired bool   `db:"retired" json:"retired"`
}

// Label is the item's name in a UI language.
func (i TaxonomyItem) Label(lang string) string {
	switch lang {
	case "sv":
		return i.LabelSV
	case "en":
		return i.LabelEN
	}
	return i.LabelFI
}

// Taxonomy is every taxonomy of one network, read at once: forms need most
// of it, and validation needs it all.
type Taxonomy struct {
	NetworkID int64
	byKind    map[string][]TaxonomyItem
	index     map[string]map[string]int
}

// LoadTaxonomy reads the current organisation's network's taxonomies.
func LoadTaxonomy(ctx context.Context, q sqlx.QueryerContext) (*Taxonomy, error) {
	var items []TaxonomyItem
	err := sqlx.SelectContext(ctx, q, &items, `SELECT id, kind, code, parent_code, group_code,
		label_fi, label_sv, label_en, sort_order, retired_at IS NOT NULL AS retired
		FROM taxonomy_items ORDER BY kind, sort_order, id`)
	if err != nil {
		return nil, err
	}
	var network int64
	if err := sqlx.GetContext(ctx, q, &network, `SELECT coalesce(app_network_id(), 0)`); err != nil {
		return nil, err
	}
	return newTaxonomy(network, items), nil
}

func newTaxonomy(network int64, items []TaxonomyItem) *Taxonomy {
	t := &Taxonomy{NetworkID: network, byKind: map[string][]TaxonomyItem{}, index: map[string]map[string]int{}}
	for _, it := range items {
		if t.index[it.Kind] == nil {
			t.index[it.Kind] = map[string]int{}
		}
		t.index[it.Kind][it.Code] = len(t.byKind[it.Kind])
		t.byKind[it.Kind] = append(t.byKind[it.Kind], it)
	}
	return t
}

// All lists a kind's items, retired ones included, in display order.
func (t *Taxonomy) All(kind string) []TaxonomyItem { return t.byKind[kind] }

// Active lists what new-entry forms offer.
func (t *Taxonomy) Active(kind string) []TaxonomyItem {
	return slices.DeleteFunc(slices.Clone(t.byKind[kind]), func(i TaxonomyItem) bool { return i.Retired })
}

// Item finds one item.
func (t *Taxonomy) Item(kind, code string) (TaxonomyItem, bool) {
	i, ok := t.index[kind][code]
	if !ok {
		return TaxonomyItem{}, false
	}
	return t.byKind[kind][i], true
}

// Valid accepts an active item, or a retired one the record already had.
func (t *Taxonomy) Valid(kind, code string, had []string) bool {
	item, ok := t.Item(kind, code)
	return ok && (!item.Retired || slices.Contains(had, code))
}

// Label is the display name of a code, or the code itself when unknown.
func (t *Taxonomy) Label(kind, code, lang string) string {
	if item, ok := t.Item(kind, code); ok {
		return item.Label(lang)
	}
	return code
}

// Kinds lists the kinds present.
func (t *Taxonomy) Kinds() []string {
	var out []string
	for k := range t.byKind {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

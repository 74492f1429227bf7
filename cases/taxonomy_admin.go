package cases

import (
	"context"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/taxonomy"
)

// SeedStandardTaxonomy adds the standard items the network lacks. It runs
// in a transaction scoped to the network's hub, at network creation and at
// every `neuvo migrate`, so a new release's items reach existing networks;
// items an admin retired or renamed are left as they are.
func SeedStandardTaxonomy(ctx context.Context, q sqlx.ExtContext) error {
	items, err := taxonomy.Standard()
	if err != nil {
		return err
	}
	for _, it := range items {
		_, err := q.ExecContext(ctx, `INSERT INTO taxonomy_items (network_id, kind, code, parent_code, group_code,
			label_fi, label_sv, label_en, sort_order) VALUES (app_hub_network_id(), $1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (network_id, kind, code) DO NOTHING`,
			it.Kind, it.Code, it.Parent, it.Group, it.Labels.FI, it.Labels.SV, it.Labels.EN, it.Sort*10)
		if err != nil {
			return err
		}
	}
	return nil
}

// SeedAllNetworks runs SeedStandardTaxonomy for every network, as the owner.
func SeedAllNetworks(ctx context.Context, owner *sqlx.DB) error {
	var hubs []int64
	if err := owner.SelectContext(ctx, &hubs, `SELECT id FROM organisations WHERE kind = 'hub' ORDER BY id`); err != nil {
		return err
	}
	for _, hub := range hubs {
		if err := InScope(ctx, owner, Scope{OrgID: hub}, func(tx *sqlx.Tx) error { return SeedStandardTaxonomy(ctx, tx) }); err != nil {
			return err
		}
	}
	return nil
}

// TaxonomyItemInput is a hub admin's change to a taxonomy item.
type TaxonomyItemInput struct {
	Code, Parent              string
	LabelFI, LabelSV, LabelEN string
	Sort                      int
	Retired                   bool
}

var itemCode = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)

// storedCode is any code the schema accepts, standard items' upper-case
// country codes included: a path naming anything else names no item.
var storedCode = regexp.MustCompile(`^[A-Za-z0-9_]{1,40}$`)

// MaxSortOrder bounds an item's position: room for every item of a kind
// ten apart, far below what the column holds.
const MaxSortOrder = 1_000_000

// Validate checks labels and position, and the code of a new item.
func (in *TaxonomyItemInput) Validate(isNew bool) error {
	var v ValidationError
	for field, label := range map[string]*string{"label_fi": &in.LabelFI, "label_sv": &in.LabelSV, "label_en": &in.LabelEN} {
		*label = strings.TrimSpace(*label)
		v.RequiredText(field, *label, MaxNameLen)
	}
	if isNew && !itemCode.MatchString(in.Code) {
		v.Add("code", "error.item_code")
	}
	v.InRange("sort", int64(in.Sort), 0, MaxSortOrder, "error.sort_order")
	return v.Err()
}

// inPath reports whether a kind and codes taken from a URL can name
// anything: text that cannot must not reach SQL.
func inPath(kind string, codes ...string) bool {
	for _, code := range codes {
		if !storedCode.MatchString(code) {
			return false
		}
	}
	return storedCode.MatchString(kind)
}

// AddTaxonomyItem adds an item to a kind of the current hub's network.
func AddTaxonomyItem(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, kind string, in TaxonomyItemInput) error {
	if !inPath(kind) {
		return ErrNotFound
	}
	if err := in.Validate(true); err != nil {
		return err
	}
	if in.Parent != "" {
		if parent, ok := tax.Item(kind, in.Parent); !ok || parent.Parent != "" {
			v := &ValidationError{}
			v.Add("parent", "error.unknown_code")
			return v
		}
	}
	res, err := q.ExecContext(ctx, `INSERT INTO taxonomy_items (network_id, kind, code, parent_code, label_fi, label_sv,
		label_en, sort_order) SELECT app_hub_network_id(), $1, $2, $3, $4, $5, $6, $7 WHERE app_hub_network_id() IS NOT NULL`,
		kind, in.Code, in.Parent, in.LabelFI, in.LabelSV, in.LabelEN, in.Sort)
	if err := uniqueAsField(err, "code"); err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrForbidden
	}
	return Audit(ctx, q, Event{Action: "taxonomy.add", RecordType: "taxonomy_item", RecordID: kind + "/" + in.Code,
		ActorRoles: actor, Purpose: "administration"})
}

// UpdateTaxonomyItem renames, reorders, retires or restores an item.
func UpdateTaxonomyItem(ctx context.Context, q sqlx.ExtContext, actor Roles, kind, code string, in TaxonomyItemInput) error {
	if !inPath(kind, code) {
		return ErrNotFound
	}
	if err := in.Validate(false); err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE taxonomy_items SET label_fi = $3, label_sv = $4, label_en = $5,
		sort_order = $6, retired_at = CASE WHEN $7 THEN coalesce(retired_at, now()) END
		WHERE network_id = app_hub_network_id() AND kind = $1 AND code = $2`,
		kind, code, in.LabelFI, in.LabelSV, in.LabelEN, in.Sort, in.Retired)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return Audit(ctx, q, Event{Action: "taxonomy.update", RecordType: "taxonomy_item", RecordID: kind + "/" + code,
		ActorRoles: actor, Purpose: "administration", Details: map[string]any{"retired": in.Retired}})
}

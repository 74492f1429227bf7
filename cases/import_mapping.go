package cases

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
)

// ImportField is a contact field a spreadsheet column can fill.
type ImportField struct {
	Name  string
	Kind  string // taxonomy kind for coded fields, "" otherwise
	Multi bool   // several values in a cell, or several columns
}

// importFields lists the targets in the order the mapping form shows them.
// "date" and "time" may come in two columns or together as "started_at".
var importFields = []ImportField{
	{Name: "date"}, {Name: "time"}, {Name: "started_at"}, {Name: "duration_min"}, {Name: "advice_point"},
	{Name: "channel", Kind: "channel"}, {Name: "kind", Kind: "contact_kind"}, {Name: "participants"},
	{Name: "household_size"}, {Name: "service_languages", Kind: "language", Multi: true},
	{Name: "client_language", Kind: "language"}, {Name: "interpreter", Kind: "interpreter"},
	{Name: "age_band", Kind: "age_band"}, {Name: "gender", Kind: "gender"}, {Name: "citizenship", Kind: "country"},
	{Name: "municipality", Kind: "municipality"}, {Name: "residence_basis", Kind: "residence_basis"},
	{Name: "time_in_finland", Kind: "time_in_finland"}, {Name: "labour_market", Kind: "labour_market"},
	{Name: "topics", Kind: "topic", Multi: true}, {Name: "actions", Kind: "action", Multi: true},
	{Name: "referrals", Kind: "referral_target", Multi: true}, {Name: "outcome", Kind: "outcome"},
	{Name: "follow_up_on"}, {Name: "note"},
}

// ImportFields lists every target field in form order.
func ImportFields() []ImportField { return slices.Clone(importFields) }

func importField(name string) (ImportField, bool) {
	i := slices.IndexFunc(importFields, func(f ImportField) bool { return f.Name == name })
	if i < 0 {
		return ImportField{}, false
	}
	return importFields[i], true
}

// ImportDefaultFields may have a value for the whole file, for logs kept
// at one desk or one channel that never wrote it down per row.
var ImportDefaultFields = []string{"advice_point", "channel", "duration_min"}

// Mapping says which column fills which field. Columns are matched by
// their header text, so a saved mapping fits next month's export of the
// same spreadsheet even if its columns move.
type Mapping struct {
	Columns  map[string]string `json:"columns"`            // header -> field; unmapped headers are ignored
	Defaults map[string]string `json:"defaults,omitempty"` // field -> value when the column is missing or the cell empty
}

// FieldFor is the field a header is mapped to, or "".
func (m Mapping) FieldFor(header string) string { return m.Columns[header] }

// Check finds mistakes that would make every row fail, before any row is
// read: unknown targets, a single-valued field filled from two columns,
// required fields with neither a column nor a default.
func (m Mapping) Check(header []string) error {
	var v ValidationError
	seen := map[string]bool{}
	for _, h := range header {
		name := m.Columns[h]
		if name == "" {
			continue
		}
		f, ok := importField(name)
		switch {
		case !ok:
			v.Add("mapping", "error.choose")
		case seen[name] && !f.Multi:
			v.Add(name, "import.error.twice")
		}
		seen[name] = true
	}
	for name, value := range m.Defaults {
		if value != "" && !slices.Contains(ImportDefaultFields, name) {
			v.Add("mapping", "error.choose")
		}
	}
	m.checkText(&v)
	if seen["started_at"] && (seen["date"] || seen["time"]) {
		v.Add("started_at", "import.error.twice")
	}
	if !seen["started_at"] && !seen["date"] {
		v.Add("date", "error.required")
	}
	for _, name := range []string{"duration_min", "advice_point", "channel", "topics"} {
		if !seen[name] && m.Defaults[name] == "" {
			v.Add(name, "error.required")
		}
	}
	return v.Err()
}

// MaxMappingNameLen bounds a saved mapping's name, as the schema does.
const MaxMappingNameLen = 100

// MappingName checks the name a mapping is saved under, trimmed.
func MappingName(raw string) (string, error) {
	var v ValidationError
	name := strings.TrimSpace(raw)
	v.RequiredText("mapping_name", name, MaxMappingNameLen)
	return name, v.Err()
}

// checkText refuses text the jsonb column cannot keep (it has no NUL),
// under the field whose value it is, or "mapping" for a header.
func (m Mapping) checkText(v *ValidationError) {
	for header, field := range m.Columns {
		v.Text("mapping", header, MaxImportHeaderLen)
		v.Text("mapping", field, MaxCodeLen)
	}
	for field, value := range m.Defaults {
		v.Text("mapping", field, MaxCodeLen)
		v.Text(field, value, MaxNameLen)
	}
}

// SavedMapping is a mapping kept under a name for the next import.
type SavedMapping struct {
	ID      int64  `db:"id"`
	Name    string `db:"name"`
	Raw     []byte `db:"mapping"`
	Mapping Mapping
}

// ImportMappings lists the organisation's saved mappings.
func ImportMappings(ctx context.Context, q sqlx.QueryerContext) ([]SavedMapping, error) {
	var out []SavedMapping
	if err := sqlx.SelectContext(ctx, q, &out, `SELECT id, name, mapping FROM import_mappings ORDER BY name`); err != nil {
		return nil, err
	}
	for i := range out {
		if err := json.Unmarshal(out[i].Raw, &out[i].Mapping); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GetImportMapping reads one saved mapping of the organisation.
func GetImportMapping(ctx context.Context, q sqlx.QueryerContext, id int64) (SavedMapping, error) {
	var m SavedMapping
	err := sqlx.GetContext(ctx, q, &m, `SELECT id, name, mapping FROM import_mappings WHERE id = $1`, id)
	if err != nil {
		return m, notFound(err)
	}
	return m, json.Unmarshal(m.Raw, &m.Mapping)
}

// SaveImportMapping stores a mapping under a name, replacing the
// organisation's mapping of the same name.
func SaveImportMapping(ctx context.Context, q sqlx.ExtContext, name string, m Mapping) (int64, error) {
	name, err := MappingName(name)
	var v ValidationError
	v.Merge(err)
	m.checkText(&v)
	if err := v.Err(); err != nil {
		return 0, err
	}
	body, err := json.Marshal(m)
	if err != nil {
		return 0, err
	}
	var id int64
	err = sqlx.GetContext(ctx, q, &id, `INSERT INTO import_mappings (org_id, name, mapping, created_by)
		VALUES (app_org_id(), $1, $2, app_user_id())
		ON CONFLICT (org_id, name) DO UPDATE SET mapping = excluded.mapping RETURNING id`, name, string(body))
	return id, err
}

package cases

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ErrDuplicateImport is a file the organisation has imported before.
var ErrDuplicateImport = errors.New("import: file already imported")

// ErrEmptyImport is a file without data rows.
var ErrEmptyImport = errors.New("import: no rows")

// ImportRowError stops a commit at the first invalid row: nothing is
// written. A dry run lists every such row.
type ImportRowError struct {
	Row int
	Err error
}

func (e *ImportRowError) Error() string { return fmt.Sprintf("import row %d: %v", e.Row, e.Err) }
func (e *ImportRowError) Unwrap() error { return e.Err }

// ImportFile identifies an uploaded file. The hash finds a second import
// of the same file; the name is only shown back to the organisation.
type ImportFile struct {
	SHA256 []byte
	Name   string
}

// Import is an earlier import, as listed and as found by its hash.
type Import struct {
	ID        int64     `db:"id"`
	FileName  string    `db:"file_name"`
	Rows      int       `db:"rows_imported"`
	By        string    `db:"imported_by"`
	CreatedAt time.Time `db:"created_at"`
}

const importSelect = `i.id, i.file_name, i.rows_imported, coalesce(u.display_name, '') AS imported_by, i.created_at
	FROM imports i LEFT JOIN users u ON u.id = i.imported_by`

// FindImport returns the organisation's earlier import of the same file,
// or ErrNotFound.
func FindImport(ctx context.Context, q sqlx.QueryerContext, sha256 []byte) (Import, error) {
	var out Import
	err := sqlx.GetContext(ctx, q, &out, `SELECT `+importSelect+` WHERE i.file_sha256 = $1`, sha256)
	return out, notFound(err)
}

// RecentImports lists the organisation's newest imports.
func RecentImports(ctx context.Context, q sqlx.QueryerContext, limit int) ([]Import, error) {
	var out []Import
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+importSelect+` ORDER BY i.id DESC LIMIT $1`, limit)
	return out, err
}

// importBatch rows go in one INSERT of one array per column, unnested
// in the database: 50,000 rows take 25 round trips and the statement stays
// small whatever the batch. COPY would be faster still but is refused on
// tables with row-level security.
const importBatch = 2000

// importRowColumns are contactRow's keys in INSERT order, with the type
// each column's text array is cast to.
var importRowColumns = []struct{ name, cast string }{
	{"advice_point_id", "bigint"}, {"client_id", "bigint"}, {"started_at", "timestamptz"}, {"duration_min", "integer"},
	{"channel", "text"}, {"kind", "text"}, {"participants", "integer"}, {"household_size", "integer"},
	{"service_languages", "text[]"}, {"client_language", "text"}, {"interpreter", "text"}, {"age_band", "text"},
	{"gender", "text"}, {"citizenship", "text"}, {"country_group", "text"}, {"municipality", "text"},
	{"residence_basis", "text"}, {"time_in_finland", "text"}, {"labour_market", "text"}, {"topics", "text[]"},
	{"actions", "text[]"}, {"referrals", "text[]"}, {"outcome", "text"}, {"follow_up_on", "date"}, {"note", "text"},
}

var insertImportSQL = func() string {
	var names, casts, params []string
	for i, col := range importRowColumns {
		names = append(names, col.name)
		casts = append(casts, fmt.Sprintf("c%d::%s", i, col.cast))
		params = append(params, fmt.Sprintf("$%d::text[]", i+2))
	}
	return `INSERT INTO contacts (org_id, adviser_id, idempotency_key, import_id, ` + strings.Join(names, ", ") + `)
		SELECT app_org_id(), app_user_id(), gen_random_uuid(), $1, ` + strings.Join(casts, ", ") + `
		FROM unnest(` + strings.Join(params, ", ") + `) AS r(c` + strings.Join(seq(len(importRowColumns)), ", c") + `)`
}()

func seq(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

// importBatchColumns collects a batch column by column, as text that
// PostgreSQL casts back.
type importBatchColumns [][]sql.NullString

func (b importBatchColumns) add(values map[string]any) {
	for i, col := range importRowColumns {
		b[i] = append(b[i], asText(values[col.name]))
	}
}

func (b importBatchColumns) args(importID int64) []any {
	args := []any{importID}
	for _, col := range b {
		args = append(args, pq.Array(col))
	}
	return args
}

func (b importBatchColumns) reset() {
	for i := range b {
		b[i] = b[i][:0]
	}
}

// asText is a contactRow value as PostgreSQL's text input reads it.
func asText(v any) sql.NullString {
	switch x := v.(type) {
	case nil:
		return sql.NullString{}
	case driver.Valuer: // the pq arrays: their text form
		val, err := x.Value()
		if err != nil || val == nil {
			return sql.NullString{}
		}
		return asText(val)
	case string:
		return sql.NullString{String: x, Valid: true}
	case []byte:
		return sql.NullString{String: string(x), Valid: true}
	case int:
		return sql.NullString{String: strconv.Itoa(x), Valid: true}
	case int64:
		return sql.NullString{String: strconv.FormatInt(x, 10), Valid: true}
	case time.Time:
		return sql.NullString{String: x.Format(time.RFC3339Nano), Valid: true}
	case *time.Time:
		if x == nil {
			return sql.NullString{}
		}
		return sql.NullString{String: x.Format("2006-01-02"), Valid: true}
	}
	panic(fmt.Sprintf("import: no text form for %T", v))
}

// CommitImport writes every row of the sheet as a contact of the current
// organisation and user, all or nothing: the caller's transaction holds
// them, and the first invalid row returns an *ImportRowError. The imports
// row's unique hash refuses a second import of the same file, even one
// running at the same moment. progress is told the rows written so far.
func CommitImport(ctx context.Context, tx *sqlx.Tx, s *Sheet, p *ImportPlan, file ImportFile, actor Roles, progress func(rows int)) (Import, error) {
	var imp Import
	err := tx.GetContext(ctx, &imp.ID, `INSERT INTO imports (org_id, file_sha256, file_name, rows_imported, imported_by)
		VALUES (app_org_id(), $1, $2, 0, app_user_id()) RETURNING id`, file.SHA256, file.Name)
	if pqErr, ok := err.(*pq.Error); ok && pqErr.Code == "23505" {
		return imp, ErrDuplicateImport
	} else if err != nil {
		return imp, err
	}
	batch := make(importBatchColumns, len(importRowColumns))
	rows := 0
	flush := func() error {
		if rows == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, insertImportSQL, batch.args(imp.ID)...); err != nil {
			return contactRefs(err)
		}
		imp.Rows += rows
		rows = 0
		batch.reset()
		progress(imp.Rows)
		return nil
	}
	err = EachImportRow(s, p, func(row int, in ContactInput, err error) error {
		if err != nil {
			return &ImportRowError{Row: row, Err: err}
		}
		batch.add(contactRow(p.tax, in))
		if rows++; rows == importBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil && imp.Rows == 0 {
		err = ErrEmptyImport
	}
	if err != nil {
		return imp, err
	}
	return imp, finishImport(ctx, tx, imp, actor)
}

// finishImport adds the follow-ups that rows planned, records the count
// and audits the import as one event.
func finishImport(ctx context.Context, tx *sqlx.Tx, imp Import, actor Roles) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO follow_ups (org_id, client_id, contact_id, assigned_to, due_on)
		SELECT org_id, client_id, id, adviser_id, follow_up_on FROM contacts
		WHERE import_id = $1 AND follow_up_on IS NOT NULL`, imp.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE imports SET rows_imported = $2 WHERE id = $1`, imp.ID, imp.Rows); err != nil {
		return err
	}
	return Audit(ctx, tx, Event{Action: "contact.import", RecordType: "import", RecordID: strconv.FormatInt(imp.ID, 10),
		ActorRoles: actor, Purpose: "case_work", Details: map[string]any{"rows": imp.Rows}})
}

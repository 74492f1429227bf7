package stats

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// ErrTitle: a release needs a title of 1..200 characters.
var ErrTitle = errors.New("stats: bad release title")

// ErrNoRelease: no release of that id is visible.
var ErrNoRelease = errors.New("stats: no such release")

// Publish releases a report: the exact tables as the manager sees them,
// and the cells of every pattern behind them, which pin every later
// pattern of the same scope and years (a cell the release hid stays
// hidden; one it showed is never hidden as a secondary, and a change to
// it is protected as a cell of its own).
func Publish(ctx context.Context, tx *sqlx.Tx, actor cases.Roles, req Request, title string) (int64, error) {
	title = strings.TrimSpace(title)
	if n := len([]rune(title)); n == 0 || n > 200 || !cases.Storable(title) {
		return 0, ErrTitle
	}
	rep, err := Load(ctx, tx, req)
	if err != nil {
		return 0, err
	}
	pat, err := readPatterns(ctx, tx, req.Scope, req.From.Year, req.To.Year)
	if err != nil {
		return 0, err
	}
	report, err := json.Marshal(rep)
	if err != nil {
		return 0, err
	}
	cells, err := json.Marshal(pat.years)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.GetContext(ctx, &id, `INSERT INTO stats_releases (scope_kind, scope_org, released_by_org, from_month, to_month,
		title, filter_dim, filter_code, lang, k, report, cells, released_by)
		VALUES ($1, $2, app_org_id(), make_date($3, $4, 1), make_date($5, $6, 1), $7, $8, $9, $10, $11, $12, $13, app_user_id())
		RETURNING id`, req.Scope.Kind, req.Scope.OrgID, req.From.Year, int(req.From.Month), req.To.Year, int(req.To.Month),
		title, req.Filter.Dim, req.Filter.Code, req.Lang, rep.K, string(report), string(cells))
	if err != nil {
		return 0, err
	}
	return id, cases.Audit(ctx, tx, cases.Event{Action: "stats.release", RecordType: "stats_release",
		RecordID: strconv.FormatInt(id, 10), ActorRoles: actor,
		Details: map[string]any{"scope": string(req.Scope.Kind), "scope_org": req.Scope.OrgID, "from": req.From.String(), "to": req.To.String()}})
}

// Released reads a release back: the report exactly as it was published.
func Released(ctx context.Context, q sqlx.QueryerContext, id int64) (*Report, Release, error) {
	var row struct {
		Report    []byte     `db:"report"`
		Title     string     `db:"title"`
		At        time.Time  `db:"released_at"`
		Corrected *time.Time `db:"corrected_at"`
	}
	err := sqlx.GetContext(ctx, q, &row, `SELECT report, title, released_at, corrected_at FROM stats_releases WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Release{}, ErrNoRelease
	}
	if err != nil {
		return nil, Release{}, err
	}
	var rep Report
	if err := json.Unmarshal(row.Report, &rep); err != nil {
		return nil, Release{}, err
	}
	return &rep, Release{ID: id, Title: row.Title, At: row.At, Corrected: row.Corrected != nil}, nil
}

// Releases lists a scope's releases whose period touches the range, newest
// first.
func Releases(ctx context.Context, q sqlx.QueryerContext, s Scope, from, to Month) ([]Release, error) {
	var rows []struct {
		ID        int64      `db:"id"`
		Title     string     `db:"title"`
		By        string     `db:"by"`
		At        time.Time  `db:"released_at"`
		Corrected *time.Time `db:"corrected_at"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT r.id, r.title, coalesce(nullif(u.display_name, ''), o.name) AS by, r.released_at, r.corrected_at
		FROM stats_releases r JOIN organisations o ON o.id = r.released_by_org
		LEFT JOIN users u ON u.id = r.released_by AND u.org_id = r.released_by_org
		WHERE r.scope_kind = $1 AND r.scope_org = $2 AND r.to_month >= make_date($3, $4, 1) AND r.from_month <= make_date($5, $6, 1)
		ORDER BY r.released_at DESC, r.id DESC`, s.Kind, s.OrgID, from.Year, int(from.Month), to.Year, int(to.Month))
	out := make([]Release, len(rows))
	for i, r := range rows {
		out[i] = Release{ID: r.ID, Title: r.Title, By: r.By, At: r.At, Corrected: r.Corrected != nil}
	}
	return out, err
}

// releasedCells are the cells every release of the scope showed for the
// year (the union; a cell hidden by any release counts as hidden).
func releasedCells(ctx context.Context, q sqlx.QueryerContext, s Scope, year int) (map[string]storedCell, error) {
	var docs [][]byte
	err := sqlx.SelectContext(ctx, q, &docs, `SELECT cells -> $3::text FROM stats_releases
		WHERE scope_kind = $1 AND scope_org = $2 AND cells ? $3::text`, s.Kind, s.OrgID, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	out := map[string]storedCell{}
	for _, d := range docs {
		var cells map[string]storedCell
		if err := json.Unmarshal(d, &cells); err != nil {
			return nil, err
		}
		for k, c := range cells {
			if prev, seen := out[k]; !seen || prev != nil {
				out[k] = c
			}
		}
	}
	return out, nil
}

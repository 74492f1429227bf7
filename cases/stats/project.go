package stats

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Project is a funded project of a hub's network: its period on the
// month grid and the organisations taking part.
type Project struct {
	ID      int64
	Name    string
	Funder  string
	From    Month
	To      Month
	Members []int64 // organisation ids
}

// Preset is the report builder's query for the project's period.
func (p Project) Preset() string { return "from=" + p.From.String() + "&to=" + p.To.String() }

// Months is the length of the period.
func (p Project) Months() int { return ProjectMonths(p.From, p.To) }

// Years lists the calendar years the period touches.
func (p Project) Years() []int {
	var out []int
	for y := p.From.Year; y <= p.To.Year; y++ {
		out = append(out, y)
	}
	return out
}

// HasMember reports whether an organisation takes part.
func (p Project) HasMember(orgID int64) bool {
	for _, m := range p.Members {
		if m == orgID {
			return true
		}
	}
	return false
}

type projectRow struct {
	ID      int64         `db:"id"`
	Name    string        `db:"name"`
	Funder  string        `db:"funder"`
	From    time.Time     `db:"period_from"`
	To      time.Time     `db:"period_to"`
	Members pq.Int64Array `db:"members"`
}

func (r projectRow) project() Project {
	return Project{ID: r.ID, Name: r.Name, Funder: r.Funder, From: projectMonthOf(r.From), To: projectMonthOf(r.To),
		Members: []int64(r.Members)}
}

// Members are read through row-level security: a partner sees only its
// own membership, the hub every one.
const projectSelect = `SELECT p.id, p.name, p.funder, p.period_from, p.period_to,
	coalesce((SELECT array_agg(m.org_id ORDER BY m.org_id) FROM project_members m WHERE m.project_id = p.id), '{}') AS members
	FROM projects p`

// Projects lists the projects the current organisation may see: for a hub
// every project of its network, for a partner those it is a member of.
// Newest period first.
func Projects(ctx context.Context, q sqlx.QueryerContext) ([]Project, error) {
	var rows []projectRow
	if err := sqlx.SelectContext(ctx, q, &rows, projectSelect+` ORDER BY p.period_to DESC, p.name`); err != nil {
		return nil, err
	}
	out := make([]Project, len(rows))
	for i, r := range rows {
		out[i] = r.project()
	}
	return out, nil
}

// GetProject reads one visible project; ErrNotFound otherwise.
func GetProject(ctx context.Context, q sqlx.QueryerContext, id int64) (Project, error) {
	var r projectRow
	err := sqlx.GetContext(ctx, q, &r, projectSelect+` WHERE p.id = $1`, id)
	return r.project(), projectNotFound(err)
}

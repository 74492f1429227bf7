package stats

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases"
)

// Projects are kept by the hub's admins: the route admits admins, and
// these functions refuse any organisation that is not a hub. Row-level
// security keeps each hub to its own network.

// ProjectAdmin refuses anyone but a hub's admin (ErrForbidden).
func ProjectAdmin(actor cases.Roles, org cases.Organisation) error {
	return requireHubAdmin(actor, org)
}

func requireHubAdmin(actor cases.Roles, org cases.Organisation) error {
	if !actor.Has(cases.RoleAdmin) || !org.IsHub() {
		return cases.ErrForbidden
	}
	return nil
}

// AdminProjects lists the hub's projects for its admins.
func AdminProjects(ctx context.Context, q sqlx.QueryerContext, actor cases.Roles, org cases.Organisation) ([]Project, error) {
	if err := requireHubAdmin(actor, org); err != nil {
		return nil, err
	}
	return Projects(ctx, q)
}

// AdminProject reads a project of the hub's network for its admins.
func AdminProject(ctx context.Context, q sqlx.QueryerContext, actor cases.Roles, org cases.Organisation, id int64) (Project, error) {
	if err := requireHubAdmin(actor, org); err != nil {
		return Project{}, err
	}
	return GetProject(ctx, q, id)
}

// CreateProject adds a project to the current hub's network.
func CreateProject(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, in ProjectInput) (int64, error) {
	if err := requireHubAdmin(actor, org); err != nil {
		return 0, err
	}
	network, err := cases.ManagedOrganisations(ctx, q)
	if err != nil {
		return 0, err
	}
	p, err := in.validate(network)
	if err != nil {
		return 0, err
	}
	var id int64
	err = sqlx.GetContext(ctx, q, &id, `INSERT INTO projects (network_id, name, funder, period_from, period_to)
		VALUES (app_hub_network_id(), $1, $2, $3, $4) RETURNING id`,
		p.Name, p.Funder, projectMonthStart(p.From), projectMonthStart(p.To))
	if err := projectNameTaken(err); err != nil {
		return 0, err
	}
	if err := saveMembers(ctx, q, id, p.Members); err != nil {
		return 0, err
	}
	return id, auditProject(ctx, q, actor, "project.create", id)
}

// UpdateProject changes a project of the current hub's network. A member
// taken off loses its own targets.
func UpdateProject(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, id int64, in ProjectInput) error {
	if _, err := AdminProject(ctx, q, actor, org, id); err != nil {
		return err // another network's project is not found before its form is read
	}
	network, err := cases.ManagedOrganisations(ctx, q)
	if err != nil {
		return err
	}
	p, err := in.validate(network)
	if err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE projects SET name = $2, funder = $3, period_from = $4, period_to = $5,
		updated_at = now() WHERE id = $1`, id, p.Name, p.Funder, projectMonthStart(p.From), projectMonthStart(p.To))
	if err := projectNameTaken(err); err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return cases.ErrNotFound
	}
	if err := saveMembers(ctx, q, id, p.Members); err != nil {
		return err
	}
	return auditProject(ctx, q, actor, "project.update", id)
}

func saveMembers(ctx context.Context, q sqlx.ExtContext, id int64, members []int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM project_members WHERE project_id = $1 AND NOT org_id = ANY($2)`,
		id, pq.Array(members))
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO project_members (network_id, project_id, org_id)
		SELECT app_hub_network_id(), $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, id, pq.Array(members))
	return err
}

func auditProject(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, action string, id int64) error {
	return cases.Audit(ctx, q, cases.Event{Action: action, RecordType: "project",
		RecordID: strconv.FormatInt(id, 10), ActorRoles: actor, Purpose: "administration"})
}

// projectNameTaken turns the network's unique name into a field error.
func projectNameTaken(err error) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		v := &cases.ValidationError{}
		v.Add("name", "error.taken")
		return v
	}
	return err
}

// projectNotFound maps "no rows" to the domain's sentinel.
func projectNotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return cases.ErrNotFound
	}
	return err
}

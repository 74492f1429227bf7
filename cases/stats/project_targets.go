package stats

import (
	"context"
	"strconv"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// TargetMeasures are the measures a project may have targets for, in the
// order pages show them.
var TargetMeasures = []string{"contacts", "unique_clients", "new_clients", "consultations_held", "support_requests"}

// Target is a project's goal for one measure over its whole period, for
// the whole project (OrgID 0) or for one member's residents.
type Target struct {
	Measure string `db:"measure"`
	OrgID   int64  `db:"org_id"`
	Value   int    `db:"target"`
}

// maxTarget is the schema's bound.
const maxTarget = 10_000_000

// ProjectTargets reads a visible project's targets: all of them for the
// hub, the overall ones and its own for a member.
func ProjectTargets(ctx context.Context, q sqlx.QueryerContext, projectID int64) ([]Target, error) {
	var out []Target
	err := sqlx.SelectContext(ctx, q, &out, `SELECT measure, coalesce(org_id, 0) AS org_id, target
		FROM project_targets WHERE project_id = $1
		ORDER BY org_id NULLS FIRST, array_position($2::text[], measure)`, projectID, targetMeasureArray())
	return out, err
}

func targetMeasureArray() string {
	s := "{"
	for i, m := range TargetMeasures {
		if i > 0 {
			s += ","
		}
		s += m
	}
	return s + "}"
}

// TargetInput is one field of the targets form: blank is no target.
type TargetInput struct {
	Measure string
	OrgID   int64
	Raw     string
}

// TargetField is the form field of a measure for the project (org 0) or
// for a member.
func TargetField(measure string, orgID int64) string {
	return "target_" + measure + "_" + strconv.FormatInt(orgID, 10)
}

// SaveTargets replaces a project's targets with the ones typed.
func SaveTargets(ctx context.Context, q sqlx.ExtContext, actor cases.Roles, org cases.Organisation, projectID int64, in []TargetInput) error {
	p, err := AdminProject(ctx, q, actor, org, projectID)
	if err != nil {
		return err
	}
	targets, err := parseTargets(p, in)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM project_targets WHERE project_id = $1`, p.ID); err != nil {
		return err
	}
	for _, t := range targets {
		_, err := q.ExecContext(ctx, `INSERT INTO project_targets (network_id, project_id, measure, org_id, target)
			VALUES (app_hub_network_id(), $1, $2, nullif($3, 0::bigint), $4)`, p.ID, t.Measure, t.OrgID, t.Value)
		if err != nil {
			return err
		}
	}
	return auditProject(ctx, q, actor, "project.targets", p.ID)
}

func parseTargets(p Project, in []TargetInput) ([]Target, error) {
	var v cases.ValidationError
	var out []Target
	for _, t := range in {
		field := TargetField(t.Measure, t.OrgID)
		if !targetMeasureKnown(t.Measure) || (t.OrgID != 0 && !p.HasMember(t.OrgID)) {
			v.Add(field, "error.choose")
			continue
		}
		n := v.Int(field, t.Raw, 1, maxTarget, "error.project_target")
		if n > 0 {
			out = append(out, Target{Measure: t.Measure, OrgID: t.OrgID, Value: int(n)})
		}
	}
	return out, v.Err()
}

func targetMeasureKnown(m string) bool {
	for _, k := range TargetMeasures {
		if k == m {
			return true
		}
	}
	return false
}

package cases

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ExpertGroup is a set of the hub's experts who answer requests on some
// topics; a coordinator assigns a request to a group by its topics.
type ExpertGroup struct {
	ID      int64          `db:"id"`
	Name    string         `db:"name"`
	Topics  pq.StringArray `db:"topics"`
	Members pq.Int64Array  `db:"members"`
}

// ExpertGroupInput is a coordinator's group as typed.
type ExpertGroupInput struct {
	Name    string
	Topics  []string
	Members []int64
}

// MaxGroupMembers bounds a group: a hub has tens of experts, not thousands.
const MaxGroupMembers = 100

// ExpertGroups lists the current hub's groups with their members.
func ExpertGroups(ctx context.Context, q sqlx.QueryerContext) ([]ExpertGroup, error) {
	var out []ExpertGroup
	err := sqlx.SelectContext(ctx, q, &out, `SELECT g.id, g.name, g.topics,
		array(SELECT m.user_id FROM expert_group_members m WHERE m.group_id = g.id ORDER BY m.user_id) AS members
		FROM expert_groups g ORDER BY g.name, g.id`)
	return out, err
}

// GetExpertGroup reads one of the current hub's groups.
func GetExpertGroup(ctx context.Context, q sqlx.QueryerContext, id int64) (ExpertGroup, error) {
	var g ExpertGroup
	err := sqlx.GetContext(ctx, q, &g, `SELECT g.id, g.name, g.topics,
		array(SELECT m.user_id FROM expert_group_members m WHERE m.group_id = g.id ORDER BY m.user_id) AS members
		FROM expert_groups g WHERE g.id = $1`, id)
	return g, notFound(err)
}

// SaveExpertGroup creates (id 0) or changes a group of the current hub.
// Members must be the hub's active advisers; topics known topics.
func SaveExpertGroup(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, org Organisation, id int64,
	in ExpertGroupInput) (int64, error) {
	if !org.IsHub() || !actor.Has(RoleManager) {
		return 0, ErrForbidden
	}
	if id != 0 {
		if _, err := GetExpertGroup(ctx, q, id); err != nil {
			return 0, err
		}
	}
	if err := in.validate(ctx, q, tax); err != nil {
		return 0, err
	}
	var err error
	if id == 0 {
		err = sqlx.GetContext(ctx, q, &id, `INSERT INTO expert_groups (hub_id, name, topics) VALUES (app_org_id(), $1, $2)
			RETURNING id`, in.Name, pq.Array(in.Topics))
	} else {
		_, err = q.ExecContext(ctx, `UPDATE expert_groups SET name = $2, topics = $3 WHERE id = $1`, id, in.Name, pq.Array(in.Topics))
	}
	if err != nil {
		return 0, uniqueAsField(err, "name")
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM expert_group_members WHERE group_id = $1`, id); err != nil {
		return 0, err
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO expert_group_members (hub_id, group_id, user_id)
		SELECT app_org_id(), $1, unnest($2::bigint[])`, id, pq.Array(in.Members)); err != nil {
		return 0, err
	}
	return id, Audit(ctx, q, Event{Action: "support.group", RecordType: "expert_group", RecordID: idText(id),
		ActorRoles: actor, Purpose: "administration", Details: map[string]any{"members": len(in.Members)}})
}

func (in *ExpertGroupInput) validate(ctx context.Context, q sqlx.QueryerContext, tax *Taxonomy) error {
	var v ValidationError
	in.Name = strings.TrimSpace(in.Name)
	v.RequiredText("name", in.Name, MaxNameLen)
	in.Topics = dedupe(in.Topics)
	if v.List("topics", "error.too_many_topics", in.Topics, 60) {
		for _, t := range in.Topics {
			if !v.Text("topics", t, MaxCodeLen) || !tax.Valid("topic", t, nil) {
				v.Add("topics", "error.unknown_code")
				break
			}
		}
	}
	if len(in.Members) > MaxGroupMembers {
		v.Add("members", "error.too_many_members")
		return v.Err()
	}
	var experts int
	err := sqlx.GetContext(ctx, q, &experts, `SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE u.active AND r.role = 'adviser' AND u.id = ANY($1)`, pq.Array(in.Members))
	if err != nil {
		return err
	}
	if experts != len(uniqueIDs(in.Members)) {
		v.Add("members", "error.assignee_unknown")
	}
	in.Members = uniqueIDs(in.Members)
	return v.Err()
}

func uniqueIDs(ids []int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// suggestGroup is the group sharing most topics with a request (a topic's
// parent counts), or nil when none shares any.
func suggestGroup(groups []ExpertGroup, topics []string, tax *Taxonomy) *ExpertGroup {
	var best *ExpertGroup
	bestScore := 0
	for i := range groups {
		score := 0
		for _, t := range topics {
			for _, gt := range groups[i].Topics {
				if item, _ := tax.Item("topic", t); t == gt || item.Parent == gt {
					score++
				}
			}
		}
		if score > bestScore {
			best, bestScore = &groups[i], score
		}
	}
	return best
}

func groupName(groups []ExpertGroup, id int64) string {
	for _, g := range groups {
		if g.ID == id {
			return g.Name
		}
	}
	return ""
}

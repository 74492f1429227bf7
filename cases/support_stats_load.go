package cases

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// supportFact is one request as the response-time view counts it:
// structured fields only, never a text.
type supportFact struct {
	CreatedAt  time.Time      `db:"created_at"`
	Urgency    string         `db:"urgency"`
	Sector     string         `db:"sector"`
	OrgID      int64          `db:"org_id"`
	Topics     pq.StringArray `db:"topics"`
	First      *int           `db:"first_response_seconds"`
	Resolution *int           `db:"resolution_seconds"`
	InTarget   *bool          `db:"answered_in_target"`
	DueAt      time.Time      `db:"due_at"`
	Status     string         `db:"status"`
	Minutes    int            `db:"expert_minutes"`
}

// Outcomes of a request against its target, the columns of the main
// table: answered within it; late (answered late, or not answered and
// past it); undecided (not yet due, or closed without an answer).
const (
	outcomeInTarget = iota
	outcomeLate
	outcomeOpen
	outcomes
)

func (f supportFact) outcome(now time.Time) int {
	switch {
	case f.InTarget != nil && *f.InTarget:
		return outcomeInTarget
	case f.InTarget != nil, f.Status != StatusClosed && f.DueAt.Before(now):
		return outcomeLate
	}
	return outcomeOpen
}

func (f supportFact) month() int { return int(f.CreatedAt.In(Finland).Month()) }

// StatsOrg is an organisation row of the view.
type StatsOrg struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// loadSupportFacts reads the year's requests the current organisation
// reports on: as a hub, every request of its network; otherwise the ones
// it filed. orgs are the requesting organisations it may report on.
func loadSupportFacts(ctx context.Context, q sqlx.QueryerContext, year int) ([]supportFact, []StatsOrg, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, Finland)
	var facts []supportFact
	err := sqlx.SelectContext(ctx, q, &facts, `SELECT created_at, urgency, sector, org_id, topics, first_response_seconds,
		resolution_seconds, answered_in_target, due_at, status, expert_minutes FROM support_requests
		WHERE (hub_id = app_org_id() OR org_id = app_org_id()) AND created_at >= $1 AND created_at < $2`,
		from, from.AddDate(1, 0, 0))
	if err != nil {
		return nil, nil, err
	}
	var orgs []StatsOrg
	err = sqlx.SelectContext(ctx, q, &orgs, `SELECT id, name FROM organisations
		WHERE id = app_org_id() OR network_id = app_hub_network_id() ORDER BY kind = 'partner', name, id`)
	return facts, orgs, err
}

// topTopics maps a request's topics to their first-level topics, once each.
func topTopics(tax *Taxonomy, topics []string) []string {
	var out []string
	for _, t := range topics {
		top := t
		if item, ok := tax.Item("topic", t); ok && item.Parent != "" {
			top = item.Parent
		}
		if !slices.Contains(out, top) {
			out = append(out, top)
		}
	}
	return out
}

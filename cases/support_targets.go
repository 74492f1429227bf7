package cases

import (
	"context"
	"strconv"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/workcal"
)

// ResponseTarget is a hub's promise for one urgency: the working time
// within which a request is answered, and the share of it after which the
// request is "near its target" (marked in the queue, the expert reminded).
type ResponseTarget struct {
	Urgency   string
	Target    workcal.Target
	NearShare float64
}

// DefaultNearShare is when a request is near its target: three quarters
// of the working time used.
const DefaultNearShare = 0.75

// Targets are a hub's response targets by urgency.
type Targets map[string]ResponseTarget

// DefaultResponseTargets are what a hub starts with (issue 9, item 4).
func DefaultResponseTargets() Targets {
	out := Targets{}
	for urgency, t := range workcal.DefaultTargets() {
		out[urgency] = ResponseTarget{Urgency: urgency, Target: t, NearShare: DefaultNearShare}
	}
	return out
}

// SupportCalendar is the working calendar the targets are counted in:
// weekdays 08:00–16:00 less Finnish public holidays.
func SupportCalendar() *workcal.Calendar { return workcal.Default() }

// HubTargets reads the targets of the current organisation's network hub,
// with the defaults for what the hub has not set.
func HubTargets(ctx context.Context, q sqlx.QueryerContext) (Targets, error) {
	var rows []struct {
		Urgency   string  `db:"urgency"`
		Amount    int     `db:"amount"`
		Unit      string  `db:"unit"`
		NearShare float64 `db:"near_share"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT urgency, amount, unit, near_share::float8 AS near_share
		FROM support_targets WHERE hub_id = app_network_hub_id()`)
	if err != nil {
		return nil, err
	}
	out := DefaultResponseTargets()
	for _, r := range rows {
		out[r.Urgency] = ResponseTarget{Urgency: r.Urgency, Target: workcal.Target{N: r.Amount, Unit: workcal.Unit(r.Unit)},
			NearShare: r.NearShare}
	}
	return out, nil
}

// TargetInput is what a hub admin types for one urgency.
type TargetInput struct {
	Urgency   string
	Amount    string
	Unit      string
	NearShare string // percent of the target, e.g. "75"
}

// SaveTargets replaces the current hub's targets. Only a hub has them.
func SaveTargets(ctx context.Context, q sqlx.ExtContext, actor Roles, org Organisation, in []TargetInput) (Targets, error) {
	if !org.IsHub() {
		return nil, ErrForbidden
	}
	targets, err := parseTargets(in)
	if err != nil {
		return nil, err
	}
	for _, u := range Urgencies {
		t := targets[u]
		_, err := q.ExecContext(ctx, `INSERT INTO support_targets (hub_id, urgency, amount, unit, near_share, updated_by)
			VALUES (app_org_id(), $1, $2, $3, $4, app_user_id())
			ON CONFLICT (hub_id, urgency) DO UPDATE SET amount = excluded.amount, unit = excluded.unit,
				near_share = excluded.near_share, updated_by = excluded.updated_by, updated_at = now()`,
			u, t.Target.N, string(t.Target.Unit), t.NearShare)
		if err != nil {
			return nil, err
		}
	}
	details := map[string]any{}
	for u, t := range targets {
		details[u] = strconv.Itoa(t.Target.N) + " " + string(t.Target.Unit)
	}
	return targets, Audit(ctx, q, Event{Action: "support.targets", RecordType: "organisation",
		RecordID: idText(org.ID), ActorRoles: actor, Purpose: "administration", Details: details})
}

func parseTargets(in []TargetInput) (Targets, error) {
	var v ValidationError
	out := DefaultResponseTargets()
	for _, t := range in {
		if _, ok := out[t.Urgency]; !ok {
			v.Add("urgency", "error.choose")
			continue
		}
		amount := v.Int(t.Urgency+"_amount", t.Amount, 1, 2000, "error.target")
		unit := v.Choice(t.Urgency+"_unit", t.Unit, "", string(workcal.Hours), string(workcal.Days))
		near := v.Int(t.Urgency+"_near", t.NearShare, 10, 95, "error.near_share")
		target := workcal.Target{N: int(amount), Unit: workcal.Unit(unit)}
		if v.For(t.Urgency+"_amount") == "" && v.For(t.Urgency+"_unit") == "" && target.Validate() != nil {
			v.Add(t.Urgency+"_amount", "error.target")
		}
		if t.NearShare == "" && v.For(t.Urgency+"_near") == "" {
			v.Add(t.Urgency+"_near", "error.required")
		}
		out[t.Urgency] = ResponseTarget{Urgency: t.Urgency, Target: target, NearShare: float64(near) / 100}
	}
	return out, v.Err()
}

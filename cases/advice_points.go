package cases

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// AdvicePoint is a place or channel where advice is given.
type AdvicePoint struct {
	ID      int64  `db:"id"`
	OrgID   int64  `db:"org_id"`
	Name    string `db:"name"`
	Kind    string `db:"kind"`
	Address string `db:"address"`
	Active  bool   `db:"active"`
}

// AdvicePointKinds lists the kinds in the order the UI shows them.
var AdvicePointKinds = []string{"office", "info_desk", "outreach", "online"}

// AdvicePointInput is the admin's form.
type AdvicePointInput struct {
	Name    string
	Kind    string
	Address string
	Active  bool
}

// Validate checks the input.
func (in *AdvicePointInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	in.Address = strings.TrimSpace(in.Address)
	var v ValidationError
	v.RequiredText("name", in.Name, MaxNameLen)
	if !slices.Contains(AdvicePointKinds, in.Kind) {
		v.Add("kind", "error.choose")
	}
	v.Text("address", in.Address, MaxAddressLen)
	return v.Err()
}

const advicePointColumns = `id, org_id, name, kind, address, active`

// AdvicePoints lists the organisation's advice points.
func AdvicePoints(ctx context.Context, q sqlx.QueryerContext) ([]AdvicePoint, error) {
	var out []AdvicePoint
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+advicePointColumns+` FROM advice_points ORDER BY NOT active, name`)
	return out, err
}

// GetAdvicePoint reads one of the organisation's advice points.
func GetAdvicePoint(ctx context.Context, q sqlx.QueryerContext, id int64) (AdvicePoint, error) {
	var p AdvicePoint
	err := sqlx.GetContext(ctx, q, &p, `SELECT `+advicePointColumns+` FROM advice_points WHERE id = $1`, id)
	return p, notFound(err)
}

// CreateAdvicePoint adds an advice point to the current organisation.
func CreateAdvicePoint(ctx context.Context, q sqlx.ExtContext, actor Roles, in AdvicePointInput) (int64, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `INSERT INTO advice_points (org_id, name, kind, address, active)
		VALUES (app_org_id(), $1, $2, $3, $4) RETURNING id`, in.Name, in.Kind, in.Address, in.Active)
	if err := uniqueAsField(err, "name"); err != nil {
		return 0, err
	}
	return id, Audit(ctx, q, Event{Action: "advice_point.create", RecordType: "advice_point",
		RecordID: strconv.FormatInt(id, 10), ActorRoles: actor, Purpose: "administration"})
}

// UpdateAdvicePoint changes one of the organisation's advice points.
func UpdateAdvicePoint(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64, in AdvicePointInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	res, err := q.ExecContext(ctx, `UPDATE advice_points SET name = $2, kind = $3, address = $4, active = $5,
		updated_at = now() WHERE id = $1`, id, in.Name, in.Kind, in.Address, in.Active)
	if err := uniqueAsField(err, "name"); err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return Audit(ctx, q, Event{Action: "advice_point.update", RecordType: "advice_point",
		RecordID: strconv.FormatInt(id, 10), ActorRoles: actor, Purpose: "administration"})
}

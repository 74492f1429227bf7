package stats

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"
)

// ErrScope: the current organisation may not see the scope asked for
// (answer as not found).
var ErrScope = errors.New("stats: scope not visible")

// ErrPeriod: the months asked for are not a range of whole months of the
// grid (From after To, more than 10 years, before 2000 or after this year).
var ErrPeriod = errors.New("stats: bad period")

// ScopeOption is a scope the current organisation may report on.
type ScopeOption struct {
	Scope Scope
	Name  string
}

// Scopes lists what the current organisation's managers may choose: own
// organisation; for a hub also the network and each member; for a partner
// also its residents across the network.
func Scopes(ctx context.Context, q sqlx.QueryerContext) ([]ScopeOption, error) {
	return nil, errors.New("stats: Scopes is being written (lead)")
}

// Load reads a report from the stored protected patterns. It runs in the
// request's transaction (RLS as the current organisation).
func Load(ctx context.Context, q sqlx.QueryerContext, req Request) (*Report, error) {
	return nil, errors.New("stats: Load is being written (lead)")
}

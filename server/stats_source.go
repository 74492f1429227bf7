package server

import (
	"context"

	"github.com/jmoiron/sqlx"

	"neuvo/cases/stats"
)

// statsSource is what the statistics handlers need of cases/stats: the
// scopes a manager may choose and the protected report. Handler tests
// give the server a fixed one.
type statsSource interface {
	Scopes(ctx context.Context, q sqlx.QueryerContext, lang string) ([]stats.ScopeOption, error)
	Load(ctx context.Context, q sqlx.QueryerContext, req stats.Request) (*stats.Report, error)
}

// storedStats reads the stored protected patterns.
type storedStats struct{}

func (storedStats) Scopes(ctx context.Context, q sqlx.QueryerContext, lang string) ([]stats.ScopeOption, error) {
	return stats.Scopes(ctx, q, lang)
}

func (storedStats) Load(ctx context.Context, q sqlx.QueryerContext, req stats.Request) (*stats.Report, error) {
	return stats.Load(ctx, q, req)
}

package stats

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// threshold is the k of the scope owner's statistics (stats.K).
func threshold(ctx context.Context, q sqlx.QueryerContext, orgID int64) (int, error) {
	return K(ctx, q, orgID)
}

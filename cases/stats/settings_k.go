package stats

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// threshold is an organisation's statistics threshold. Placeholder until the
// settings table lands: every organisation uses DefaultK.
func threshold(ctx context.Context, q sqlx.QueryerContext, orgID int64) (int, error) {
	return DefaultK, nil
}

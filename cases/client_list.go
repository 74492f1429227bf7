package cases

import (
	"context"
	"strconv"

	"github.com/jmoiron/sqlx"
)

// ClientPage is one page of the client register, newest first.
type ClientPage struct {
	Clients []Client
	Next    string // cursor for the next page, "" at the end
}

// ListClients pages through the organisation's clients by id, so any page
// costs the same. Status "" lists open and closed clients.
func ListClients(ctx context.Context, q sqlx.QueryerContext, status, cursor string, limit int) (ClientPage, error) {
	var before int64
	if cursor != "" {
		var err error
		if before, err = strconv.ParseInt(cursor, 36, 64); err != nil || before <= 0 {
			return ClientPage{}, ErrBadCursor
		}
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var page ClientPage
	err := sqlx.SelectContext(ctx, q, &page.Clients, `SELECT `+clientColumns+` FROM clients
		WHERE ($1 = '' OR status = $1) AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3`, status, before, limit+1)
	if len(page.Clients) > limit {
		page.Clients = page.Clients[:limit]
		page.Next = strconv.FormatInt(page.Clients[limit-1].ID, 36)
	}
	return page, err
}

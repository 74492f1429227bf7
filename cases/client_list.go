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
	if err := validClientStatus(status); err != nil {
		return ClientPage{}, err
	}
	before, err := DecodeClientCursor(cursor)
	if err != nil {
		return ClientPage{}, err
	}
	if limit <= 0 || limit > MaxPageSize {
		limit = DefaultPageSize
	}
	var page ClientPage
	// The casts matter: "$2 = 0" alone would make $2 an integer, and a
	// cursor past 2^31 a failed query.
	err = sqlx.SelectContext(ctx, q, &page.Clients, `SELECT `+clientColumns+` FROM clients
		WHERE ($1::text = '' OR status = $1) AND ($2::bigint = 0 OR id < $2) ORDER BY id DESC LIMIT $3`, status, before, limit+1)
	if len(page.Clients) > limit {
		page.Clients = page.Clients[:limit]
		page.Next = strconv.FormatInt(page.Clients[limit-1].ID, 36)
	}
	return page, err
}

// DecodeClientCursor reads a client list's cursor, the last id shown in
// base 36; "" is the first page (0).
func DecodeClientCursor(cursor string) (int64, error) {
	if cursor == "" {
		return 0, nil
	}
	before, err := strconv.ParseInt(cursor, 36, 64)
	if err != nil || before <= 0 {
		return 0, ErrBadCursor
	}
	return before, nil
}

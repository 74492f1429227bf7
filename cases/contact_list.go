package cases

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// ContactFilter narrows a contact list. Lists are paged by a cursor (the
// last row's sort key), so page 500 costs the same as page 1.
type ContactFilter struct {
	AdviserID     int64 // 0: everyone in the organisation
	AdvicePointID int64
	ClientID      int64
	From, To      time.Time // [From, To); zero means open
	Channel       string
	Topic         string
	Sort          string // "started_at" (default) or "duration_min"
	Ascending     bool
	Cursor        string
	Limit         int
	Purpose       Purpose // why one client's contacts are listed (with ClientID)
}

// ContactPage is one page of a list.
type ContactPage struct {
	Contacts []Contact
	Next     string // cursor for the next page, "" at the end
}

var sortColumns = map[string]string{"started_at": "c.started_at", "duration_min": "c.duration_min"}

// Page sizes of every list.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
)

// Validate checks a filter as it came from a query string: codes are
// storable and code-sized, the sort is known, the page size is in range
// and the cursor is one this list handed out for the same sort.
func (f ContactFilter) Validate() error {
	var v ValidationError
	v.Text("channel", f.Channel, MaxCodeLen)
	v.Text("topic", f.Topic, MaxCodeLen)
	if _, ok := sortColumns[f.Sort]; !ok && f.Sort != "" {
		v.Add("sort", "error.choose")
	} else if f.Cursor != "" {
		_, _, err := decodeCursor(f.Cursor, cmp.Or(f.Sort, "started_at"))
		v.Merge(err)
	}
	v.InRange("limit", int64(f.Limit), 0, MaxPageSize, "error.limit")
	for field, id := range map[string]int64{"adviser_id": f.AdviserID, "advice_point_id": f.AdvicePointID, "client_id": f.ClientID} {
		v.InRange(field, id, 0, math.MaxInt64, "error.number")
	}
	return v.Err()
}

// ListContacts returns a page of the organisation's contacts, deleted ones
// excluded. One client's contacts are that client's history, so listing
// them is an audited opening of the file with f.Purpose. Roles that may
// not open client files get no client link on any contact.
func ListContacts(ctx context.Context, q sqlx.ExtContext, actor Roles, f ContactFilter) (ContactPage, error) {
	if err := f.Validate(); err != nil {
		return ContactPage{}, err
	}
	if f.ClientID != 0 {
		if err := openClientHistory(ctx, q, actor, f.ClientID, f.Purpose); err != nil {
			return ContactPage{}, err
		}
	}
	page, err := listContacts(ctx, q, f)
	for i := range page.Contacts {
		page.Contacts[i].hideClientFrom(actor)
	}
	return page, err
}

func listContacts(ctx context.Context, q sqlx.QueryerContext, f ContactFilter) (ContactPage, error) {
	if f.Sort == "" {
		f.Sort = "started_at"
	}
	where, args := f.conditions()
	column := sortColumns[f.Sort]
	dir, cmp := "DESC", "<"
	if f.Ascending {
		dir, cmp = "ASC", ">"
	}
	if f.Cursor != "" {
		value, id, err := decodeCursor(f.Cursor, f.Sort)
		if err != nil {
			return ContactPage{}, err
		}
		args = append(args, value, id)
		where = append(where, fmt.Sprintf("(%s, c.id) %s ($%d, $%d)", column, cmp, len(args)-1, len(args)))
	}
	limit := f.Limit
	if limit == 0 {
		limit = DefaultPageSize
	}
	query := `SELECT ` + contactColumns + contactJoins + ` WHERE ` + strings.Join(where, " AND ") +
		fmt.Sprintf(" ORDER BY %s %s, c.id %s LIMIT %d", column, dir, dir, limit+1)
	var page ContactPage
	if err := sqlx.SelectContext(ctx, q, &page.Contacts, query, args...); err != nil {
		return page, err
	}
	if len(page.Contacts) > limit {
		page.Contacts = page.Contacts[:limit]
		page.Next = encodeCursor(page.Contacts[limit-1], f.Sort)
	}
	return page, nil
}

func (f ContactFilter) conditions() ([]string, []any) {
	where := []string{"c.org_id = app_org_id()", "c.deleted_at IS NULL"}
	var args []any
	add := func(cond string, value any) {
		args = append(args, value)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.AdviserID != 0 {
		add("c.adviser_id = $%d", f.AdviserID)
	}
	if f.AdvicePointID != 0 {
		add("c.advice_point_id = $%d", f.AdvicePointID)
	}
	if f.ClientID != 0 {
		add("c.client_id = $%d", f.ClientID)
	}
	if !f.From.IsZero() {
		add("c.started_at >= $%d", f.From)
	}
	if !f.To.IsZero() {
		add("c.started_at < $%d", f.To)
	}
	if f.Channel != "" {
		add("c.channel = $%d", f.Channel)
	}
	if f.Topic != "" {
		add("$%d = ANY (c.topics)", f.Topic)
	}
	return where, args
}

// ErrBadCursor is a cursor that this list did not hand out.
var ErrBadCursor = &ValidationError{Fields: []FieldError{{Field: "cursor", Key: "error.cursor"}}}

func encodeCursor(c Contact, sort string) string {
	value := c.StartedAt.UTC().Format(time.RFC3339Nano)
	if sort == "duration_min" {
		value = strconv.Itoa(c.DurationMin)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(sort + "|" + value + "|" + strconv.FormatInt(c.ID, 10)))
}

func decodeCursor(cursor, sort string) (any, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	parts := strings.Split(string(raw), "|")
	if err != nil || len(parts) != 3 || parts[0] != sort {
		return nil, 0, ErrBadCursor
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || id < 1 {
		return nil, 0, ErrBadCursor
	}
	// Only values the columns can hold: a duration past the integer column
	// would fail the query instead.
	if sort == "duration_min" {
		n, err := strconv.Atoi(parts[1])
		if err != nil || n < 1 || n > MaxDurationMin {
			return nil, 0, ErrBadCursor
		}
		return n, id, nil
	}
	t, err := time.Parse(time.RFC3339Nano, parts[1])
	if err != nil || t.Year() < 1 {
		return nil, 0, ErrBadCursor
	}
	return t, id, nil
}

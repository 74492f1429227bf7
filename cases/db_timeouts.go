package cases

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
)

// Timeouts bound what one database connection of the service may hold:
// a statement that runs too long, a lock that does not come, a transaction
// left open while nothing happens. Without them one held lock or one stuck
// client can take every pool connection.
type Timeouts struct {
	Statement         time.Duration
	Lock              time.Duration
	IdleInTransaction time.Duration
}

// WithTimeouts adds the timeouts to a connection URL (or key=value string)
// as run-time parameters, which the driver sends when each connection
// starts, so they cost no round trip per request. A parameter the URL
// already sets is kept: the operator's choice wins.
func WithTimeouts(raw string, t Timeouts) string {
	settings := []struct {
		name  string
		value time.Duration
	}{
		{"statement_timeout", t.Statement},
		{"lock_timeout", t.Lock},
		{"idle_in_transaction_session_timeout", t.IdleInTransaction},
	}
	for _, s := range settings {
		if s.value > 0 && !strings.Contains(raw, s.name+"=") {
			raw = withParameter(raw, s.name, strconv.FormatInt(s.value.Milliseconds(), 10))
		}
	}
	return raw
}

func withParameter(raw, name, value string) string {
	if !strings.HasPrefix(raw, "postgres://") && !strings.HasPrefix(raw, "postgresql://") {
		return raw + " " + name + "=" + value
	}
	sep := "?"
	if strings.Contains(raw, "?") {
		sep = "&"
	}
	return raw + sep + url.QueryEscape(name) + "=" + value
}

// IsBusy reports whether err means the database was too busy to finish in
// time, not that anything was wrong with the request: a lock that did not
// come within the lock timeout, a statement cancelled by its timeout or by
// the request's deadline, a deadlock, or a transaction ended for idling.
// Trying again later may succeed.
func IsBusy(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return false
	}
	switch pqErr.Code {
	case "55P03", // lock_not_available
		"57014", // query_canceled
		"40P01", // deadlock_detected
		"25P03": // idle_in_transaction_session_timeout
		return true
	}
	return false
}

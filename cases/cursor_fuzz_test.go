package cases

import (
	"errors"
	"math"
	"testing"
	"time"
)

// FuzzCursors: whatever a client sends as a list cursor, the decoders
// either refuse it as a bad cursor or give values the query's columns can
// hold. They never panic and never return another error.
func FuzzCursors(f *testing.F) {
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	f.Add(encodeCursor(Contact{ID: 12, StartedAt: at}, "started_at"), "started_at")
	f.Add(encodeCursor(Contact{ID: 12, DurationMin: 20}, "duration_min"), "duration_min")
	f.Add("ZHVyYXRpb25fbWlufDk5OTk5OTk5OTk5fDU", "duration_min") // duration_min|99999999999|5
	f.Add("zzzzzzzzzzzzzz", "")
	f.Add("1y2p0ij32e8e7", "")
	f.Fuzz(func(t *testing.T, cursor, sort string) {
		value, id, err := decodeCursor(cursor, sort)
		switch {
		case err != nil && err != ErrBadCursor:
			t.Fatalf("decodeCursor: %v", err)
		case err == nil && id < 1:
			t.Fatalf("decodeCursor gave id %d", id)
		case err == nil && sort == "duration_min" && (value.(int) < 1 || value.(int) > MaxDurationMin):
			t.Fatalf("decodeCursor gave duration %v", value)
		case err == nil && sort != "duration_min" && value.(time.Time).Year() < 1:
			t.Fatalf("decodeCursor gave time %v", value)
		}
		before, err := DecodeClientCursor(cursor)
		if (err != nil && err != ErrBadCursor) || before < 0 || before > math.MaxInt64 {
			t.Fatalf("DecodeClientCursor: %d %v", before, err)
		}
		filter := ContactFilter{Cursor: cursor, Sort: sort, Channel: sort, Topic: cursor}
		var v *ValidationError
		if err := filter.Validate(); err != nil && !errors.As(err, &v) {
			t.Fatalf("ContactFilter.Validate: %v", err)
		}
	})
}

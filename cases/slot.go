package cases

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Slot is a time a hub adviser offers for remote consultations.
type Slot struct {
	ID               int64          `db:"id"`
	AdviserID        int64          `db:"adviser_id"`
	Adviser          string         `db:"adviser"` // empty for partners, who cannot read the hub's users
	SeriesID         string         `db:"series_id"`
	StartsAt         time.Time      `db:"starts_at"`
	EndsAt           time.Time      `db:"ends_at"`
	ServiceLanguages pq.StringArray `db:"service_languages"`
	Topics           pq.StringArray `db:"topics"`
	Booked           bool           `db:"booked"`
	WithdrawnAt      *time.Time     `db:"withdrawn_at"`
	ConsultationID   *int64         `db:"consultation_id"` // the booking, for the hub
}

// DurationMin is the slot's length.
func (s Slot) DurationMin() int { return int(s.EndsAt.Sub(s.StartsAt) / time.Minute) }

// Free reports whether the slot can still be booked.
func (s Slot) Free(now time.Time) bool {
	return !s.Booked && s.WithdrawnAt == nil && s.StartsAt.After(now)
}

const slotColumns = `s.id, s.adviser_id, coalesce((SELECT coalesce(nullif(u.display_name, ''), u.subject)
	FROM users u WHERE u.id = s.adviser_id), '') AS adviser, s.series_id, s.starts_at, s.ends_at,
	s.service_languages, s.topics, s.booked, s.withdrawn_at,
	(SELECT c.id FROM consultations c WHERE c.slot_id = s.id AND c.status IN ('booked', 'held', 'no_show')) AS consultation_id`

// SlotFilter narrows a slot list to [From, To).
type SlotFilter struct {
	From, To  time.Time
	AdviserID int64 // hub only; 0 is every adviser
	FreeOnly  bool  // always true for partners
}

// ListSlots lists the hub's slots: for a hub adviser the hub's own, for a
// partner worker the free future slots of its network's hub.
func ListSlots(ctx context.Context, q sqlx.QueryerContext, who Staff, f SlotFilter, now time.Time) ([]Slot, error) {
	if !who.SeesSlots() {
		return nil, ErrForbidden
	}
	where := []string{"s.org_id = app_network_hub_id()"}
	var args []any
	add := func(cond string, value any) {
		args = append(args, value)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if who.PartnerWorker() || f.FreeOnly {
		where = append(where, "s.withdrawn_at IS NULL", "NOT s.booked")
		add("s.starts_at > $%d", now)
	}
	if !f.From.IsZero() {
		add("s.starts_at >= $%d", f.From)
	}
	if !f.To.IsZero() {
		add("s.starts_at < $%d", f.To)
	}
	if f.AdviserID != 0 && who.Hub {
		add("s.adviser_id = $%d", f.AdviserID)
	}
	var out []Slot
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+slotColumns+` FROM consultation_slots s WHERE `+
		strings.Join(where, " AND ")+` ORDER BY s.starts_at, s.id LIMIT 500`, args...)
	return out, err
}

// GetSlot reads one of the hub's slots. A partner worker sees only free
// future ones: a booked slot's existence is the hub's business.
func GetSlot(ctx context.Context, q sqlx.QueryerContext, who Staff, id int64, now time.Time) (Slot, error) {
	var s Slot
	if !who.SeesSlots() {
		return s, ErrNotFound
	}
	err := sqlx.GetContext(ctx, q, &s, `SELECT `+slotColumns+` FROM consultation_slots s
		WHERE s.id = $1 AND s.org_id = app_network_hub_id()`, id)
	if err != nil {
		return s, notFound(err)
	}
	if who.PartnerWorker() && !s.Free(now) {
		return Slot{}, ErrNotFound
	}
	return s, nil
}

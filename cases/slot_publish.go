package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases/workcal"
)

// SlotInput is a publication: one time, or the same weekday and time every
// week until a last day.
type SlotInput struct {
	IdempotencyKey   string
	StartsAt         time.Time
	DurationMin      int
	Weekly           bool
	Until            time.Time // the last day a weekly slot may fall on (a date)
	ServiceLanguages []string
	Topics           []string
}

// Slot lengths and how far ahead a weekly publication may reach.
const (
	MinSlotMin     = 10
	MaxSlotMin     = 240
	MaxWeeklySlots = 26
)

// MaxYearsAhead bounds how far ahead a slot or a consultation may start:
// a date years away is a typing error (2062 for 2026), not a plan.
const MaxYearsAhead = 2

// tooFarAhead reports a start more than MaxYearsAhead after now.
func tooFarAhead(start, now time.Time) bool { return start.After(now.AddDate(MaxYearsAhead, 0, 0)) }

// Validate checks the publication against the network's taxonomies.
func (in *SlotInput) Validate(tax *Taxonomy, now time.Time) error {
	var v ValidationError
	if !v.List("service_languages", "error.too_many_languages", in.ServiceLanguages, MaxServiceLanguages) {
		in.ServiceLanguages = nil
	}
	if !v.List("topics", "error.too_many_topics", in.Topics, MaxTopics) {
		in.Topics = nil
	}
	in.ServiceLanguages, in.Topics = dedupe(in.ServiceLanguages), dedupe(in.Topics)
	if in.IdempotencyKey != "" && !uuidPattern.MatchString(in.IdempotencyKey) {
		v.Add("idempotency_key", "error.idempotency_key")
	}
	switch {
	case in.StartsAt.IsZero():
		v.Add("starts_at", "error.required")
	case !in.StartsAt.After(now):
		v.Add("starts_at", "error.slot_past")
	case tooFarAhead(in.StartsAt, now):
		v.Add("starts_at", "error.too_far_ahead")
	}
	if in.DurationMin < MinSlotMin || in.DurationMin > MaxSlotMin {
		v.Add("duration_min", "error.slot_length")
	}
	if in.Weekly && !in.StartsAt.IsZero() && len(in.occurrences()) < 2 {
		v.Add("until", "error.slot_until")
	}
	if in.Weekly && !in.StartsAt.IsZero() && in.lastDay().After(in.StartsAt.AddDate(0, 0, 7*MaxWeeklySlots)) {
		v.Add("until", "error.slot_until_far")
	} else if in.Weekly && !in.StartsAt.IsZero() && !in.Until.IsZero() && tooFarAhead(in.lastDay(), now) {
		v.Add("until", "error.too_far_ahead")
	}
	if len(in.ServiceLanguages) == 0 && v.For("service_languages") == "" {
		v.Add("service_languages", "error.required")
	}
	for _, code := range in.ServiceLanguages {
		if !tax.Valid("language", code, nil) {
			v.Add("service_languages", "error.unknown_code")
			break
		}
	}
	for _, code := range in.Topics {
		if !tax.Valid("topic", code, nil) {
			v.Add("topics", "error.unknown_code")
			break
		}
	}
	return v.Err()
}

// occurrences are the start times: the same wall-clock time in Finland
// every week, across daylight-saving changes. A weekly time skips the
// weeks whose day is a Finnish public holiday or an eve the offices keep
// closed (Christmas Eve, Midsummer Eve): nobody offers those by habit.
func (in SlotInput) occurrences() []time.Time {
	first := in.StartsAt.In(Finland)
	if !in.Weekly {
		return []time.Time{first}
	}
	last := in.lastDay()
	var out []time.Time
	for week := 0; week <= MaxWeeklySlots; week++ {
		t := time.Date(first.Year(), first.Month(), first.Day()+7*week, first.Hour(), first.Minute(), 0, 0, Finland)
		if !t.Before(last) {
			break
		}
		if _, holiday := workcal.HolidayOn(workcal.DateOf(t)); !holiday || week == 0 {
			out = append(out, t)
		}
	}
	return out
}

// lastDay is the end of a weekly publication's last day, in Finland.
func (in SlotInput) lastDay() time.Time {
	return time.Date(in.Until.Year(), in.Until.Month(), in.Until.Day()+1, 0, 0, 0, 0, Finland)
}

// PublishSlots writes a publication for the acting hub adviser, one row per
// occurrence. A second publish with the same idempotency key returns the
// first one's slots with created false. A time overlapping another of the
// adviser's slots is refused as a conflict, and nothing is published.
func PublishSlots(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, who Staff, in SlotInput, now time.Time) (slots []Slot, created bool, err error) {
	if !who.HubAdviser() {
		return nil, false, ErrForbidden
	}
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = NewIdempotencyKey()
	}
	if err := in.Validate(tax, now); err != nil {
		return nil, false, err
	}
	if slots, err = seriesSlots(ctx, q, in.IdempotencyKey); err != nil || len(slots) > 0 {
		return slots, false, err
	}
	starts := in.occurrences()
	err = attempt(ctx, q, func() error {
		_, err := q.ExecContext(ctx, `INSERT INTO consultation_slots
			(org_id, adviser_id, series_id, starts_at, ends_at, service_languages, topics)
			SELECT app_org_id(), app_user_id(), $1, t, t + make_interval(mins => $2), $3, $4
			FROM unnest($5::timestamptz[]) AS t`,
			in.IdempotencyKey, in.DurationMin, pq.Array(in.ServiceLanguages), pq.Array(in.Topics), pq.Array(starts))
		return err
	})
	if err != nil {
		// A concurrent retry of the same publication overlaps it exactly.
		if replay, readErr := seriesSlots(ctx, q, in.IdempotencyKey); readErr == nil && len(replay) > 0 {
			return replay, false, nil
		}
		return nil, false, bookingConflict(err)
	}
	if slots, err = seriesSlots(ctx, q, in.IdempotencyKey); err != nil {
		return nil, false, err
	}
	return slots, true, Audit(ctx, q, Event{Action: "slot.publish", RecordType: "slot", RecordID: idText(slots[0].ID),
		ActorRoles: who.Roles, Details: map[string]any{"series_id": in.IdempotencyKey, "count": len(slots)}})
}

func seriesSlots(ctx context.Context, q sqlx.QueryerContext, series string) ([]Slot, error) {
	var out []Slot
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+slotColumns+` FROM consultation_slots s
		WHERE s.org_id = app_org_id() AND s.series_id = $1 ORDER BY s.starts_at`, series)
	return out, err
}

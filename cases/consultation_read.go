package cases

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// GetConsultation reads one consultation as this reader may see it. A read
// that names the client (a hub adviser's) writes an audit event.
func GetConsultation(ctx context.Context, q sqlx.ExtContext, who Staff, id int64) (Consultation, error) {
	c, err := consultationRecord(ctx, q, who, id, false)
	if err != nil {
		return c, err
	}
	if c.ClientID != nil {
		err = Audit(ctx, q, Event{Action: "consultation.view", RecordType: "consultation", RecordID: idText(id),
			ActorRoles: who.Roles, Purpose: "case_work", Details: map[string]any{"client_id": *c.ClientID}})
	}
	return c, err
}

// consultationRecord reads a consultation without auditing, for the
// domain's own checks and for answers about what the reader just changed.
// lock takes the row for the rest of the transaction, so status changes
// of one consultation happen one after the other.
func consultationRecord(ctx context.Context, q sqlx.QueryerContext, who Staff, id int64, lock bool) (Consultation, error) {
	var c Consultation
	if !who.SeesConsultations() {
		return c, ErrNotFound
	}
	query := `SELECT ` + consultationColumns + consultationFrom + ` WHERE c.id = $1
		AND (c.org_id = app_org_id() OR c.partner_org_id = app_org_id())`
	if lock {
		query += ` FOR UPDATE OF c`
	}
	if err := sqlx.GetContext(ctx, q, &c, query, id); err != nil {
		return c, notFound(err)
	}
	c.limitFor(who)
	return c, nil
}

// ConsultationFilter narrows a calendar to [From, To).
type ConsultationFilter struct {
	From, To  time.Time
	AdviserID int64  // 0: every adviser
	Status    string // "": every status
	Limit     int
}

// ListConsultations is a calendar: the hub's consultations for the hub,
// its residents' for a partner, ordered by time. Lists never name the
// client.
func ListConsultations(ctx context.Context, q sqlx.QueryerContext, who Staff, f ConsultationFilter) ([]Consultation, error) {
	if !who.SeesConsultations() {
		return nil, ErrForbidden
	}
	side := `c.partner_org_id = app_org_id()`
	if who.Hub {
		side = `c.org_id = app_org_id()`
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 500
	}
	var out []Consultation
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+consultationColumns+consultationFrom+` WHERE `+side+`
		AND ($1::timestamptz IS NULL OR c.starts_at >= $1) AND ($2::timestamptz IS NULL OR c.starts_at < $2)
		AND ($3 = 0 OR c.adviser_id = $3) AND ($4 = '' OR c.status = $4)
		ORDER BY c.starts_at, c.id LIMIT $5`, nullTime(f.From), nullTime(f.To), f.AdviserID, f.Status, limit)
	for i := range out {
		out[i].limitFor(who)
		out[i].withoutClient()
	}
	return out, err
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// ConsultationEvent is one line of a consultation's history.
type ConsultationEvent struct {
	At          time.Time  `db:"at"`
	ByName      string     `db:"by_name"`
	ByOrg       string     `db:"by_org"`
	Kind        string     `db:"kind"`
	OldStartsAt *time.Time `db:"old_starts_at"`
	NewStartsAt *time.Time `db:"new_starts_at"`
	Reason      string     `db:"reason"`
}

// ConsultationHistory lists what happened to a consultation, oldest first.
func ConsultationHistory(ctx context.Context, q sqlx.QueryerContext, who Staff, id int64) ([]ConsultationEvent, error) {
	if !who.SeesConsultations() {
		return nil, ErrNotFound
	}
	var out []ConsultationEvent
	// A partner worker other than the booking's contact sees which
	// organisation changed it, and names only their own organisation's.
	err := sqlx.SelectContext(ctx, q, &out, `SELECT e.at,
		CASE WHEN e.org_id = app_org_id() OR e.by_org_id <> e.org_id
			OR (SELECT c.partner_contact_id FROM consultations c WHERE c.id = e.consultation_id) = app_user_id()
			THEN e.by_name ELSE '' END AS by_name,
		coalesce((SELECT o.name FROM organisations o WHERE o.id = e.by_org_id), '') AS by_org,
		e.kind, e.old_starts_at, e.new_starts_at, e.reason
		FROM consultation_events e WHERE e.consultation_id = $1 ORDER BY e.id`, id)
	return out, err
}

// WeekStart is the Monday 00:00 in Finland of the week containing t.
func WeekStart(t time.Time) time.Time {
	local := t.In(Finland)
	offset := (int(local.Weekday()) + 6) % 7
	return time.Date(local.Year(), local.Month(), local.Day()-offset, 0, 0, 0, 0, Finland)
}

// ConsultationSummary reads a consultation without its client, so it
// writes no audit event: for a page that shows why a change was refused.
func ConsultationSummary(ctx context.Context, q sqlx.QueryerContext, who Staff, id int64) (Consultation, error) {
	c, err := consultationRecord(ctx, q, who, id, false)
	c.withoutClient()
	return c, err
}

// ConsultationInvitation reads a consultation for its invitation, QR code
// and calendar file, which carry the meeting link: for a reader who does
// not see the details (a worker of the municipality other than the named
// contact) it is not found. It names no client, so it writes no audit
// event.
func ConsultationInvitation(ctx context.Context, q sqlx.QueryerContext, who Staff, id int64) (Consultation, error) {
	c, err := ConsultationSummary(ctx, q, who, id)
	if err == nil && !c.Details {
		return Consultation{}, ErrNotFound
	}
	return c, err
}

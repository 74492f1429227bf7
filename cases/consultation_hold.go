package cases

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// DraftContactFromConsultation is the contact form for holding a
// consultation. The consultation supplies the channel (video), the kind
// (remote consultation), the client, the municipality of residence, the
// service language, the interpreter (kind, and the interpreter's language
// as the client's language), the topics, the time and the length. The
// rest starts as DraftContact leaves it: from the client's profile when a
// client is linked, otherwise unknown.
func DraftContactFromConsultation(c Consultation, client *Client, advicePoint int64, now time.Time) ContactInput {
	in := DraftContact(ContactInput{AdvicePointID: advicePoint}, client, now)
	in.Channel, in.Kind = "video", "remote_consultation"
	in.Municipality = c.MunicipalityCode
	in.ServiceLanguages = []string{c.ServiceLanguage}
	in.Interpreter = c.InterpreterKind
	if c.InterpreterLanguage != "" {
		in.ClientLanguage = c.InterpreterLanguage
	}
	in.Topics = append([]string(nil), c.Topics...)
	in.StartedAt, in.DurationMin = c.StartsAt, c.DurationMin()
	return in
}

// ConsultationDraft reads what holding a booked consultation needs: the
// consultation, its client's profile (no identifying details) and the
// prefilled contact, recorded at the hub's online advice point when it has
// one. Naming the client, it writes an audit event.
func ConsultationDraft(ctx context.Context, q sqlx.ExtContext, who Staff, id int64, now time.Time) (ContactInput, Consultation, *Client, error) {
	c, err := changeable(ctx, q, who, id, who.HubAdviser())
	if err != nil {
		return ContactInput{}, c, nil, err
	}
	if err := stillBooked(c); err != nil {
		return ContactInput{}, c, nil, err
	}
	if !c.holdable(now) {
		return ContactInput{}, c, nil, fieldError("status", "error.hold_too_early")
	}
	var client *Client
	if c.ClientID != nil {
		found, err := GetClient(ctx, q, *c.ClientID)
		if err != nil {
			return ContactInput{}, c, nil, err
		}
		client = &found
		if err := Audit(ctx, q, Event{Action: "consultation.view", RecordType: "consultation", RecordID: idText(id),
			ActorRoles: who.Roles, Purpose: "case_work", Details: map[string]any{"client_id": found.ID, "via": "hold"}}); err != nil {
			return ContactInput{}, c, nil, err
		}
	}
	point, err := consultationPoint(ctx, q)
	if err != nil {
		return ContactInput{}, c, nil, err
	}
	return DraftContactFromConsultation(c, client, point, now), c, client, nil
}

// consultationPoint is the advice point a held consultation is recorded
// at: an active online one, else the adviser's last, else any active one.
func consultationPoint(ctx context.Context, q sqlx.QueryerContext) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `SELECT coalesce(
		(SELECT id FROM advice_points WHERE active AND kind = 'online' ORDER BY id LIMIT 1),
		(SELECT c.advice_point_id FROM contacts c JOIN advice_points p ON p.id = c.advice_point_id AND p.active
		 WHERE c.adviser_id = app_user_id() AND c.deleted_at IS NULL ORDER BY c.created_at DESC LIMIT 1),
		(SELECT id FROM advice_points WHERE active ORDER BY id LIMIT 1), 0)`)
	return id, err
}

// HoldConsultation records the contact of a booked consultation and marks
// the consultation held, linked to that contact, in the caller's
// transaction: either both happen or neither. The contact is for the
// consultation's client whatever the form says. A resubmitted form (the
// same idempotency key) finds the first contact and changes nothing; any
// other second hold is refused.
func HoldConsultation(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, who Staff, id int64, in ContactInput, now time.Time) (contactID int64, created bool, err error) {
	c, err := changeable(ctx, q, who, id, who.HubAdviser())
	if err != nil {
		return 0, false, err
	}
	if c.Status == StatusHeld && in.IdempotencyKey != "" && c.HeldContactID != nil {
		var replay int64
		err := sqlx.GetContext(ctx, q, &replay, `SELECT id FROM contacts WHERE idempotency_key = $1`, in.IdempotencyKey)
		if err == nil && replay == *c.HeldContactID {
			return replay, false, nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, false, err
		}
	}
	if err := stillBooked(c); err != nil {
		return 0, false, err
	}
	if !c.holdable(now) {
		return 0, false, fieldError("status", "error.hold_too_early")
	}
	in.ClientID = 0
	if c.ClientID != nil {
		in.ClientID = *c.ClientID
	}
	contactID, created, err = CreateContact(ctx, q, tax, who.Roles, in, now)
	if err != nil {
		return 0, false, err
	}
	_, err = q.ExecContext(ctx, `UPDATE consultations SET status = 'held', status_reason = '', status_by = app_user_id(),
		status_by_org_id = app_org_id(), status_by_name = $2, status_at = $3, updated_at = now() WHERE id = $1`,
		c.ID, who.Name, now)
	if err != nil {
		return 0, false, err
	}
	_, err = q.ExecContext(ctx, `INSERT INTO consultation_clients (consultation_id, org_id, client_id, held_contact_id)
		VALUES ($1, app_org_id(), $2, $3)
		ON CONFLICT (consultation_id) DO UPDATE SET held_contact_id = excluded.held_contact_id`,
		c.ID, nullID(in.ClientID), contactID)
	if err != nil {
		return 0, false, err
	}
	if _, err := recordEvent(ctx, q, c, who, event{kind: "held", at: now, old: &c.StartsAt}); err != nil {
		return 0, false, err
	}
	return contactID, created, auditConsultation(ctx, q, who, "consultation.held", c.ID, in.ClientID)
}

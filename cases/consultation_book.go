package cases

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"neuvo/cases/notify"
)

// Book records a consultation: a hub adviser books one of their own slots
// or an ad-hoc time for themselves, optionally for a client of the hub; a
// partner worker books a free slot of the network's hub for a resident of
// their own municipality, never naming a client. A second booking with the
// same idempotency key returns the first with created false. Parallel
// bookings of one slot, or of one adviser's time, end with one booking and
// a conflict for the others.
//
// The adviser and the partner contact (and the client, when invited) are
// told by a job queued with jobs in the same transaction; nil jobs tells
// nobody.
func Book(ctx context.Context, q *sqlx.Tx, jobs notify.Inserter, tax *Taxonomy, who Staff, in BookingInput, now time.Time) (c Consultation, created bool, err error) {
	if !who.BooksConsultations() {
		return c, false, ErrForbidden
	}
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = NewIdempotencyKey()
	}
	v := &ValidationError{}
	if err := v.Merge(in.Validate(tax, now)); err != nil && !errors.As(err, new(*ValidationError)) {
		return c, false, err
	}
	if id, err := bookingByKey(ctx, q, in.IdempotencyKey); err != nil || id != 0 {
		if err == nil {
			c, err = replayedBooking(ctx, q, who, id)
		}
		return c, false, err
	}
	row, err := bookingRow(ctx, q, who, &in, v, now) // every problem at once
	if err != nil {
		return c, false, err
	}
	if err := guardBooking(ctx, q, tax, in, v); err != nil {
		return c, false, err
	}
	var id int64
	err = attempt(ctx, q, func() error {
		rows, err := sqlx.NamedQueryContext(ctx, q, insertConsultation, row)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&id); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return c, false, bookingConflict(err)
	}
	if id == 0 { // the same key won a race a moment ago
		if id, err = bookingByKey(ctx, q, in.IdempotencyKey); err == nil {
			c, err = replayedBooking(ctx, q, who, id)
		}
		return c, false, err
	}
	if in.ClientID != 0 {
		if _, err := q.ExecContext(ctx, `INSERT INTO consultation_clients (consultation_id, org_id, client_id, invite_client)
			VALUES ($1, app_org_id(), $2, $3)`, id, in.ClientID, in.InviteClient); err != nil {
			return c, false, err
		}
	}
	if c, err = consultationRecord(ctx, q, who, id, false); err != nil {
		return c, false, err
	}
	if err := changed(ctx, q, jobs, c, who, event{kind: "booked", at: now, new: &c.StartsAt}); err != nil {
		return c, false, err
	}
	return c, true, auditConsultation(ctx, q, who, "consultation.book", id, in.ClientID)
}

const insertConsultation = `INSERT INTO consultations (org_id, partner_org_id, municipality_code, slot_id, adviser_id,
	starts_at, ends_at, service_language, interpreter_language, interpreter_kind, interpreter_ref, topics,
	partner_contact_id, partner_contact_name, partner_contact_email, note, meeting_link, booked_by, booked_by_org_id,
	idempotency_key)
	VALUES (app_network_hub_id(), :partner_org_id, :municipality_code, :slot_id, :adviser_id,
	:starts_at, :ends_at, :service_language, :interpreter_language, :interpreter_kind, :interpreter_ref, :topics,
	:partner_contact_id, :partner_contact_name, :partner_contact_email, :note, :meeting_link, app_user_id(), app_org_id(),
	:idempotency_key)
	ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING id`

// replayedBooking is the first booking of a repeated key, as this reader
// sees it. When it names the client (a hub adviser's), showing it again is
// a read of the client link, audited like any other.
func replayedBooking(ctx context.Context, q sqlx.ExtContext, who Staff, id int64) (Consultation, error) {
	c, err := consultationRecord(ctx, q, who, id, false)
	if err != nil || c.ClientID == nil {
		return c, err
	}
	return c, Audit(ctx, q, Event{Action: "consultation.view", RecordType: "consultation", RecordID: idText(id),
		ActorRoles: who.Roles, Purpose: "case_work", Details: map[string]any{"client_id": *c.ClientID, "via": "create replay"}})
}

func bookingByKey(ctx context.Context, q sqlx.QueryerContext, key string) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `SELECT id FROM consultations
		WHERE org_id = app_network_hub_id() AND idempotency_key = $1`, key)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// bookingRow checks the booking against the slot, the municipality and the
// client, adding to v what is wrong, and returns the columns to insert.
// The slot is checked only when nothing else is wrong: its conflict is
// the one error that another person can cause.
func bookingRow(ctx context.Context, q sqlx.QueryerContext, who Staff, in *BookingInput, v *ValidationError, now time.Time) (map[string]any, error) {
	row := map[string]any{"slot_id": nullID(in.SlotID), "service_language": in.ServiceLanguage,
		"interpreter_language": in.InterpreterLanguage, "interpreter_kind": in.InterpreterKind,
		"interpreter_ref": in.InterpreterRef, "topics": pq.Array(in.Topics), "note": in.Note,
		"meeting_link": in.MeetingLink, "idempotency_key": in.IdempotencyKey,
		"partner_contact_id": nil, "partner_contact_name": in.PartnerContactName, "partner_contact_email": in.PartnerContactEmail,
		"adviser_id": who.UserID, "starts_at": in.StartsAt, "ends_at": in.StartsAt.Add(time.Duration(in.DurationMin) * time.Minute)}
	if who.PartnerWorker() {
		if in.ClientID != 0 || in.InviteClient {
			v.Add("client", "error.partner_no_client")
		}
		if in.SlotID == 0 {
			v.Add("slot", "error.slot_required")
		}
		in.PartnerOrgID = who.OrgID
		row["partner_contact_id"], row["partner_contact_name"], row["partner_contact_email"] = who.UserID, who.Name, who.Email
	} else if err := v.Merge(checkClient(ctx, q, in)); err != nil && !errors.As(err, new(*ValidationError)) {
		return nil, err
	}
	code, err := partnerMunicipality(ctx, q, in.PartnerOrgID)
	if errors.Is(err, ErrNotFound) {
		v.Add("partner_org", "error.unknown_record")
	} else if err != nil {
		return nil, err
	}
	row["partner_org_id"], row["municipality_code"] = in.PartnerOrgID, code
	if in.SlotID != 0 && len(v.Fields) == 0 {
		owner := int64(0) // a partner books any adviser's slot, a hub adviser only their own
		if who.Hub {
			owner = who.UserID
		}
		err := fromSlot(ctx, q, in, row, owner, now)
		if errors.Is(err, ErrConflict) || err != nil && !errors.As(err, new(*ValidationError)) {
			return nil, err // a conflict, or a failure, stands alone
		}
		v.Merge(err)
	}
	return row, nil
}

// guardBooking runs the identity guard over the texts that the other
// organisation reads (consultation_guard.go) and returns every problem of
// the booking, the guard's with the others.
func guardBooking(ctx context.Context, q sqlx.QueryerContext, tax *Taxonomy, in BookingInput, v *ValidationError) error {
	if in.Note == "" && in.InterpreterRef == "" && in.MeetingLink == "" {
		return v.Err()
	}
	g, err := newConsultationGuard(ctx, q, tax, in.ConfirmFindings)
	if err != nil {
		return err
	}
	g.text(v, "note", in.Note)
	g.text(v, "interpreter_ref", in.InterpreterRef)
	g.link(v, "meeting_link", in.MeetingLink)
	return g.result(v)
}

// partnerMunicipality is the municipality code of a partner of the current
// organisation's network (the current one itself, for a partner).
func partnerMunicipality(ctx context.Context, q sqlx.QueryerContext, partner int64) (string, error) {
	var code string
	err := sqlx.GetContext(ctx, q, &code, `SELECT municipality_code FROM organisations
		WHERE id = $1 AND kind = 'partner' AND active AND municipality_code IS NOT NULL
		AND network_id = (SELECT network_id FROM organisations WHERE id = app_network_hub_id())`, partner)
	return code, notFound(err)
}

// checkClient checks the hub's optional client: one of the hub's, with an
// e-mail address when the invitation is to go to them.
func checkClient(ctx context.Context, q sqlx.QueryerContext, in *BookingInput) error {
	if in.ClientID == 0 {
		return nil
	}
	var hasEmail bool
	err := sqlx.GetContext(ctx, q, &hasEmail, `SELECT email <> '' FROM clients WHERE id = $1`, in.ClientID)
	if errors.Is(err, sql.ErrNoRows) {
		return fieldError("client", "error.unknown_record")
	}
	if err == nil && in.InviteClient && !hasEmail {
		return fieldError("invite_client", "error.invite_needs_email")
	}
	return err
}

// fromSlot takes the time and adviser from a free slot of the hub, of the
// adviser owner unless that is 0. A slot's service languages bound the
// booking's.
func fromSlot(ctx context.Context, q sqlx.QueryerContext, in *BookingInput, row map[string]any, owner int64, now time.Time) error {
	var s Slot
	err := sqlx.GetContext(ctx, q, &s, `SELECT `+slotColumns+` FROM consultation_slots s
		WHERE s.id = $1 AND s.org_id = app_network_hub_id()`, in.SlotID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fieldError("slot", "error.unknown_record")
	case err != nil:
		return err
	case owner != 0 && s.AdviserID != owner:
		return fieldError("slot", "error.slot_not_yours")
	case !s.Free(now):
		return conflict("slot", "error.slot_taken")
	case len(s.ServiceLanguages) > 0 && !slices.Contains(s.ServiceLanguages, in.ServiceLanguage):
		return fieldError("service_language", "error.slot_language")
	}
	row["adviser_id"], row["starts_at"], row["ends_at"] = s.AdviserID, s.StartsAt, s.EndsAt
	return nil
}

func fieldError(field, key string) error {
	v := &ValidationError{}
	v.Add(field, key)
	return v
}

// event is one line of a consultation's history as it is written.
type event struct {
	kind       string
	at         time.Time // the moment of the change; zero is the database's now
	old, new   *time.Time
	oldAdviser int64
	reason     string
}

// recordEvent appends to a consultation's history and returns its id.
func recordEvent(ctx context.Context, q sqlx.QueryerContext, c Consultation, who Staff, e event) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `INSERT INTO consultation_events (org_id, partner_org_id, consultation_id,
		by_user_id, by_org_id, by_name, kind, old_starts_at, new_starts_at, old_adviser_id, reason, at)
		VALUES ($1, $2, $3, app_user_id(), app_org_id(), $4, $5, $6, $7, $8, $9, coalesce($10, now())) RETURNING id`,
		c.OrgID, c.PartnerOrgID, c.ID, who.Name, e.kind, e.old, e.new, nullID(e.oldAdviser), e.reason, nullTime(e.at))
	return id, err
}

// changed records the event and, when jobs is given, queues the job that
// tells the people concerned once the change commits.
func changed(ctx context.Context, tx *sqlx.Tx, jobs notify.Inserter, c Consultation, who Staff, e event) error {
	id, err := recordEvent(ctx, tx, c, who, e)
	if err != nil || jobs == nil {
		return err
	}
	return jobs.InsertTx(ctx, tx, ConsultationNoticeArgs{OrgID: c.OrgID, EventID: id}, nil)
}

// auditConsultation records a change in the actor's organisation's log; a
// consultation linked to a client is client-linked data.
func auditConsultation(ctx context.Context, q sqlx.ExtContext, who Staff, action string, id, clientID int64) error {
	details := map[string]any{}
	if clientID != 0 {
		details["client_id"] = clientID
	}
	return Audit(ctx, q, Event{Action: action, RecordType: "consultation", RecordID: idText(id), ActorRoles: who.Roles,
		Purpose: "case_work", Details: details})
}

// BookablePartners are the municipalities the hub books for: its
// network's active partners that have a municipality code.
func BookablePartners(ctx context.Context, q sqlx.QueryerContext) ([]Organisation, error) {
	var out []Organisation
	err := sqlx.SelectContext(ctx, q, &out, `SELECT `+organisationColumns+` FROM organisations
		WHERE kind = 'partner' AND active AND municipality_code IS NOT NULL AND network_id = app_hub_network_id()
		ORDER BY name`)
	return out, err
}

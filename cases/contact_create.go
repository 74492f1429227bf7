package cases

import (
	"context"
	"crypto/rand"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// NewIdempotencyKey is put into every form render and used by clients that
// did not send their own: a retried create finds the first one's contact.
func NewIdempotencyKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// CreateContact records a contact for the current user. A second create
// with the same idempotency key returns the first contact's id with created
// false, so a double click, a resubmitted form or an API retry never counts
// a visit twice.
func CreateContact(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, in ContactInput, now time.Time) (id int64, created bool, err error) {
	c, created, err := RecordContact(ctx, q, tax, actor, in, now)
	return c.ID, created, err
}

// RecordContact is CreateContact returning the stored contact (without
// advice point and adviser names), read in the same statement as the
// insert: the API answers with it.
func RecordContact(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, in ContactInput, now time.Time) (c Contact, created bool, err error) {
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = NewIdempotencyKey()
	}
	if err := in.Validate(tax, now, nil); err != nil {
		return c, false, err
	}
	rows, err := sqlx.NamedQueryContext(ctx, q, insertContact, contactRow(tax, in))
	if err != nil {
		return c, false, contactRefs(err)
	}
	if rows.Next() {
		err, created = rows.StructScan(&c), true
	}
	rows.Close()
	if err != nil {
		return c, false, err
	}
	if !created {
		err = sqlx.GetContext(ctx, q, &c, `SELECT `+contactRecordColumns+` FROM contacts c WHERE c.idempotency_key = $1`,
			in.IdempotencyKey)
		return c, false, err
	}
	if in.FollowUpOn != nil { // a new contact has no follow-up to clear
		if err := saveFollowUp(ctx, q, c.ID, in); err != nil {
			return c, false, err
		}
	}
	return c, true, auditContact(ctx, q, actor, "contact.create", c.ID, in.ClientID)
}

const insertContact = `INSERT INTO contacts AS c (org_id, advice_point_id, adviser_id, client_id, started_at,
	duration_min, channel, kind, participants, household_size, service_languages, client_language, interpreter,
	age_band, gender, citizenship, country_group, municipality, residence_basis, time_in_finland, labour_market,
	topics, actions, referrals, outcome, follow_up_on, note, idempotency_key)
	VALUES (app_org_id(), :advice_point_id, app_user_id(), :client_id, :started_at,
	:duration_min, :channel, :kind, :participants, :household_size, :service_languages, :client_language, :interpreter,
	:age_band, :gender, :citizenship, :country_group, :municipality, :residence_basis, :time_in_finland, :labour_market,
	:topics, :actions, :referrals, :outcome, :follow_up_on, :note, :idempotency_key)
	ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING ` + contactRecordColumns

// contactRow maps the input to the columns, with citizenship also stored as
// its country group, the only form in which statistics may use it.
func contactRow(tax *Taxonomy, in ContactInput) map[string]any {
	group := Unknown
	if item, ok := tax.Item("country", in.Citizenship); ok && item.Group != "" {
		group = item.Group
	}
	return map[string]any{
		"advice_point_id": in.AdvicePointID, "client_id": nullID(in.ClientID), "started_at": in.StartedAt,
		"duration_min": in.DurationMin, "channel": in.Channel, "kind": in.Kind,
		"participants": nullInt(in.Participants), "household_size": nullInt(in.HouseholdSize),
		"service_languages": pq.Array(in.ServiceLanguages), "client_language": in.ClientLanguage, "interpreter": in.Interpreter,
		"age_band": in.AgeBand, "gender": in.Gender, "citizenship": in.Citizenship, "country_group": group,
		"municipality": in.Municipality, "residence_basis": in.ResidenceBasis, "time_in_finland": in.TimeInFinland,
		"labour_market": in.LabourMarket, "topics": pq.Array(in.Topics), "actions": pq.Array(in.Actions),
		"referrals": pq.Array(in.Referrals), "outcome": in.Outcome, "follow_up_on": in.FollowUpOn, "note": in.Note,
		"idempotency_key": in.IdempotencyKey,
	}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// contactRefs turns a foreign-key violation (an advice point or client of
// another organisation, or none) into a validation error on that field,
// and so the refusal of a closed advice point (migration 006).
func contactRefs(err error) error {
	pqErr, ok := err.(*pq.Error)
	v := &ValidationError{}
	switch {
	case ok && pqErr.Code == "23514" && pqErr.Constraint == "contacts_advice_point_active":
		v.Add("advice_point", "error.advice_point_inactive")
	case ok && pqErr.Code == "23503" && pqErr.Constraint == "contacts_org_id_client_id_fkey":
		v.Add("client", "error.unknown_record")
	case ok && pqErr.Code == "23503":
		v.Add("advice_point", "error.unknown_record")
	default:
		return err
	}
	return v
}

func saveFollowUp(ctx context.Context, q sqlx.ExtContext, contactID int64, in ContactInput) error {
	if in.FollowUpOn == nil {
		_, err := q.ExecContext(ctx, `DELETE FROM follow_ups WHERE contact_id = $1 AND done_at IS NULL`, contactID)
		return err
	}
	// A new follow-up belongs to the contact's adviser, also when a manager
	// adds it while correcting the contact.
	_, err := q.ExecContext(ctx, `INSERT INTO follow_ups (org_id, client_id, contact_id, assigned_to, due_on)
		SELECT app_org_id(), $1, $2, c.adviser_id, $3 FROM contacts c WHERE c.id = $2
		ON CONFLICT (contact_id) DO UPDATE SET due_on = excluded.due_on, client_id = excluded.client_id`,
		nullID(in.ClientID), contactID, *in.FollowUpOn)
	return err
}

// auditContact records writes; a contact linked to a client is
// client-linked data, and every write of it is audited (design.md §4).
func auditContact(ctx context.Context, q sqlx.ExtContext, actor Roles, action string, id, clientID int64) error {
	details := map[string]any{}
	if clientID != 0 {
		details["client_id"] = clientID
	}
	return Audit(ctx, q, Event{Action: action, RecordType: "contact", RecordID: strconv.FormatInt(id, 10),
		ActorRoles: actor, Purpose: "case_work", Details: details})
}

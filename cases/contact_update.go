package cases

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// ErrEditWindowClosed means an adviser tried to change their contact after
// the organisation's edit window; a manager can still correct it.
var ErrEditWindowClosed = &ValidationError{Fields: []FieldError{{Field: "contact", Key: "error.edit_window"}}}

// canChange applies the edit rules: a manager corrects any contact of the
// organisation; an adviser edits their own for the organisation's number of
// days after recording it.
func canChange(ctx context.Context, q sqlx.QueryerContext, actor Roles, actorID int64, c Contact, now time.Time) error {
	if c.DeletedAt != nil {
		return ErrNotFound
	}
	if actor.Has(RoleManager) {
		return nil
	}
	if !actor.Has(RoleAdviser) || c.AdviserID != actorID {
		return ErrForbidden
	}
	var days int
	if err := sqlx.GetContext(ctx, q, &days, `SELECT contact_edit_days FROM organisations WHERE id = app_org_id()`); err != nil {
		return err
	}
	if now.Sub(c.CreatedAt) > time.Duration(days)*24*time.Hour {
		return ErrEditWindowClosed
	}
	return nil
}

// UpdateContact changes a contact under the edit rules and audits it.
func UpdateContact(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, actor Roles, actorID, id int64, in ContactInput, now time.Time) error {
	var old Contact
	if err := sqlx.GetContext(ctx, q, &old, `SELECT `+contactColumns+contactJoins+` WHERE c.id = $1 FOR UPDATE OF c`, id); err != nil {
		return notFound(err)
	}
	if err := canChange(ctx, q, actor, actorID, old, now); err != nil {
		return err
	}
	if !actor.SeesClients() { // they never saw the link, so they cannot have meant to change it
		in.ClientID = 0
		if old.ClientID != nil {
			in.ClientID = *old.ClientID
		}
	}
	if err := in.Validate(tax, now, &old); err != nil {
		return err
	}
	row := contactRow(tax, in)
	row["id"] = id
	_, err := sqlx.NamedExecContext(ctx, q, `UPDATE contacts SET advice_point_id = :advice_point_id,
		client_id = :client_id, started_at = :started_at, duration_min = :duration_min, channel = :channel,
		kind = :kind, participants = :participants, household_size = :household_size,
		service_languages = :service_languages, client_language = :client_language, interpreter = :interpreter,
		age_band = :age_band, gender = :gender, citizenship = :citizenship, country_group = :country_group,
		municipality = :municipality, residence_basis = :residence_basis, time_in_finland = :time_in_finland,
		labour_market = :labour_market, topics = :topics, actions = :actions, referrals = :referrals,
		outcome = :outcome, follow_up_on = :follow_up_on, note = :note, updated_at = now() WHERE id = :id`, row)
	if err != nil {
		return contactRefs(err)
	}
	if err := saveFollowUp(ctx, q, id, in); err != nil {
		return err
	}
	return auditContact(ctx, q, actor, "contact.update", id, in.ClientID)
}

// DeleteContact soft-deletes a contact with a reason: it leaves lists and
// statistics but stays for the audit trail.
func DeleteContact(ctx context.Context, q sqlx.ExtContext, actor Roles, actorID, id int64, reason string, now time.Time) error {
	reason, err := DeleteReason(reason)
	if err != nil {
		return err
	}
	var old Contact
	if err := sqlx.GetContext(ctx, q, &old, `SELECT `+contactColumns+contactJoins+` WHERE c.id = $1 FOR UPDATE OF c`, id); err != nil {
		return notFound(err)
	}
	if err := canChange(ctx, q, actor, actorID, old, now); err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `UPDATE contacts SET deleted_at = now(), deleted_by = app_user_id(),
		delete_reason = $2, updated_at = now() WHERE id = $1`, id, reason)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE follow_ups SET done_at = now() WHERE contact_id = $1 AND done_at IS NULL`, id); err != nil {
		return err
	}
	var client int64
	if old.ClientID != nil {
		client = *old.ClientID
	}
	return Audit(ctx, q, Event{Action: "contact.delete", RecordType: "contact", RecordID: idText(id),
		ActorRoles: actor, Purpose: "correction", Details: map[string]any{"reason": reason, "client_id": client}})
}

// DeleteReason checks a deletion's reason: required, storable, at most
// MaxReasonLen characters.
func DeleteReason(raw string) (string, error) {
	var v ValidationError
	reason := strings.TrimSpace(raw)
	v.RequiredText("reason", reason, MaxReasonLen)
	return reason, v.Err()
}

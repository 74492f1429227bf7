package cases

import (
	"context"
	"strconv"

	"github.com/jmoiron/sqlx"
)

const contactColumns = `c.id, c.org_id, c.advice_point_id, p.name AS advice_point, c.adviser_id,
	coalesce(nullif(u.display_name, ''), u.subject) AS adviser, c.client_id, cl.code AS client_code,
	c.started_at, c.duration_min, c.channel, c.kind, c.participants, c.household_size, c.service_languages,
	c.client_language, c.interpreter, c.age_band, c.gender, c.citizenship, c.municipality, c.residence_basis,
	c.time_in_finland, c.labour_market, c.topics, c.actions, c.referrals, c.outcome, c.follow_up_on, c.note,
	c.created_at, c.updated_at, c.deleted_at`

const contactJoins = ` FROM contacts c JOIN advice_points p ON p.id = c.advice_point_id
	JOIN users u ON u.id = c.adviser_id LEFT JOIN clients cl ON cl.id = c.client_id`

// GetContact reads one of the organisation's contacts (deleted ones too,
// for the audit trail) and audits the read when it is client-linked.
func GetContact(ctx context.Context, q sqlx.ExtContext, actor Roles, id int64) (Contact, error) {
	var c Contact
	err := sqlx.GetContext(ctx, q, &c, `SELECT `+contactColumns+contactJoins+` WHERE c.id = $1`, id)
	if err != nil {
		return c, notFound(err)
	}
	if c.ClientID != nil {
		err = Audit(ctx, q, Event{Action: "contact.view", RecordType: "contact", RecordID: strconv.FormatInt(id, 10),
			ActorRoles: actor, Purpose: "case_work", Details: map[string]any{"client_id": *c.ClientID}})
	}
	c.hideClientFrom(actor)
	return c, err
}

// hideClientFrom removes the client link for roles that may not open
// client files (Roles.SeesClients).
func (c *Contact) hideClientFrom(actor Roles) {
	if !actor.SeesClients() {
		c.ClientID, c.ClientCode = nil, nil
	}
}

// contactRecordColumns is a contact without the names its list shows:
// one table and an index lookup for the client code, cheap to plan.
const contactRecordColumns = `c.id, c.org_id, c.advice_point_id, c.adviser_id, c.client_id,
	(SELECT code FROM clients cl WHERE cl.id = c.client_id) AS client_code,
	c.started_at, c.duration_min, c.channel, c.kind, c.participants, c.household_size, c.service_languages,
	c.client_language, c.interpreter, c.age_band, c.gender, c.citizenship, c.municipality, c.residence_basis,
	c.time_in_finland, c.labour_market, c.topics, c.actions, c.referrals, c.outcome, c.follow_up_on, c.note,
	c.created_at, c.updated_at, c.deleted_at`

// ContactRecord reads back a contact just written, without auditing: the
// writer has seen it already. Advice point and adviser names are empty.
func ContactRecord(ctx context.Context, q sqlx.QueryerContext, actor Roles, id int64) (Contact, error) {
	var c Contact
	err := sqlx.GetContext(ctx, q, &c, `SELECT `+contactRecordColumns+` FROM contacts c WHERE c.id = $1`, id)
	c.hideClientFrom(actor)
	return c, notFound(err)
}

// LastContactDefaults is what the adviser's previous entry carries over to
// the next: advice point, service languages and channel. A held remote
// consultation's contact does not count: it was recorded from the
// consultation, and the next client at the desk is no video meeting.
func LastContactDefaults(ctx context.Context, q sqlx.QueryerContext) (ContactInput, error) {
	var c Contact
	err := sqlx.GetContext(ctx, q, &c, `SELECT advice_point_id, service_languages, channel FROM contacts
		WHERE org_id = app_org_id() AND adviser_id = app_user_id() AND deleted_at IS NULL
		AND kind <> 'remote_consultation' ORDER BY created_at DESC LIMIT 1`)
	if err != nil {
		return ContactInput{}, notFoundOK(err)
	}
	return ContactInput{AdvicePointID: c.AdvicePointID, ServiceLanguages: c.ServiceLanguages, Channel: c.Channel}, nil
}

func notFoundOK(err error) error {
	if notFound(err) == ErrNotFound {
		return nil
	}
	return err
}

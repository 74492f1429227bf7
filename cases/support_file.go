package cases

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// SupportActor is who acts on a request: the organisation decides the
// side (requester or hub), the roles what they may do there.
type SupportActor struct {
	UserID int64
	Name   string
	OrgID  int64
	Roles  Roles
}

// FileSupportRequest files a request to the current organisation's
// network hub, with the question as the thread's first message. The same
// idempotency key files it once: the retry gets the first request back
// with created false. The due time is the hub's target for the urgency,
// counted on the working calendar from now.
func FileSupportRequest(ctx context.Context, q sqlx.ExtContext, tax *Taxonomy, guard Guard, who SupportActor,
	in SupportInput, now time.Time) (SupportRequest, bool, error) {
	if !who.Roles.Has(RolePartnerWorker, RoleAdviser) {
		return SupportRequest{}, false, ErrForbidden
	}
	if in.IdempotencyKey == "" {
		in.IdempotencyKey = NewIdempotencyKey()
	}
	var v ValidationError
	v.Merge(in.Validate(tax))
	g := guardCheck{guard: guard, consent: in.ConsentShared, confirm: in.ConfirmFindings}
	g.check(&v, "question", in.Question)
	g.check(&v, "consent_what", in.ConsentWhat) // said once, read by the hub with the question
	if err := g.result(&v); err != nil {
		return SupportRequest{}, false, err
	}
	if existing, err := supportByKey(ctx, q, in.IdempotencyKey); err == nil {
		return existing, false, nil
	} else if err != ErrNotFound {
		return SupportRequest{}, false, err
	}
	targets, err := HubTargets(ctx, q)
	if err != nil {
		return SupportRequest{}, false, err
	}
	id, err := insertSupportRequest(ctx, q, who, in, newSupportClock(targets).due(in.Urgency, now), now)
	if errors.Is(err, sql.ErrNoRows) { // filed meanwhile by a concurrent retry
		existing, err := supportByKey(ctx, q, in.IdempotencyKey)
		return existing, false, err
	}
	if err != nil {
		return SupportRequest{}, false, err
	}
	r, err := getSupportRequest(ctx, q, id, false)
	if err != nil {
		return r, false, err
	}
	msg := SupportMessage{Side: "requester", Kind: KindQuestion, Body: in.Question}
	if _, err := insertSupportMessage(ctx, q, r, who, msg, "", now); err != nil {
		return r, false, err
	}
	if err := recordStatus(ctx, q, r, who, nil, StatusNew, "", now); err != nil {
		return r, false, err
	}
	return r, true, auditSupport(ctx, q, who, "support.create", r)
}

func supportByKey(ctx context.Context, q sqlx.QueryerContext, key string) (SupportRequest, error) {
	var r SupportRequest
	err := sqlx.GetContext(ctx, q, &r, `SELECT `+supportColumns+supportFrom+`
		WHERE r.org_id = app_org_id() AND r.idempotency_key = $1`, key)
	return r, notFound(err)
}

// insertSupportRequest writes the row; the database gives it the next
// number of the hub's year (014_support_guards.sql). Of two requests filed
// at once with the same key, the second waits for the first and then
// inserts nothing (sql.ErrNoRows); its number is left unused.
func insertSupportRequest(ctx context.Context, q sqlx.ExtContext, who SupportActor, in SupportInput, due, now time.Time) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `INSERT INTO support_requests (org_id, hub_id, requester_id,
		requester_name, callback_phone, sector, topics, urgency, answer_channel, age_band, residence_basis,
		client_language, time_in_finland, consent_shared, consent_what, consent_basis, due_at, idempotency_key,
		created_at, updated_at)
		VALUES (app_org_id(), app_network_hub_id(), app_user_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
		$11, $12, $13, $14, $15, $16, $16) ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING id`,
		CleanText(who.Name, MaxNameLen), in.CallbackPhone, in.Sector,
		pq.Array(in.Topics), in.Urgency, in.AnswerChannel, in.Profile.AgeBand, in.Profile.ResidenceBasis,
		in.Profile.ClientLanguage, in.Profile.TimeInFinland, in.ConsentShared, in.ConsentWhat, in.ConsentBasis,
		due, in.IdempotencyKey, now)
	return id, err
}

// insertSupportMessage adds a message to the thread.
func insertSupportMessage(ctx context.Context, q sqlx.ExtContext, r SupportRequest, who SupportActor, m SupportMessage,
	key string, now time.Time) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `INSERT INTO support_messages (org_id, hub_id, request_id, author_id,
		author_name, side, kind, body, internal, shareable, minutes, idempotency_key, consultation_id, created_at)
		VALUES ($1, $2, $3, app_user_id(), $4, $5, $6, $7, $8, $9, $10, nullif($11, '')::uuid, $12, $13) RETURNING id`,
		r.OrgID, r.HubID, r.ID, CleanText(who.Name, MaxNameLen), m.Side, m.Kind, m.Body, m.Kind == KindInternalNote,
		m.Shareable, m.Minutes, key, m.ConsultationID, now)
	return id, err
}

// recordStatus writes one status change with who made it.
func recordStatus(ctx context.Context, q sqlx.ExtContext, r SupportRequest, who SupportActor, from *string, to, note string,
	now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO support_status_events (org_id, hub_id, request_id, at, by, by_name,
		from_status, to_status, note) VALUES ($1, $2, $3, $4, app_user_id(), $5, $6, $7, $8)`,
		r.OrgID, r.HubID, r.ID, now, CleanText(who.Name, MaxNameLen), from, to, note)
	return err
}

// auditSupport records an action on a request in the actor's
// organisation's audit log.
func auditSupport(ctx context.Context, q sqlx.ExtContext, who SupportActor, action string, r SupportRequest) error {
	details := map[string]any{"number": r.Number, "status": r.Status}
	if r.ConsentShared {
		details["consent_shared"] = true
	}
	return Audit(ctx, q, Event{Action: action, RecordType: "support_request", RecordID: idText(r.ID),
		ActorRoles: who.Roles, Purpose: "support", Details: details})
}

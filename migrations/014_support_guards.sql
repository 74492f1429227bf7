-- Support requests (issue 9), review M5: PostgreSQL, not only cases,
-- keeps the requesting organisation to what the app lets it do.

-- A request's identity never changes, on either side.
CREATE FUNCTION support_requests_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.id, NEW.org_id, NEW.hub_id, NEW.number, NEW.requester_id, NEW.idempotency_key, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.org_id, OLD.hub_id, OLD.number, OLD.requester_id, OLD.idempotency_key, OLD.created_at) THEN
        RAISE EXCEPTION 'a support request''s number, organisations, requester and creation are fixed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER support_requests_fixed BEFORE UPDATE ON support_requests
    FOR EACH ROW EXECUTE FUNCTION support_requests_fixed();

-- The requesting organisation (a session whose organisation is not the
-- request's hub) may only do what cases lets it:
--   - close its request (the clock stops: waiting_since is set);
--   - rate an answered request (rating, comment, rated_at), which closes it;
--   - follow up: the stopped clock resumes (waiting_since cleared, the
--     waited time added to paused_seconds, never more than the wall time
--     waited; the due time only moves later), and an answered or closed
--     request reopens (new, or assigned when someone holds it) with its
--     resolution and reminders cleared.
-- It never sets the assignee, the first response, the resolution, the
-- target's outcome, the expert time, the text fields of the request, or an
-- earlier due time.
CREATE FUNCTION support_requests_partner_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    reopened boolean := OLD.status IN ('answered', 'closed') AND NEW.status IN ('new', 'assigned');
    resumed  boolean := OLD.waiting_since IS NOT NULL AND NEW.waiting_since IS NULL;
BEGIN
    IF OLD.hub_id = app_org_id() THEN
        RETURN NEW;
    END IF;
    IF (NEW.requester_name, NEW.callback_phone, NEW.sector, NEW.topics, NEW.urgency, NEW.answer_channel,
        NEW.age_band, NEW.residence_basis, NEW.client_language, NEW.time_in_finland, NEW.consent_shared,
        NEW.consent_what, NEW.consent_basis, NEW.assigned_to, NEW.assigned_name, NEW.assigned_group_id,
        NEW.first_response_at, NEW.first_response_seconds, NEW.answered_in_target, NEW.expert_minutes)
       IS DISTINCT FROM
       (OLD.requester_name, OLD.callback_phone, OLD.sector, OLD.topics, OLD.urgency, OLD.answer_channel,
        OLD.age_band, OLD.residence_basis, OLD.client_language, OLD.time_in_finland, OLD.consent_shared,
        OLD.consent_what, OLD.consent_basis, OLD.assigned_to, OLD.assigned_name, OLD.assigned_group_id,
        OLD.first_response_at, OLD.first_response_seconds, OLD.answered_in_target, OLD.expert_minutes) THEN
        RAISE EXCEPTION 'the requesting organisation may not change the request''s details, assignee or response'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status <> OLD.status AND NEW.status <> 'closed' AND NOT (reopened AND NEW.status =
        CASE WHEN NEW.assigned_to IS NULL AND NEW.assigned_group_id IS NULL THEN 'new' ELSE 'assigned' END) THEN
        RAISE EXCEPTION 'the requesting organisation may only close or reopen a request'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.resolved_at, NEW.resolution_seconds) IS DISTINCT FROM (OLD.resolved_at, OLD.resolution_seconds)
       AND NOT (reopened AND NEW.resolved_at IS NULL AND NEW.resolution_seconds IS NULL) THEN
        RAISE EXCEPTION 'the requesting organisation may not set a resolution'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.near_notified_at, NEW.overdue_notified_at) IS DISTINCT FROM (OLD.near_notified_at, OLD.overdue_notified_at)
       AND NOT (reopened AND NEW.near_notified_at IS NULL AND NEW.overdue_notified_at IS NULL) THEN
        RAISE EXCEPTION 'the requesting organisation may not mark reminders'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.waiting_since IS DISTINCT FROM OLD.waiting_since AND NOT resumed
       AND NOT (OLD.waiting_since IS NULL AND NEW.status = 'closed') THEN
        RAISE EXCEPTION 'the requesting organisation may only resume the clock, or stop it by closing'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.paused_seconds <> OLD.paused_seconds AND NOT (resumed AND NEW.paused_seconds > OLD.paused_seconds
        AND NEW.paused_seconds - OLD.paused_seconds <= extract(epoch FROM now() - OLD.waiting_since)) THEN
        RAISE EXCEPTION 'the requesting organisation may only add the time waited for it to the pauses'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.due_at <> OLD.due_at AND NOT ((resumed OR reopened) AND NEW.due_at > OLD.due_at) THEN
        RAISE EXCEPTION 'the requesting organisation may not bring the due time forward'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.rating, NEW.rating_comment, NEW.rated_at) IS DISTINCT FROM (OLD.rating, OLD.rating_comment, OLD.rated_at)
       AND (OLD.answered_in_target IS NULL OR NEW.rating IS NULL OR NEW.rated_at IS NULL) THEN
        RAISE EXCEPTION 'only an answered request is rated, and a rating is not withdrawn'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER support_requests_partner_update BEFORE UPDATE ON support_requests
    FOR EACH ROW EXECUTE FUNCTION support_requests_partner_update();

-- Nobody records a status change or writes a message in someone else's
-- name: the author is the session's user.
DROP POLICY support_status_events_insert ON support_status_events;
CREATE POLICY support_status_events_insert ON support_status_events FOR INSERT
    WITH CHECK ((org_id = app_org_id() OR hub_id = app_org_id()) AND by = app_user_id());

DROP POLICY support_messages_insert ON support_messages;
CREATE POLICY support_messages_insert ON support_messages FOR INSERT
    WITH CHECK (author_id = app_user_id() AND ((hub_id = app_org_id() AND side = 'hub')
        OR (org_id = app_org_id() AND side = 'requester' AND NOT internal AND kind IN ('question', 'follow_up'))));

-- Request numbers are drawn by the database as the request is inserted,
-- from the counter of the request's hub and of the year it is filed in
-- (Finnish time): the service role can neither choose a number nor touch
-- the counters (grants.sql gives it no privilege on support_numbers). The
-- function runs as its owner for that one counter; a request for another
-- network's hub keeps what it was given and row-level security refuses it.
CREATE FUNCTION support_requests_number() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    y integer := extract(year FROM NEW.created_at AT TIME ZONE 'Europe/Helsinki');
    n integer;
BEGIN
    IF NEW.hub_id IS DISTINCT FROM app_network_hub_id() THEN
        RETURN NEW;
    END IF;
    INSERT INTO support_numbers AS s (hub_id, year, last) VALUES (NEW.hub_id, y, 1)
        ON CONFLICT (hub_id, year) DO UPDATE SET last = s.last + 1 RETURNING last INTO n;
    NEW.number := y || '-' || CASE WHEN n < 10000 THEN lpad(n::text, 4, '0') ELSE n::text END;
    RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION support_requests_number() FROM PUBLIC;
CREATE TRIGGER support_requests_number BEFORE INSERT ON support_requests
    FOR EACH ROW EXECUTE FUNCTION support_requests_number();

-- A deactivated organisation keeps nobody logged in. Deactivating deletes
-- its sessions in the same transaction, and a session of an inactive
-- organisation never resumes (defence in depth).
--
-- A hub's admins deactivate partners, whose sessions row-level security
-- hides from the hub's scope; a DELETE policy alone would not do, since a
-- DELETE with a WHERE clause must also pass the SELECT policies, and
-- showing the hub a partner's sessions (ID tokens included) is not wanted.
-- So this function checks that the caller manages the organisation, then
-- deletes in that organisation's scope and restores the caller's.
CREATE FUNCTION app_end_organisation_sessions(target bigint) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    caller text := coalesce(current_setting('app.org_id', true), '');
BEGIN
    IF NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = target
                   AND (o.id = app_org_id() OR o.network_id = app_hub_network_id())) THEN
        RAISE EXCEPTION 'organisation % is not managed by the current one', target
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('app.org_id', target::text, true);
    DELETE FROM sessions WHERE sessions.org_id = target;
    PERFORM set_config('app.org_id', caller, true);
END $$;

CREATE OR REPLACE FUNCTION app_resume_session(secret_hash bytea, idle interval, touch_after interval)
RETURNS TABLE (org_id bigint, user_id bigint, id_token text, last_seen_at timestamptz, expires_at timestamptz)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    s sessions%ROWTYPE;
BEGIN
    PERFORM set_config('app.session_hash', encode(secret_hash, 'hex'), true);
    SELECT * INTO s FROM sessions WHERE sessions.id_hash = secret_hash;
    IF NOT FOUND OR s.expires_at <= now() OR now() - s.last_seen_at > idle
        OR NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = s.org_id AND o.active) THEN
        RETURN;
    END IF;
    PERFORM set_config('app.org_id', s.org_id::text, true), set_config('app.user_id', s.user_id::text, true);
    IF now() - s.last_seen_at > touch_after THEN
        UPDATE sessions SET last_seen_at = now() WHERE sessions.id_hash = secret_hash;
    END IF;
    RETURN QUERY SELECT s.org_id, s.user_id, s.id_token, s.last_seen_at, s.expires_at;
END $$;

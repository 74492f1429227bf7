-- One round trip resumes a request's session: it presents the hash of the
-- browser's secret (so row-level security shows that one session), checks
-- the idle and absolute limits, moves last_seen_at at most once per
-- touch_after, scopes the transaction to the session's organisation and
-- user, and returns the session. It runs with the caller's rights, under
-- the same policies as the statements it replaces.
CREATE FUNCTION app_resume_session(secret_hash bytea, idle interval, touch_after interval)
RETURNS TABLE (org_id bigint, user_id bigint, id_token text, last_seen_at timestamptz, expires_at timestamptz)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    s sessions%ROWTYPE;
BEGIN
    PERFORM set_config('app.session_hash', encode(secret_hash, 'hex'), true);
    SELECT * INTO s FROM sessions WHERE sessions.id_hash = secret_hash;
    IF NOT FOUND OR s.expires_at <= now() OR now() - s.last_seen_at > idle THEN
        RETURN;
    END IF;
    PERFORM set_config('app.org_id', s.org_id::text, true), set_config('app.user_id', s.user_id::text, true);
    IF now() - s.last_seen_at > touch_after THEN
        UPDATE sessions SET last_seen_at = now() WHERE sessions.id_hash = secret_hash;
    END IF;
    RETURN QUERY SELECT s.org_id, s.user_id, s.id_token, s.last_seen_at, s.expires_at;
END $$;

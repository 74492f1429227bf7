-- Notifications: the e-mail outbox that background jobs send from, and each
-- user's in-app list. Both carry a link into Neuvo and a record's number,
-- never the record's content: e-mail never carries client details.

CREATE TABLE outbox_messages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id     bigint NOT NULL REFERENCES organisations(id),
    -- RFC 5322 Message-ID, fixed at enqueue so that every retry of the same
    -- message carries the same one and receivers can drop a duplicate.
    message_id text NOT NULL UNIQUE CHECK (message_id ~ '^<[^<>@ ]+@[^<>@ ]+>$'),
    recipient  text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
    lang       text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
    template   text NOT NULL CHECK (template ~ '^[a-z][a-z0-9_]{0,62}$'),
    subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body_text  text NOT NULL,
    body_html  text,
    status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts   integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- The SMTP server's answer or the connection error; never a body.
    last_error text NOT NULL DEFAULT '' CHECK (length(last_error) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    UNIQUE (org_id, id)
);
CREATE INDEX outbox_messages_org_created ON outbox_messages (org_id, created_at DESC);
CREATE INDEX outbox_messages_pending ON outbox_messages (org_id, created_at) WHERE status = 'pending';

CREATE TABLE outbox_attachments (
    org_id       bigint NOT NULL,
    message_id   bigint NOT NULL,
    position     smallint NOT NULL CHECK (position >= 0),
    name         text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
    content      bytea NOT NULL CHECK (length(content) <= 1048576),
    PRIMARY KEY (message_id, position),
    FOREIGN KEY (org_id, message_id) REFERENCES outbox_messages (org_id, id) ON DELETE CASCADE
);

CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id     bigint NOT NULL,
    user_id    bigint NOT NULL,
    kind       text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,62}$'),
    link       text NOT NULL CHECK (link ~ '^/[A-Za-z0-9/_-]*$'),
    number     text NOT NULL DEFAULT '' CHECK (number ~ '^[A-Za-z0-9-]{0,32}$'),
    at         timestamptz, -- the time the notice is about (a meeting), if any
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_user ON notifications (org_id, user_id, created_at DESC);

ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_messages_org ON outbox_messages USING (org_id = app_org_id());

ALTER TABLE outbox_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_attachments_org ON outbox_attachments USING (org_id = app_org_id());

-- A user sees and marks read only their own notifications. Writing one for
-- a user goes through app_notify_user, in the recipient's organisation.
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_own ON notifications
    USING (org_id = app_org_id() AND user_id = app_user_id());
CREATE POLICY notifications_insert ON notifications FOR INSERT
    WITH CHECK (org_id = app_org_id());

-- Notifies a user of any organisation in the caller's network (a partner's
-- booking notifies the hub's adviser): it enters the recipient's
-- organisation for the two statements that need it, then returns to the
-- caller's, and answers with the address and language to e-mail. An
-- inactive or unknown user gets nothing and the answer is empty. It runs
-- with the caller's rights, under the same policies as everything else.
CREATE FUNCTION app_notify_user(recipient_org bigint, recipient bigint, kind text, link text, number text, at timestamptz)
RETURNS TABLE (email text, language text)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
DECLARE
    caller_org text := coalesce(current_setting('app.org_id', true), '');
    r_email    text;
    r_language text;
    known      boolean;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = recipient_org AND o.network_id = app_network_id()) THEN
        RAISE EXCEPTION 'organisation % is not in the caller''s network', recipient_org
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('app.org_id', recipient_org::text, true);
    SELECT u.email, u.language INTO r_email, r_language
        FROM users u WHERE u.id = recipient AND u.org_id = recipient_org AND u.active;
    known := FOUND;
    IF known THEN
        INSERT INTO notifications (org_id, user_id, kind, link, number, at)
            VALUES (recipient_org, recipient, kind, link, number, at);
    END IF;
    PERFORM set_config('app.org_id', caller_org, true);
    IF known THEN
        RETURN QUERY SELECT r_email, r_language;
    END IF;
END $$;

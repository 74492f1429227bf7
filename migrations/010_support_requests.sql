-- "Kilauta kaverille" support requests (issue 9): a worker of an
-- organisation of the network asks the network's hub; the request belongs
-- to both, and row-level security admits exactly those two.

-- app_network_hub_id(), the hub of the current organisation's network
-- (itself for a hub), comes from 009_consultations.sql.

-- Response targets per urgency, set by the hub's admins. The requesting
-- organisation reads them too: its worker is told when to expect the
-- answer, and the due time is computed when the request is filed, in the
-- requester's transaction. A target is kept as typed (4 hours, 3 days), so
-- that a working day stays one office day whatever the hours are.
CREATE TABLE support_targets (
    hub_id     bigint NOT NULL REFERENCES organisations(id),
    urgency    text NOT NULL CHECK (urgency IN ('today', 'this_week', 'no_hurry')),
    amount     integer NOT NULL CHECK (amount BETWEEN 1 AND 2000),
    unit       text NOT NULL CHECK (unit IN ('hours', 'days')),
    near_share numeric(3, 2) NOT NULL DEFAULT 0.75 CHECK (near_share >= 0.10 AND near_share <= 0.95),
    updated_by bigint,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hub_id, urgency)
);

-- Request numbers run per hub and year (2026-0042). Every organisation of
-- the network draws from its hub's counter when it files a request; the
-- counter says no more than the numbers themselves do.
CREATE TABLE support_numbers (
    hub_id bigint NOT NULL REFERENCES organisations(id),
    year   integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    last   integer NOT NULL CHECK (last BETWEEN 1 AND 999999),
    PRIMARY KEY (hub_id, year)
);

CREATE TABLE expert_groups (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hub_id     bigint NOT NULL REFERENCES organisations(id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    topics     text[] NOT NULL DEFAULT '{}' CHECK (cardinality(topics) <= 60),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (hub_id, name),
    UNIQUE (hub_id, id)
);

CREATE TABLE expert_group_members (
    hub_id   bigint NOT NULL,
    group_id bigint NOT NULL,
    user_id  bigint NOT NULL,
    PRIMARY KEY (group_id, user_id),
    FOREIGN KEY (hub_id, group_id) REFERENCES expert_groups (hub_id, id) ON DELETE CASCADE,
    FOREIGN KEY (hub_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

-- Working seconds are counted on the hub's working calendar when the event
-- happens (first response, answer), so reports aggregate stored numbers.
-- paused_seconds is the working time the hub has waited for the requester
-- so far; waiting_since is a wait going on (the clock is stopped).
CREATE TABLE support_requests (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id                 bigint NOT NULL REFERENCES organisations(id),
    hub_id                 bigint NOT NULL REFERENCES organisations(id),
    number                 text NOT NULL CHECK (number ~ '^[0-9]{4}-[0-9]{4,6}$'),
    requester_id           bigint NOT NULL,
    requester_name         text NOT NULL DEFAULT '' CHECK (length(requester_name) <= 200),
    callback_phone         text NOT NULL DEFAULT '' CHECK (length(callback_phone) <= 50),
    sector                 text NOT NULL,
    topics                 text[] NOT NULL CHECK (cardinality(topics) BETWEEN 1 AND 20),
    urgency                text NOT NULL CHECK (urgency IN ('today', 'this_week', 'no_hurry')),
    answer_channel         text NOT NULL CHECK (answer_channel IN ('written', 'phone', 'joint_meeting')),
    age_band               text NOT NULL DEFAULT 'unknown',
    residence_basis        text NOT NULL DEFAULT 'unknown',
    client_language        text NOT NULL DEFAULT 'unknown',
    time_in_finland        text NOT NULL DEFAULT 'unknown',
    consent_shared         boolean NOT NULL DEFAULT false,
    consent_what           text NOT NULL DEFAULT '' CHECK (length(consent_what) <= 500),
    consent_basis          text NOT NULL DEFAULT '' CHECK (consent_basis IN ('', 'oral', 'written')),
    status                 text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'answered', 'closed')),
    assigned_to            bigint,
    assigned_name          text NOT NULL DEFAULT '' CHECK (length(assigned_name) <= 200),
    assigned_group_id      bigint,
    due_at                 timestamptz NOT NULL,
    first_response_at      timestamptz,
    first_response_seconds integer CHECK (first_response_seconds >= 0),
    resolved_at            timestamptz,
    resolution_seconds     integer CHECK (resolution_seconds >= 0),
    answered_in_target     boolean,
    waiting_since          timestamptz,
    paused_seconds         integer NOT NULL DEFAULT 0 CHECK (paused_seconds >= 0),
    expert_minutes         integer NOT NULL DEFAULT 0 CHECK (expert_minutes BETWEEN 0 AND 100000),
    near_notified_at       timestamptz,
    overdue_notified_at    timestamptz,
    rating                 smallint CHECK (rating BETWEEN 1 AND 5),
    rating_comment         text NOT NULL DEFAULT '' CHECK (length(rating_comment) <= 1000),
    rated_at               timestamptz,
    idempotency_key        uuid NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, idempotency_key),
    UNIQUE (hub_id, number),
    UNIQUE (id, org_id, hub_id),
    FOREIGN KEY (org_id, requester_id) REFERENCES users (org_id, id),
    FOREIGN KEY (hub_id, assigned_to) REFERENCES users (org_id, id),
    FOREIGN KEY (hub_id, assigned_group_id) REFERENCES expert_groups (hub_id, id) ON DELETE SET NULL (assigned_group_id),
    CHECK (consent_shared = (consent_what <> '' AND consent_basis <> '')),
    CHECK (status <> 'new' OR assigned_to IS NULL),
    CHECK (status NOT IN ('assigned', 'answered') OR assigned_to IS NOT NULL OR assigned_group_id IS NOT NULL)
);
CREATE INDEX support_requests_queue ON support_requests (hub_id, due_at) WHERE status IN ('new', 'assigned');
CREATE INDEX support_requests_org ON support_requests (org_id, created_at DESC, id DESC);
CREATE INDEX support_requests_hub_time ON support_requests (hub_id, created_at);

-- The thread. The question is its first message. Internal notes are the
-- hub's alone, and PostgreSQL itself keeps them from the requester.
CREATE TABLE support_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          bigint NOT NULL,
    hub_id          bigint NOT NULL,
    request_id      bigint NOT NULL,
    author_id       bigint NOT NULL,
    author_name     text NOT NULL DEFAULT '' CHECK (length(author_name) <= 200),
    side            text NOT NULL CHECK (side IN ('requester', 'hub')),
    kind            text NOT NULL CHECK (kind IN ('question', 'follow_up', 'answer', 'clarification', 'internal_note', 'call', 'meeting')),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    internal        boolean NOT NULL DEFAULT false,
    shareable       boolean NOT NULL DEFAULT false,
    minutes         integer NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 480),
    idempotency_key uuid,
    consultation_id bigint REFERENCES consultations(id), -- the remote consultation a joint meeting booked
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, idempotency_key),
    FOREIGN KEY (request_id, org_id, hub_id) REFERENCES support_requests (id, org_id, hub_id),
    CHECK ((kind = 'meeting') = (consultation_id IS NOT NULL)),
    CHECK (internal = (kind = 'internal_note')),
    CHECK ((side = 'requester') = (kind IN ('question', 'follow_up'))),
    CHECK (NOT shareable OR kind IN ('answer', 'call', 'meeting'))
);
CREATE INDEX support_messages_request ON support_messages (request_id, id);

-- Who changed the status, and when. A reassignment's note is an internal
-- message, so the requester never reads it.
CREATE TABLE support_status_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL,
    hub_id      bigint NOT NULL,
    request_id  bigint NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    by          bigint NOT NULL,
    by_name     text NOT NULL DEFAULT '' CHECK (length(by_name) <= 200),
    from_status text CHECK (from_status IN ('new', 'assigned', 'answered', 'closed')),
    to_status   text NOT NULL CHECK (to_status IN ('new', 'assigned', 'answered', 'closed')),
    note        text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    FOREIGN KEY (request_id, org_id, hub_id) REFERENCES support_requests (id, org_id, hub_id)
);
CREATE INDEX support_status_events_request ON support_status_events (request_id, id);

-- Answers the hub shares with the whole network, edited to hold no client
-- details; never the question, its profile or its consent.
CREATE TABLE knowledge_items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id bigint NOT NULL REFERENCES networks(id),
    hub_id     bigint NOT NULL REFERENCES organisations(id),
    request_id bigint NOT NULL REFERENCES support_requests(id),
    message_id bigint NOT NULL UNIQUE REFERENCES support_messages(id),
    topics     text[] NOT NULL CHECK (cardinality(topics) BETWEEN 1 AND 20),
    sector     text NOT NULL,
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    answer     text NOT NULL CHECK (length(answer) BETWEEN 1 AND 5000),
    created_by bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_items_network ON knowledge_items (network_id, created_at DESC);

ALTER TABLE support_targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_targets FORCE ROW LEVEL SECURITY;
CREATE POLICY support_targets_read ON support_targets FOR SELECT USING (hub_id = app_network_hub_id());
CREATE POLICY support_targets_insert ON support_targets FOR INSERT WITH CHECK (hub_id = app_org_id() AND app_hub_network_id() IS NOT NULL);
CREATE POLICY support_targets_update ON support_targets FOR UPDATE
    USING (hub_id = app_org_id()) WITH CHECK (hub_id = app_org_id() AND app_hub_network_id() IS NOT NULL);

ALTER TABLE support_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_numbers FORCE ROW LEVEL SECURITY;
CREATE POLICY support_numbers_network ON support_numbers
    USING (hub_id = app_network_hub_id()) WITH CHECK (hub_id = app_network_hub_id());

ALTER TABLE expert_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE expert_groups FORCE ROW LEVEL SECURITY;
CREATE POLICY expert_groups_hub ON expert_groups
    USING (hub_id = app_org_id()) WITH CHECK (hub_id = app_org_id() AND app_hub_network_id() IS NOT NULL);

ALTER TABLE expert_group_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE expert_group_members FORCE ROW LEVEL SECURITY;
CREATE POLICY expert_group_members_hub ON expert_group_members
    USING (hub_id = app_org_id()) WITH CHECK (hub_id = app_org_id() AND app_hub_network_id() IS NOT NULL);

ALTER TABLE support_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY support_requests_read ON support_requests FOR SELECT
    USING (org_id = app_org_id() OR hub_id = app_org_id());
CREATE POLICY support_requests_insert ON support_requests FOR INSERT
    WITH CHECK (org_id = app_org_id() AND hub_id = app_network_hub_id());
CREATE POLICY support_requests_update ON support_requests FOR UPDATE
    USING (org_id = app_org_id() OR hub_id = app_org_id())
    WITH CHECK (org_id = app_org_id() OR hub_id = app_org_id());

ALTER TABLE support_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY support_messages_read ON support_messages FOR SELECT
    USING (hub_id = app_org_id() OR (org_id = app_org_id() AND NOT internal));
CREATE POLICY support_messages_insert ON support_messages FOR INSERT
    WITH CHECK ((hub_id = app_org_id() AND side = 'hub')
        OR (org_id = app_org_id() AND side = 'requester' AND NOT internal AND kind IN ('question', 'follow_up')));
CREATE POLICY support_messages_update ON support_messages FOR UPDATE
    USING (hub_id = app_org_id()) WITH CHECK (hub_id = app_org_id());

ALTER TABLE support_status_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_status_events FORCE ROW LEVEL SECURITY;
CREATE POLICY support_status_events_read ON support_status_events FOR SELECT
    USING (org_id = app_org_id() OR hub_id = app_org_id());
CREATE POLICY support_status_events_insert ON support_status_events FOR INSERT
    WITH CHECK (org_id = app_org_id() OR hub_id = app_org_id());

ALTER TABLE knowledge_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_items FORCE ROW LEVEL SECURITY;
CREATE POLICY knowledge_items_read ON knowledge_items FOR SELECT USING (network_id = app_network_id());
CREATE POLICY knowledge_items_insert ON knowledge_items FOR INSERT
    WITH CHECK (hub_id = app_org_id() AND network_id = app_hub_network_id());
CREATE POLICY knowledge_items_update ON knowledge_items FOR UPDATE
    USING (hub_id = app_org_id()) WITH CHECK (hub_id = app_org_id() AND network_id = app_hub_network_id());

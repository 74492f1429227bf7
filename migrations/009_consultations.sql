-- Remote consultations (issue 8): the hub's published slots, the
-- consultations booked into them or ad hoc, the hub-only link to a client,
-- and the history of every status change.
--
-- The exclusion constraints need btree_gist (an equality operator class
-- for bigint in a GiST index). It is a trusted extension: the database's
-- owner, who runs the migrations, may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The hub of the current organisation's network (the organisation itself
-- when it is the hub).
CREATE FUNCTION app_network_hub_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT h.id FROM organisations o JOIN organisations h ON h.network_id = o.network_id AND h.kind = 'hub'
    WHERE o.id = app_org_id()
$$;

-- A slot is one bookable time. A weekly publication is written as one row
-- per week, all sharing the publication's series_id (its idempotency key),
-- so every occurrence is booked or withdrawn on its own. booked is kept by
-- a trigger on consultations: a partner cannot see other partners'
-- bookings, yet must know which of the hub's slots are still free.
CREATE TABLE consultation_slots (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id            bigint NOT NULL REFERENCES organisations(id),
    adviser_id        bigint NOT NULL,
    series_id         uuid NOT NULL,
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL,
    service_languages text[] NOT NULL DEFAULT '{}',
    topics            text[] NOT NULL DEFAULT '{}',
    booked            boolean NOT NULL DEFAULT false,
    withdrawn_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, id),
    FOREIGN KEY (org_id, adviser_id) REFERENCES users (org_id, id),
    CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '8 hours'),
    CONSTRAINT consultation_slots_no_overlap EXCLUDE USING gist
        (adviser_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (withdrawn_at IS NULL)
);
CREATE INDEX consultation_slots_time ON consultation_slots (org_id, starts_at) WHERE withdrawn_at IS NULL;
CREATE INDEX consultation_slots_adviser ON consultation_slots (adviser_id, starts_at);
CREATE INDEX consultation_slots_series ON consultation_slots (org_id, series_id);

-- A consultation is the hub's record. Its partner municipality sees it
-- too, without the client: the client link lives in consultation_clients.
CREATE TABLE consultations (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id                bigint NOT NULL REFERENCES organisations(id),
    partner_org_id        bigint NOT NULL REFERENCES organisations(id),
    municipality_code     text NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
    slot_id               bigint,
    adviser_id            bigint NOT NULL,
    starts_at             timestamptz NOT NULL,
    ends_at               timestamptz NOT NULL,
    service_language      text NOT NULL,
    interpreter_language  text NOT NULL DEFAULT '',
    interpreter_kind      text NOT NULL DEFAULT 'none'
        CHECK (interpreter_kind IN ('none', 'on_site', 'phone', 'video')),
    interpreter_ref       text NOT NULL DEFAULT '' CHECK (length(interpreter_ref) <= 100),
    topics                text[] NOT NULL CHECK (cardinality(topics) >= 1),
    partner_contact_id    bigint,
    partner_contact_name  text NOT NULL DEFAULT '' CHECK (length(partner_contact_name) <= 200),
    partner_contact_email text NOT NULL DEFAULT '' CHECK (length(partner_contact_email) <= 254),
    note                  text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    meeting_link          text NOT NULL DEFAULT '' CHECK (meeting_link = '' OR meeting_link LIKE 'https://%'),
    status                text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'held', 'cancelled', 'no_show')),
    status_reason         text NOT NULL DEFAULT '' CHECK (length(status_reason) <= 500),
    status_by             bigint,
    status_by_org_id      bigint REFERENCES organisations(id),
    status_by_name        text NOT NULL DEFAULT '',
    status_at             timestamptz,
    sequence              integer NOT NULL DEFAULT 0,
    reminded_at           timestamptz, -- the working day before; cleared by a reschedule
    booked_by             bigint NOT NULL,
    booked_by_org_id      bigint NOT NULL REFERENCES organisations(id),
    idempotency_key       uuid NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, idempotency_key),
    UNIQUE (org_id, id),
    UNIQUE (id, org_id, partner_org_id),
    FOREIGN KEY (org_id, adviser_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, slot_id) REFERENCES consultation_slots (org_id, id),
    FOREIGN KEY (partner_org_id, partner_contact_id) REFERENCES users (org_id, id),
    CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '8 hours'),
    CHECK (status <> 'cancelled' OR status_reason <> ''),
    CHECK (interpreter_kind = 'none' OR interpreter_language <> ''),
    CONSTRAINT consultations_no_double_booking EXCLUDE USING gist
        (adviser_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'booked')
);
-- One booking per slot: a cancelled booking frees it again.
CREATE UNIQUE INDEX consultations_one_per_slot ON consultations (slot_id) WHERE status IN ('booked', 'held', 'no_show');
CREATE INDEX consultations_hub_time ON consultations (org_id, starts_at);
CREATE INDEX consultations_partner_time ON consultations (partner_org_id, starts_at);

-- Which client a consultation is for, whether the client receives the
-- invitation, and the contact that recorded it as held. Only the hub may
-- read it: a partner never learns which client a consultation is for.
CREATE TABLE consultation_clients (
    consultation_id bigint PRIMARY KEY,
    org_id          bigint NOT NULL,
    client_id       bigint,
    invite_client   boolean NOT NULL DEFAULT false,
    held_contact_id bigint REFERENCES contacts(id),
    FOREIGN KEY (org_id, consultation_id) REFERENCES consultations (org_id, id),
    FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
    CHECK (client_id IS NOT NULL OR NOT invite_client)
);

-- The history: booking, every reschedule (with the old and new time),
-- cancellation, no-show, hold and link change, by whom.
CREATE TABLE consultation_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          bigint NOT NULL,
    partner_org_id  bigint NOT NULL,
    consultation_id bigint NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    by_user_id      bigint,
    by_org_id       bigint NOT NULL REFERENCES organisations(id),
    by_name         text NOT NULL DEFAULT '',
    kind            text NOT NULL CHECK (kind IN ('booked', 'rescheduled', 'cancelled', 'held', 'no_show', 'link_set')),
    old_starts_at   timestamptz,
    new_starts_at   timestamptz,
    old_adviser_id  bigint, -- a move to another adviser's slot tells the first one too
    reason          text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    -- Set by the job that tells the people concerned, in its transaction,
    -- so a job run again after a crash tells nobody twice.
    notified_at     timestamptz,
    FOREIGN KEY (consultation_id, org_id, partner_org_id) REFERENCES consultations (id, org_id, partner_org_id)
);
CREATE INDEX consultation_events_consultation ON consultation_events (consultation_id, id);

-- A partner of my network, or null.
CREATE FUNCTION app_is_network_partner(org bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM organisations p WHERE p.id = org AND p.kind = 'partner'
                   AND p.network_id = app_hub_network_id())
$$;

ALTER TABLE consultation_slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_slots FORCE ROW LEVEL SECURITY;
-- The hub and its network's partners read the slots; only the hub writes.
CREATE POLICY consultation_slots_read ON consultation_slots FOR SELECT
    USING (org_id = app_org_id() OR org_id = app_network_hub_id());
CREATE POLICY consultation_slots_insert ON consultation_slots FOR INSERT
    WITH CHECK (org_id = app_org_id() AND app_hub_network_id() IS NOT NULL);
CREATE POLICY consultation_slots_update ON consultation_slots FOR UPDATE
    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- The hub books for any partner of its network; a partner books into its
-- network's hub, for its own residents only.
ALTER TABLE consultations ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultations FORCE ROW LEVEL SECURITY;
CREATE POLICY consultations_read ON consultations FOR SELECT
    USING (org_id = app_org_id() OR partner_org_id = app_org_id());
CREATE POLICY consultations_insert ON consultations FOR INSERT
    WITH CHECK ((org_id = app_org_id() AND app_is_network_partner(partner_org_id))
        OR (partner_org_id = app_org_id() AND org_id = app_network_hub_id()));
CREATE POLICY consultations_update ON consultations FOR UPDATE
    USING (org_id = app_org_id() OR partner_org_id = app_org_id())
    WITH CHECK ((org_id = app_org_id() AND app_is_network_partner(partner_org_id))
        OR (partner_org_id = app_org_id() AND org_id = app_network_hub_id()));

-- A partner may cancel its residents' consultations or move them to
-- another published slot; everything else about a consultation is the
-- hub's to change. cases decides the same; this is the defence in depth.
CREATE FUNCTION consultations_partner_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.org_id = app_org_id() THEN
        RETURN NEW;
    END IF;
    IF (NEW.org_id, NEW.partner_org_id, NEW.municipality_code, NEW.service_language, NEW.interpreter_language,
        NEW.interpreter_kind, NEW.interpreter_ref, NEW.topics, NEW.partner_contact_id, NEW.partner_contact_name,
        NEW.partner_contact_email, NEW.note, NEW.meeting_link, NEW.booked_by, NEW.booked_by_org_id,
        NEW.idempotency_key)
       IS DISTINCT FROM
       (OLD.org_id, OLD.partner_org_id, OLD.municipality_code, OLD.service_language, OLD.interpreter_language,
        OLD.interpreter_kind, OLD.interpreter_ref, OLD.topics, OLD.partner_contact_id, OLD.partner_contact_name,
        OLD.partner_contact_email, OLD.note, OLD.meeting_link, OLD.booked_by, OLD.booked_by_org_id,
        OLD.idempotency_key)
       OR NEW.status NOT IN ('booked', 'cancelled') OR OLD.status <> 'booked'
       OR (NEW.slot_id IS NULL AND (NEW.starts_at, NEW.ends_at) IS DISTINCT FROM (OLD.starts_at, OLD.ends_at)) THEN
        RAISE EXCEPTION 'a partner may only cancel a booked consultation or move it to a slot'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER consultations_partner_update BEFORE UPDATE ON consultations
    FOR EACH ROW EXECUTE FUNCTION consultations_partner_update();

-- Booking a slot marks it booked, cancelling or moving the booking frees
-- it. The slot row's lock serialises this with a withdrawal: whichever
-- comes second waits, then finds the slot withdrawn (the booking fails) or
-- booked (the withdrawal changes nothing). The slot is the hub's, so the
-- update runs in the hub's scope; the consultation row has already passed
-- its own policies.
CREATE FUNCTION consultations_hold_slot() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    caller text := coalesce(current_setting('app.org_id', true), '');
    holds  boolean := NEW.slot_id IS NOT NULL AND NEW.status IN ('booked', 'held', 'no_show');
    held   boolean := TG_OP = 'UPDATE' AND OLD.slot_id IS NOT NULL AND OLD.status IN ('booked', 'held', 'no_show');
BEGIN
    IF held AND holds AND OLD.slot_id = NEW.slot_id THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('app.org_id', NEW.org_id::text, true);
    IF held THEN
        UPDATE consultation_slots SET booked = false WHERE id = OLD.slot_id;
    END IF;
    IF holds THEN
        UPDATE consultation_slots SET booked = true
        WHERE id = NEW.slot_id AND withdrawn_at IS NULL AND NOT booked;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'slot % is withdrawn or booked', NEW.slot_id
                USING ERRCODE = 'unique_violation', CONSTRAINT = 'consultations_one_per_slot';
        END IF;
    END IF;
    PERFORM set_config('app.org_id', caller, true);
    RETURN NULL;
END $$;
CREATE TRIGGER consultations_hold_slot AFTER INSERT OR UPDATE OF slot_id, status ON consultations
    FOR EACH ROW EXECUTE FUNCTION consultations_hold_slot();

ALTER TABLE consultation_clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_clients FORCE ROW LEVEL SECURITY;
CREATE POLICY consultation_clients_hub ON consultation_clients
    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE consultation_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_events FORCE ROW LEVEL SECURITY;
CREATE POLICY consultation_events_read ON consultation_events FOR SELECT
    USING (org_id = app_org_id() OR partner_org_id = app_org_id());
CREATE POLICY consultation_events_insert ON consultation_events FOR INSERT
    WITH CHECK ((org_id = app_org_id() OR partner_org_id = app_org_id()) AND by_org_id = app_org_id());
CREATE POLICY consultation_events_notified ON consultation_events FOR UPDATE
    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

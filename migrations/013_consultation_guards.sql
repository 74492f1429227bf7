-- What a partner may change in a consultation (review M4). The trigger
-- of 009 let a partner-side update with a slot_id set move the booking to
-- any time or any adviser, and did not protect adviser_id, sequence,
-- reminded_at or the status_by columns. This one compares the whole row,
-- so every column, also one added later, is the hub's unless it is named
-- below for one of the two changes a partner makes:
--   - cancel a booked consultation with a reason, in their own name:
--     status, status_reason, status_by, status_by_org_id, status_by_name,
--     status_at and the calendar's sequence (one up);
--   - move a booked consultation to another free published slot of the
--     same hub, taking that slot's adviser and time: slot_id, adviser_id,
--     starts_at, ends_at, sequence (one up) and reminded_at (cleared).
-- updated_at may be set to the transaction's time. A partner changes no
-- note, link or contact field after booking (cases offers no such change).
-- cases decides the same; this is the defence in depth.
CREATE OR REPLACE FUNCTION consultations_partner_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed text[];
    ok      boolean;
BEGIN
    IF OLD.org_id = app_org_id() THEN
        RETURN NEW;
    END IF;
    SELECT coalesce(array_agg(n.key ORDER BY n.key), '{}') INTO changed
    FROM jsonb_each(to_jsonb(NEW)) n FULL JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
    WHERE n.value IS DISTINCT FROM o.value AND key <> 'updated_at';
    ok := NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at OR NEW.updated_at = now();
    IF cardinality(changed) = 0 THEN
        ok := ok;
    ELSIF OLD.status <> 'booked' THEN
        ok := false;
    ELSIF NEW.status = 'cancelled' THEN
        ok := ok AND changed <@ ARRAY['sequence', 'status', 'status_at', 'status_by', 'status_by_name', 'status_by_org_id',
                                      'status_reason']
            AND NEW.status_reason <> '' AND NEW.status_at IS NOT NULL
            AND NEW.status_by IS NOT DISTINCT FROM app_user_id() AND NEW.status_by_org_id IS NOT DISTINCT FROM app_org_id()
            AND NEW.sequence = OLD.sequence + 1;
    ELSIF NEW.status = 'booked' THEN
        ok := ok AND changed <@ ARRAY['adviser_id', 'ends_at', 'reminded_at', 'sequence', 'slot_id', 'starts_at']
            AND NEW.slot_id IS NOT NULL AND NEW.slot_id IS DISTINCT FROM OLD.slot_id
            AND NEW.sequence = OLD.sequence + 1 AND NEW.reminded_at IS NULL
            AND EXISTS (SELECT 1 FROM consultation_slots s
                        WHERE s.id = NEW.slot_id AND s.org_id = OLD.org_id AND s.withdrawn_at IS NULL AND NOT s.booked
                          AND s.adviser_id = NEW.adviser_id AND s.starts_at = NEW.starts_at AND s.ends_at = NEW.ends_at
                          AND (cardinality(s.service_languages) = 0 OR NEW.service_language = ANY (s.service_languages)));
    ELSE
        ok := false;
    END IF;
    IF NOT ok THEN
        RAISE EXCEPTION 'a partner may only cancel a booked consultation or move it to a free slot of its hub'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

-- The hub adviser's display name for the partner's named contact of a
-- consultation (review low 4: partners see the adviser's name on their
-- own bookings, and only there). The partner cannot read the hub's users,
-- so the name is read in the hub's scope, as consultations_hold_slot does
-- for the slot, and the caller's scope is put back before returning.
-- Anyone else of the partner gets ''.
CREATE FUNCTION app_consultation_adviser_name(consultation bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    caller  text := coalesce(current_setting('app.org_id', true), '');
    hub     bigint;
    adviser bigint;
    name    text;
BEGIN
    SELECT c.org_id, c.adviser_id INTO hub, adviser FROM consultations c
    WHERE c.id = consultation AND c.partner_org_id = app_org_id() AND c.partner_contact_id = app_user_id();
    IF NOT FOUND THEN
        RETURN '';
    END IF;
    PERFORM set_config('app.org_id', hub::text, true);
    SELECT coalesce(nullif(u.display_name, ''), u.subject) INTO name FROM users u WHERE u.id = adviser AND u.org_id = hub;
    PERFORM set_config('app.org_id', caller, true);
    RETURN coalesce(name, '');
END $$;

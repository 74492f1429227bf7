-- A contact is recorded only at an active advice point, whatever writes it
-- (the form, the API, an import): a closed desk must not gain visits. A
-- contact that already has a point keeps it when the point closes, as
-- retired codes stay valid on old records, so an update only checks a point
-- that changes. The replay of an idempotent create is not refused either:
-- it inserts nothing and answers with the contact the first try made.
-- The error names a constraint, so the service maps it to the field.
CREATE FUNCTION app_contact_advice_point_active() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.advice_point_id = OLD.advice_point_id THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM advice_points p WHERE p.id = NEW.advice_point_id AND NOT p.active) THEN
        IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM contacts c
                WHERE c.org_id = NEW.org_id AND c.idempotency_key = NEW.idempotency_key) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'advice point % is not active', NEW.advice_point_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'contacts_advice_point_active';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER contacts_advice_point_active BEFORE INSERT OR UPDATE OF advice_point_id ON contacts
    FOR EACH ROW EXECUTE FUNCTION app_contact_advice_point_active();

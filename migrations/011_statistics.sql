-- Statistics (issue 10): month-grain rollups that hold counts only, the
-- protected patterns computed from them, and released reports.
--
-- Rollups are rebuilt per organisation and month by a background job
-- (cases/stats) from the records; a statement trigger on each source table
-- marks the months a write touched. A rollup row belongs to the
-- organisation whose records it counts (org_id) and names the partner
-- municipality whose residents they were (resident_org, 0 for none), so
-- the hub reads its network's rollups and a partner its own and its
-- residents', and nobody else reads anything.

-- The organisation's network hub reads its members' figures.
CREATE FUNCTION app_reads_stats_of(org bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT org = app_org_id() OR EXISTS (SELECT 1 FROM organisations o
        WHERE o.id = org AND o.network_id = app_hub_network_id())
$$;

CREATE TABLE stats_dirty (
    org_id  bigint NOT NULL REFERENCES organisations(id),
    source  text NOT NULL CHECK (source IN ('contacts', 'consultations')),
    year    integer NOT NULL,
    month   integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    PRIMARY KEY (org_id, source, year, month)
);

-- Contacts: one row per organisation, month, filter values (advice point,
-- channel, kind) and category of one dimension (dim, code). dim 'total'
-- has code ''. persons and minutes are sums over the row's contacts.
CREATE TABLE stats_contact_rollup (
    org_id        bigint NOT NULL REFERENCES organisations(id),
    resident_org  bigint NOT NULL,
    year          integer NOT NULL,
    month         integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    advice_point  text NOT NULL,
    channel       text NOT NULL,
    kind          text NOT NULL,
    dim           text NOT NULL,
    code          text NOT NULL,
    n             integer NOT NULL CHECK (n > 0),
    persons       integer NOT NULL,
    minutes       integer NOT NULL,
    PRIMARY KEY (org_id, year, month, dim, code, advice_point, channel, kind, resident_org)
);
CREATE INDEX stats_contact_rollup_residents ON stats_contact_rollup (resident_org, year) WHERE resident_org <> 0;

-- Clients: distinct clients per period ('M01'..'M12', 'Q1'..'Q4', 'Y'),
-- and new clients (first contact ever in the organisation) per month.
CREATE TABLE stats_client_rollup (
    org_id       bigint NOT NULL REFERENCES organisations(id),
    resident_org bigint NOT NULL,
    year         integer NOT NULL,
    period       text NOT NULL CHECK (period ~ '^(M(0[1-9]|1[0-2])|Q[1-4]|Y)$'),
    measure      text NOT NULL CHECK (measure IN ('unique', 'new')),
    n            integer NOT NULL CHECK (n > 0),
    PRIMARY KEY (org_id, year, period, measure, resident_org)
);

-- Remote consultations, counted in the hub's organisation per month of
-- their start, status and partner municipality.
CREATE TABLE stats_consultation_rollup (
    org_id       bigint NOT NULL REFERENCES organisations(id),
    resident_org bigint NOT NULL,
    year         integer NOT NULL,
    month        integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    status       text NOT NULL,
    n            integer NOT NULL CHECK (n > 0),
    PRIMARY KEY (org_id, year, month, status, resident_org)
);

-- A protected pattern: for one scope and year, one family of linked
-- tables, its cells (key -> count, or null for suppressed) and whether
-- its audit passed. Written by the job in the scope owner's organisation.
CREATE TABLE stats_patterns (
    scope_kind  text NOT NULL CHECK (scope_kind IN ('org', 'network', 'residents')),
    scope_org   bigint NOT NULL REFERENCES organisations(id),
    year        integer NOT NULL,
    family      text NOT NULL,
    k           integer NOT NULL CHECK (k >= 3),
    safe        boolean NOT NULL,
    cells       jsonb NOT NULL,
    audit       jsonb NOT NULL DEFAULT '{}',
    computed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope_kind, scope_org, year, family)
);

-- A released report: the exact tables as published, reproducible.
CREATE TABLE stats_releases (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope_kind   text NOT NULL CHECK (scope_kind IN ('org', 'network', 'residents')),
    scope_org    bigint NOT NULL REFERENCES organisations(id),
    released_by_org bigint NOT NULL REFERENCES organisations(id),
    from_month   date NOT NULL,
    to_month     date NOT NULL CHECK (to_month >= from_month),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    filter_dim   text NOT NULL DEFAULT '',
    filter_code  text NOT NULL DEFAULT '',
    lang         text NOT NULL,
    k            integer NOT NULL,
    report       jsonb NOT NULL,
    cells        jsonb NOT NULL, -- family -> key -> count or null: the fixes of later patterns
    released_by  bigint NOT NULL,
    released_at  timestamptz NOT NULL DEFAULT now(),
    corrected_at timestamptz
);

-- Marks the months a write touched, old and new rows alike.
CREATE FUNCTION stats_mark_contacts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO stats_dirty (org_id, source, year, month)
        SELECT DISTINCT org_id, 'contacts', extract(year FROM started_at AT TIME ZONE 'Europe/Helsinki')::int,
               extract(month FROM started_at AT TIME ZONE 'Europe/Helsinki')::int
        FROM new_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO stats_dirty (org_id, source, year, month)
        SELECT DISTINCT org_id, 'contacts', extract(year FROM started_at AT TIME ZONE 'Europe/Helsinki')::int,
               extract(month FROM started_at AT TIME ZONE 'Europe/Helsinki')::int
        FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_contacts_insert AFTER INSERT ON contacts
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_contacts();
CREATE TRIGGER stats_contacts_update AFTER UPDATE ON contacts
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_contacts();
CREATE TRIGGER stats_contacts_delete AFTER DELETE ON contacts
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_contacts();

-- A consultation is counted by the hub (org_id); a partner's booking or
-- cancellation marks the hub's month, which the partner may do.
CREATE FUNCTION stats_mark_consultations() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (org_id, source, year, month)
    SELECT DISTINCT org_id, 'consultations', extract(year FROM starts_at AT TIME ZONE 'Europe/Helsinki')::int,
           extract(month FROM starts_at AT TIME ZONE 'Europe/Helsinki')::int
    FROM new_rows ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_consultations_insert AFTER INSERT ON consultations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_consultations();
CREATE TRIGGER stats_consultations_update AFTER UPDATE ON consultations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_mark_consultations();

ALTER TABLE stats_dirty ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_dirty FORCE ROW LEVEL SECURITY;
CREATE POLICY stats_dirty_org ON stats_dirty USING (org_id = app_org_id());
-- A partner's write to a consultation marks the hub's month.
CREATE POLICY stats_dirty_mark ON stats_dirty FOR INSERT WITH CHECK (true);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stats_contact_rollup', 'stats_client_rollup', 'stats_consultation_rollup'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (app_reads_stats_of(org_id) OR resident_org = app_org_id())', t || '_read', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (org_id = app_org_id())', t || '_insert', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR DELETE USING (org_id = app_org_id())', t || '_delete', t);
    END LOOP;
END $$;

ALTER TABLE stats_patterns ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_patterns FORCE ROW LEVEL SECURITY;
CREATE POLICY stats_patterns_read ON stats_patterns FOR SELECT USING (app_reads_stats_of(scope_org));
CREATE POLICY stats_patterns_write ON stats_patterns USING (scope_org = app_org_id()) WITH CHECK (scope_org = app_org_id());

ALTER TABLE stats_releases ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_releases FORCE ROW LEVEL SECURITY;
CREATE POLICY stats_releases_read ON stats_releases FOR SELECT USING (app_reads_stats_of(scope_org));
CREATE POLICY stats_releases_insert ON stats_releases FOR INSERT
    WITH CHECK (released_by_org = app_org_id() AND app_reads_stats_of(scope_org));
-- The pattern job flags a correction in the scope owner's organisation.
CREATE POLICY stats_releases_flag ON stats_releases FOR UPDATE USING (scope_org = app_org_id());

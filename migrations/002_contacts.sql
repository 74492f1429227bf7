-- Contacts, pseudonymous clients, follow-ups, taxonomies and imports.

-- The current organisation's network.
CREATE FUNCTION app_network_id() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT network_id FROM organisations WHERE id = app_org_id() $$;

-- How long advisers may edit their own contacts.
ALTER TABLE organisations ADD COLUMN contact_edit_days integer NOT NULL DEFAULT 14
    CHECK (contact_edit_days BETWEEN 0 AND 365);

ALTER TABLE advice_points ADD CONSTRAINT advice_points_org_id UNIQUE (org_id, id);

-- Taxonomies belong to a network, so the hub and its partners count the
-- same things; the hub's admins maintain them. Retired items stay valid on
-- old records and disappear from new-entry forms.
CREATE TABLE taxonomy_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id  bigint NOT NULL REFERENCES networks(id),
    kind        text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9_]{1,40}$'),
    parent_code text NOT NULL DEFAULT '',
    group_code  text NOT NULL DEFAULT '',
    label_fi    text NOT NULL CHECK (length(label_fi) BETWEEN 1 AND 200),
    label_sv    text NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 200),
    label_en    text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 200),
    sort_order  integer NOT NULL,
    retired_at  timestamptz,
    UNIQUE (network_id, kind, code)
);
ALTER TABLE taxonomy_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE taxonomy_items FORCE ROW LEVEL SECURITY;
CREATE POLICY taxonomy_read ON taxonomy_items FOR SELECT USING (network_id = app_network_id());
CREATE POLICY taxonomy_insert ON taxonomy_items FOR INSERT WITH CHECK (network_id = app_hub_network_id());
CREATE POLICY taxonomy_update ON taxonomy_items FOR UPDATE
    USING (network_id = app_hub_network_id()) WITH CHECK (network_id = app_hub_network_id());

CREATE TABLE clients (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          bigint NOT NULL REFERENCES organisations(id),
    code            text NOT NULL UNIQUE,
    name            text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    birth_year      integer CHECK (birth_year BETWEEN 1900 AND 2100),
    phone           text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
    email           text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    age_band        text NOT NULL DEFAULT '',
    gender          text NOT NULL DEFAULT '',
    citizenship     text NOT NULL DEFAULT '',
    municipality    text NOT NULL DEFAULT '',
    residence_basis text NOT NULL DEFAULT '',
    time_in_finland text NOT NULL DEFAULT '',
    labour_market   text NOT NULL DEFAULT '',
    client_language text NOT NULL DEFAULT '',
    household_size  integer CHECK (household_size BETWEEN 1 AND 30),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by      bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, id)
);

CREATE TABLE contacts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id            bigint NOT NULL REFERENCES organisations(id),
    advice_point_id   bigint NOT NULL,
    adviser_id        bigint NOT NULL,
    client_id         bigint,
    started_at        timestamptz NOT NULL,
    duration_min      integer NOT NULL CHECK (duration_min BETWEEN 1 AND 480),
    channel           text NOT NULL,
    kind              text NOT NULL,
    participants      integer CHECK (participants BETWEEN 1 AND 1000),
    household_size    integer CHECK (household_size BETWEEN 1 AND 30),
    service_languages text[] NOT NULL DEFAULT '{}',
    client_language   text NOT NULL DEFAULT 'unknown',
    interpreter       text NOT NULL DEFAULT 'none',
    age_band          text NOT NULL DEFAULT 'unknown',
    gender            text NOT NULL DEFAULT 'unknown',
    citizenship       text NOT NULL DEFAULT 'unknown',
    country_group     text NOT NULL DEFAULT 'unknown',
    municipality      text NOT NULL DEFAULT 'unknown',
    residence_basis   text NOT NULL DEFAULT 'unknown',
    time_in_finland   text NOT NULL DEFAULT 'unknown',
    labour_market     text NOT NULL DEFAULT 'unknown',
    topics            text[] NOT NULL CHECK (cardinality(topics) >= 1),
    actions           text[] NOT NULL DEFAULT '{}',
    referrals         text[] NOT NULL DEFAULT '{}',
    outcome           text NOT NULL DEFAULT 'resolved',
    follow_up_on      date,
    note              text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
    idempotency_key   uuid NOT NULL,
    import_id         bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    deleted_by        bigint,
    delete_reason     text NOT NULL DEFAULT '',
    UNIQUE (org_id, idempotency_key),
    FOREIGN KEY (org_id, advice_point_id) REFERENCES advice_points (org_id, id),
    FOREIGN KEY (org_id, adviser_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
    CHECK (kind <> 'group_session' OR participants IS NOT NULL),
    CHECK (deleted_at IS NULL OR delete_reason <> '')
);
CREATE INDEX contacts_org_time ON contacts (org_id, started_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX contacts_adviser_time ON contacts (org_id, adviser_id, started_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX contacts_point_time ON contacts (org_id, advice_point_id, started_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX contacts_client ON contacts (org_id, client_id, started_at DESC) WHERE client_id IS NOT NULL;
CREATE INDEX contacts_started_brin ON contacts USING brin (started_at);

CREATE TABLE follow_ups (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL,
    client_id   bigint,
    contact_id  bigint NOT NULL,
    assigned_to bigint NOT NULL,
    due_on      date NOT NULL,
    done_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (contact_id),
    FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
    FOREIGN KEY (org_id, assigned_to) REFERENCES users (org_id, id)
);
CREATE INDEX follow_ups_due ON follow_ups (org_id, assigned_to, due_on) WHERE done_at IS NULL;

CREATE TABLE import_mappings (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id     bigint NOT NULL REFERENCES organisations(id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    mapping    jsonb NOT NULL,
    created_by bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE imports (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    file_sha256   bytea NOT NULL,
    file_name     text NOT NULL DEFAULT '',
    rows_imported integer NOT NULL,
    imported_by   bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, file_sha256)
);

ALTER TABLE contacts ADD FOREIGN KEY (import_id) REFERENCES imports (id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['clients', 'contacts', 'follow_ups', 'import_mappings', 'imports'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I USING (org_id = app_org_id())', t || '_org', t);
    END LOOP;
END $$;

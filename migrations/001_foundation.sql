-- Foundation: organisations, advice points, users and roles, sessions, login
-- transactions and the append-only audit log, with organisation row-level
-- security forced on every tenant table.

CREATE FUNCTION app_org_id() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.org_id', true), '')::bigint $$;

CREATE FUNCTION app_user_id() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.user_id', true), '')::bigint $$;

-- Sessions and login transactions are found by the hash of a secret the
-- browser holds, before the organisation is known.
CREATE FUNCTION app_secret_hash(name text) RETURNS bytea
LANGUAGE sql STABLE AS $$ SELECT decode(nullif(current_setting(name, true), ''), 'hex') $$;

CREATE TABLE networks (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200)
);

CREATE TABLE organisations (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id         bigint NOT NULL REFERENCES networks(id),
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    municipality_code  text CHECK (municipality_code ~ '^[0-9]{3}$'),
    kind               text NOT NULL CHECK (kind IN ('hub', 'partner')),
    oidc_issuer        text CHECK (oidc_issuer <> ''),
    oidc_client_id     text NOT NULL DEFAULT '',
    oidc_client_secret text NOT NULL DEFAULT '',
    oidc_role_claim    text NOT NULL DEFAULT '',
    oidc_role_map      jsonb NOT NULL DEFAULT '{}',
    active             boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_issuer ON organisations (oidc_issuer);
CREATE UNIQUE INDEX organisations_one_hub ON organisations (network_id) WHERE kind = 'hub';
CREATE UNIQUE INDEX organisations_name ON organisations (network_id, name);

-- The hub's network when the current organisation is a hub, else null.
CREATE FUNCTION app_hub_network_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT network_id FROM organisations WHERE id = app_org_id() AND kind = 'hub'
$$;

-- Everyone may read the organisation list (the login page needs it); the
-- organisation itself and its network's hub may change it.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
CREATE POLICY organisations_read ON organisations FOR SELECT USING (true);
-- A hub adds partners to its network. The first organisation of a network
-- is its hub: only the owner can create networks (`neuvo bootstrap`), so the
-- service cannot use this rule to start a network of its own.
CREATE POLICY organisations_insert ON organisations FOR INSERT
    WITH CHECK (
        (network_id = app_hub_network_id() AND kind = 'partner')
        OR (kind = 'hub' AND NOT EXISTS (
            SELECT 1 FROM organisations o WHERE o.network_id = organisations.network_id)));
CREATE POLICY organisations_update ON organisations FOR UPDATE
    USING (id = app_org_id() OR network_id = app_hub_network_id())
    WITH CHECK (id = app_org_id() OR network_id = app_hub_network_id());

CREATE TABLE advice_points (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id     bigint NOT NULL REFERENCES organisations(id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind       text NOT NULL CHECK (kind IN ('office', 'info_desk', 'outreach', 'online')),
    address    text NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    issuer        text NOT NULL,
    subject       text NOT NULL,
    display_name  text NOT NULL DEFAULT '',
    email         text NOT NULL DEFAULT '',
    language      text NOT NULL DEFAULT '' CHECK (language IN ('', 'fi', 'sv', 'en')),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    UNIQUE (issuer, subject),
    UNIQUE (org_id, id)
);

CREATE TABLE user_roles (
    org_id  bigint NOT NULL,
    user_id bigint NOT NULL,
    role    text NOT NULL CHECK (role IN ('adviser', 'partner_worker', 'manager', 'admin')),
    PRIMARY KEY (user_id, role),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE TABLE sessions (
    id_hash      bytea PRIMARY KEY,
    org_id       bigint NOT NULL,
    user_id      bigint NOT NULL,
    id_token     text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (org_id, expires_at);

CREATE TABLE login_transactions (
    state_hash bytea PRIMARY KEY,
    org_id     bigint NOT NULL REFERENCES organisations(id),
    issuer     text NOT NULL,
    nonce      text NOT NULL,
    verifier   text NOT NULL,
    return_to  text NOT NULL DEFAULT '/',
    expires_at timestamptz NOT NULL
);

CREATE TABLE audit_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES organisations(id),
    actor_id    bigint,
    actor_roles text[] NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL,
    record_type text NOT NULL DEFAULT '',
    record_id   text NOT NULL DEFAULT '',
    purpose     text NOT NULL DEFAULT '',
    details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_org_time ON audit_events (org_id, occurred_at);

CREATE FUNCTION refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Organisation isolation, forced so that even the owner is bound by it.
ALTER TABLE advice_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE advice_points FORCE ROW LEVEL SECURITY;
CREATE POLICY advice_points_org ON advice_points USING (org_id = app_org_id());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_org ON users USING (org_id = app_org_id());

ALTER TABLE user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY user_roles_org ON user_roles USING (org_id = app_org_id());

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_org ON sessions USING (org_id = app_org_id());
CREATE POLICY sessions_own ON sessions FOR SELECT
    USING (id_hash = app_secret_hash('app.session_hash'));

ALTER TABLE login_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY login_transactions_own ON login_transactions
    USING (state_hash = app_secret_hash('app.login_state'))
    WITH CHECK (state_hash = app_secret_hash('app.login_state'));

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_events_org ON audit_events USING (org_id = app_org_id());

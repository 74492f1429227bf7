-- Projects, their targets and cost shares, staffing and each
-- organisation's disclosure threshold (issue 10, items 4 and 5).
--
-- A project belongs to a hub's network: the hub's admins keep it, the
-- hub reads it, and a partner that is a member reads it too (its managers
-- pick the project's period on the report builder). Nothing here is
-- personal data: names, funders, periods, counts of residents, full-time
-- equivalents and thresholds.

-- Members must be organisations of the project's network; this lets a
-- foreign key say so.
CREATE UNIQUE INDEX organisations_network_member ON organisations (network_id, id);

-- A period is whole months: the first day of its first and of its last
-- month.
CREATE TABLE projects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id  bigint NOT NULL REFERENCES networks(id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    funder      text NOT NULL DEFAULT '' CHECK (length(funder) <= 200),
    period_from date NOT NULL CHECK (extract(day FROM period_from) = 1),
    period_to   date NOT NULL CHECK (extract(day FROM period_to) = 1),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (period_from <= period_to AND period_to < period_from + interval '10 years'),
    UNIQUE (network_id, name),
    UNIQUE (network_id, id)
);

CREATE TABLE project_members (
    network_id bigint NOT NULL,
    project_id bigint NOT NULL,
    org_id     bigint NOT NULL,
    PRIMARY KEY (project_id, org_id),
    FOREIGN KEY (network_id, project_id) REFERENCES projects (network_id, id) ON DELETE CASCADE,
    FOREIGN KEY (network_id, org_id) REFERENCES organisations (network_id, id)
);
CREATE INDEX project_members_org ON project_members (org_id);

-- A target for the whole project (org_id null) or for one member's
-- residents.
CREATE TABLE project_targets (
    network_id bigint NOT NULL,
    project_id bigint NOT NULL,
    measure    text NOT NULL CHECK (measure IN ('contacts', 'unique_clients', 'new_clients',
                   'consultations_held', 'support_requests')),
    org_id     bigint,
    target     integer NOT NULL CHECK (target BETWEEN 1 AND 10000000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (project_id, measure, org_id),
    FOREIGN KEY (network_id, project_id) REFERENCES projects (network_id, id) ON DELETE CASCADE,
    FOREIGN KEY (project_id, org_id) REFERENCES project_members (project_id, org_id) ON DELETE CASCADE
);

-- The partners' share of a project's budget in a year, and the budget
-- when the admin gives it.
CREATE TABLE project_costs (
    network_id     bigint NOT NULL,
    project_id     bigint NOT NULL,
    year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    partners_share numeric(5, 2) NOT NULL DEFAULT 30 CHECK (partners_share BETWEEN 0 AND 100),
    budget_eur     numeric(12, 2) CHECK (budget_eur >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, year),
    FOREIGN KEY (network_id, project_id) REFERENCES projects (network_id, id) ON DELETE CASCADE
);

-- A partner municipality's key figure for a year (for example its number
-- of foreign-language residents), set by the hub. Public statistics, so
-- the whole network reads them: every partner's share depends on all.
CREATE TABLE stats_key_figures (
    network_id bigint NOT NULL,
    org_id     bigint NOT NULL,
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    key_figure integer NOT NULL CHECK (key_figure >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, year),
    FOREIGN KEY (network_id, org_id) REFERENCES organisations (network_id, id)
);

-- Advisers' full-time equivalents of an organisation in a year, set by
-- its own admins.
CREATE TABLE stats_staffing (
    org_id     bigint NOT NULL REFERENCES organisations(id),
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    fte        numeric(6, 2) NOT NULL CHECK (fte >= 0 AND fte <= 9999),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, year)
);

-- The disclosure threshold k of an organisation's statistics (design.md
-- §5: default 5, never below 3). No row means the default.
CREATE TABLE stats_settings (
    org_id     bigint PRIMARY KEY REFERENCES organisations(id),
    k          integer NOT NULL CHECK (k >= 3 AND k <= 50),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
-- project_members' own policy does not read projects, so there is no loop.
CREATE POLICY projects_read ON projects FOR SELECT USING (
    network_id = app_hub_network_id()
    OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = projects.id AND m.org_id = app_org_id()));
CREATE POLICY projects_hub ON projects
    USING (network_id = app_hub_network_id()) WITH CHECK (network_id = app_hub_network_id());

ALTER TABLE project_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_members FORCE ROW LEVEL SECURITY;
CREATE POLICY project_members_read ON project_members FOR SELECT
    USING (network_id = app_hub_network_id() OR org_id = app_org_id());
CREATE POLICY project_members_hub ON project_members
    USING (network_id = app_hub_network_id()) WITH CHECK (network_id = app_hub_network_id());

-- A member reads the project's overall targets and its own.
ALTER TABLE project_targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_targets FORCE ROW LEVEL SECURITY;
CREATE POLICY project_targets_read ON project_targets FOR SELECT USING (
    network_id = app_hub_network_id()
    OR ((org_id IS NULL OR org_id = app_org_id())
        AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = project_targets.project_id
                    AND m.org_id = app_org_id())));
CREATE POLICY project_targets_hub ON project_targets
    USING (network_id = app_hub_network_id()) WITH CHECK (network_id = app_hub_network_id());

ALTER TABLE project_costs ENABLE ROW LEVEL SECURITY;
ALTER TABLE project_costs FORCE ROW LEVEL SECURITY;
CREATE POLICY project_costs_read ON project_costs FOR SELECT USING (
    network_id = app_hub_network_id()
    OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = project_costs.project_id
               AND m.org_id = app_org_id()));
CREATE POLICY project_costs_hub ON project_costs
    USING (network_id = app_hub_network_id()) WITH CHECK (network_id = app_hub_network_id());

ALTER TABLE stats_key_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_key_figures FORCE ROW LEVEL SECURITY;
CREATE POLICY stats_key_figures_read ON stats_key_figures FOR SELECT USING (network_id = app_network_id());
CREATE POLICY stats_key_figures_hub ON stats_key_figures
    USING (network_id = app_hub_network_id()) WITH CHECK (network_id = app_hub_network_id());

-- Staffing and k: the organisation's own, read also by its network (a
-- network report divides by every member's staffing and uses every
-- member's k).
ALTER TABLE stats_staffing ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_staffing FORCE ROW LEVEL SECURITY;
CREATE POLICY stats_staffing_read ON stats_staffing FOR SELECT USING (
    org_id = app_org_id()
    OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = stats_staffing.org_id AND o.network_id = app_network_id()));
CREATE POLICY stats_staffing_own ON stats_staffing
    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE stats_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE stats_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY stats_settings_read ON stats_settings FOR SELECT USING (
    org_id = app_org_id()
    OR EXISTS (SELECT 1 FROM organisations o WHERE o.id = stats_settings.org_id AND o.network_id = app_network_id()));
CREATE POLICY stats_settings_own ON stats_settings
    USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

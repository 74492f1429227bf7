-- The service role's privileges, applied by `neuvo migrate` after every run.
-- {{service}} is replaced by the quoted service role. Keep it in step with the
-- migrations: a table missing here is a table the service cannot use.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {{service}};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {{service}};
GRANT USAGE ON SCHEMA public TO {{service}};

GRANT SELECT ON schema_migrations, networks TO {{service}};
GRANT SELECT, INSERT, UPDATE ON organisations TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON advice_points, users, user_roles, sessions, login_transactions TO {{service}};
GRANT SELECT, INSERT ON audit_events TO {{service}};
GRANT SELECT, INSERT, UPDATE ON taxonomy_items, clients, contacts TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON follow_ups TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON import_mappings TO {{service}};
GRANT SELECT, INSERT ON imports TO {{service}};
-- An import records its row count when its last batch is written.
GRANT UPDATE (rows_imported) ON imports TO {{service}};
-- Notifications (008): the outbox is sent by background jobs; in-app
-- notifications are marked read by their user.
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_messages TO {{service}};
GRANT SELECT, INSERT, DELETE ON outbox_attachments TO {{service}};
GRANT SELECT, INSERT, UPDATE ON notifications TO {{service}};
-- River's job queue (migrations/river.go). Its tables have no organisation
-- and no row-level security, so job arguments hold ids only.
GRANT SELECT ON river_migration TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON river_job, river_leader, river_queue, river_notification TO {{service}};
GRANT USAGE ON SEQUENCE river_job_id_seq, river_notification_id_seq TO {{service}};
-- Remote consultations: nothing is ever deleted; the history only grows.
GRANT SELECT, INSERT, UPDATE ON consultation_slots, consultations, consultation_clients TO {{service}};
GRANT SELECT, INSERT ON consultation_events TO {{service}};
-- The notice job marks an event told.
GRANT UPDATE (notified_at) ON consultation_events TO {{service}};
-- Support requests (issue 9). Status events are history: never changed.
-- Request numbers are drawn by a trigger that runs as the owner
-- (014_support_guards.sql): the service has no privilege on the counters.
GRANT SELECT, INSERT, UPDATE ON support_requests, support_messages, knowledge_items TO {{service}};
GRANT SELECT, INSERT ON support_status_events TO {{service}};
GRANT SELECT, INSERT, UPDATE ON support_targets TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON expert_groups, expert_group_members TO {{service}};
-- Statistics (issue 10): rollups and patterns are rebuilt by the pattern
-- job; releases are history, only a correction flag is ever set.
GRANT SELECT, INSERT, DELETE ON stats_dirty, stats_contact_rollup, stats_client_rollup, stats_consultation_rollup TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON stats_patterns TO {{service}};
GRANT SELECT, INSERT ON stats_releases TO {{service}};
GRANT UPDATE (corrected_at) ON stats_releases TO {{service}};
-- Projects, targets, cost shares, staffing and thresholds (012). A project's
-- members, targets and cost rows are replaced as the admin saves them.
GRANT SELECT, INSERT, UPDATE ON projects TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON project_members, project_targets, project_costs TO {{service}};
GRANT SELECT, INSERT, UPDATE, DELETE ON stats_key_figures, stats_staffing TO {{service}};
GRANT SELECT, INSERT, UPDATE ON stats_settings TO {{service}};

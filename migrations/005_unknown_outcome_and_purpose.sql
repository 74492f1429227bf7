-- A contact saved without an outcome records it as unknown, never as
-- "resolved": statistics must not count what nobody said.
ALTER TABLE contacts ALTER COLUMN outcome SET DEFAULT 'unknown';

-- The purpose an adviser gave when first opening a client file in this
-- session; later openings in the same session reuse it (issue 7, item 5).
ALTER TABLE sessions
    ADD COLUMN client_purpose text NOT NULL DEFAULT '' CHECK (length(client_purpose) <= 40),
    ADD COLUMN client_purpose_text text NOT NULL DEFAULT '' CHECK (length(client_purpose_text) <= 200);

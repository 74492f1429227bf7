-- A client created twice by a double click or an API retry is one client:
-- the form and the API send an idempotency key, as for contacts.
ALTER TABLE clients ADD COLUMN idempotency_key uuid;
ALTER TABLE clients ADD CONSTRAINT clients_idempotency UNIQUE (org_id, idempotency_key);

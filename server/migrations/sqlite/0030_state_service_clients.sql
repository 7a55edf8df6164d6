-- A third kind of API client: a state service, which notifies citizens at
-- their bound number. SQLite cannot change a CHECK constraint in place, so
-- the table is rebuilt with the same columns, rows copied as they are.
-- The migration runs in a transaction, where foreign keys cannot be
-- turned off; deferred, they are checked at the commit, when the new
-- table holds every row the old one did under the same name.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE api_clients_new (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('mobile_app', 'bank', 'state_service')),
    secret_hash            TEXT NOT NULL,
    scopes                 TEXT NOT NULL,
    calls_per_minute       BIGINT NOT NULL CHECK (calls_per_minute > 0),
    created_at             BIGINT NOT NULL,
    revoked_at             BIGINT
);
INSERT INTO api_clients_new (id, name, kind, secret_hash, scopes, calls_per_minute, created_at, revoked_at)
    SELECT id, name, kind, secret_hash, scopes, calls_per_minute, created_at, revoked_at FROM api_clients;
DROP TABLE api_clients;
ALTER TABLE api_clients_new RENAME TO api_clients;

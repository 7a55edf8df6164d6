-- The JSON API's clients (the e-government mobile app, banks' apps: SPEC
-- §3.2, §3.3), their short-lived tokens, and their per-minute call counts.
-- Secrets and tokens are stored as hashes only.

CREATE TABLE api_clients (
    id                     TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('mobile_app', 'bank')),
    secret_hash            TEXT NOT NULL,
    -- Space-separated scopes, as OAuth writes them.
    scopes                 TEXT NOT NULL,
    calls_per_minute       BIGINT NOT NULL CHECK (calls_per_minute > 0),
    created_at             BIGINT NOT NULL,
    revoked_at             BIGINT
);

CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES api_clients (id),
    scopes      TEXT NOT NULL,
    issued_at   BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX api_tokens_by_expiry ON api_tokens (expires_at);

-- One row per client and minute: the count is raised by one conditional
-- upsert, so competing calls cannot pass the limit together.
CREATE TABLE api_call_counts (
    client_id     TEXT NOT NULL REFERENCES api_clients (id),
    minute_start  BIGINT NOT NULL,
    calls         BIGINT NOT NULL,
    PRIMARY KEY (client_id, minute_start)
);

-- Citizens signed in to an API client's app with EDS (SPEC §3.2, seed
-- §6.1): a one-time challenge the citizen's key signs, then a session of
-- that citizen with that client. Session tokens are stored as hashes only.

CREATE TABLE api_challenges (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES api_clients (id),
    challenge   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX api_challenges_by_expiry ON api_challenges (expires_at);

CREATE TABLE api_citizen_sessions (
    token_hash  TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES api_clients (id),
    iin         TEXT NOT NULL REFERENCES accounts (iin),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX api_citizen_sessions_by_expiry ON api_citizen_sessions (expires_at);

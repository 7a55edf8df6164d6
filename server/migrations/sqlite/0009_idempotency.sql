-- Idempotency keys of the JSON API's POSTs (one row per client and key):
-- reserved before the call runs, so that competing retries cannot both
-- run it; then holding the answer to replay. Kept a day.
CREATE TABLE api_idempotency (
    client_id     TEXT NOT NULL,
    key           TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    status        BIGINT,
    content_type  TEXT,
    body          TEXT,
    PRIMARY KEY (client_id, key)
);
CREATE INDEX api_idempotency_by_age ON api_idempotency (created_at);

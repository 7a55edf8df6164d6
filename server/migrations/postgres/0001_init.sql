-- Nomir schema, PostgreSQL flavour. Times are Unix seconds (UTC).
-- Keep in step with ../sqlite/0001_init.sql.

CREATE TABLE accounts (
    iin            TEXT PRIMARY KEY,
    name_cyrillic  TEXT NOT NULL,
    name_latin     TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);

CREATE TABLE sign_in_failures (
    iin                TEXT PRIMARY KEY,
    failures           BIGINT NOT NULL,
    window_started_at  BIGINT,
    locked_until       BIGINT
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    iin         TEXT NOT NULL REFERENCES accounts (iin),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Embedded default of the mobile operators' subscriber registries.
CREATE TABLE operator_subscribers (
    msisdn          TEXT PRIMARY KEY,
    operator        TEXT NOT NULL,
    subscriber_iin  TEXT NOT NULL
);

-- Embedded default of the identity register behind the e-government gateway.
CREATE TABLE identity_records (
    iin            TEXT PRIMARY KEY,
    name_cyrillic  TEXT NOT NULL,
    name_latin     TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('valid', 'document_expired', 'deceased')),
    status_since   TEXT
);

-- Consent to access restricted personal data (Law on Personal Data, art. 8).
CREATE TABLE consents (
    id          TEXT PRIMARY KEY,
    iin         TEXT NOT NULL REFERENCES accounts (iin),
    purpose     TEXT NOT NULL,
    granted_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE binding_requests (
    id              TEXT PRIMARY KEY,
    iin             TEXT NOT NULL REFERENCES accounts (iin),
    msisdn          TEXT NOT NULL,
    channel         TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    state           TEXT NOT NULL,
    refusal_ground  TEXT,
    started_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX binding_requests_by_account ON binding_requests (iin, started_at);

-- One-time passwords: only an HMAC of the code is kept.
CREATE TABLE otp_challenges (
    id           TEXT PRIMARY KEY,
    request_id   TEXT NOT NULL REFERENCES binding_requests (id),
    msisdn       TEXT NOT NULL,
    code_hmac    TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    wrong_tries  BIGINT NOT NULL DEFAULT 0,
    used_at      BIGINT,
    voided_at    BIGINT
);
CREATE INDEX otp_challenges_by_number ON otp_challenges (msisdn, created_at);

CREATE TABLE bindings (
    id          TEXT PRIMARY KEY,
    iin         TEXT NOT NULL REFERENCES accounts (iin),
    msisdn      TEXT NOT NULL,
    operator    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    bound_at    BIGINT NOT NULL,
    ended_at    BIGINT
);
-- SPEC §7: never an account with two active numbers, never a number on two accounts.
CREATE UNIQUE INDEX bindings_one_active_number_per_account ON bindings (iin) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX bindings_one_account_per_number ON bindings (msisdn) WHERE ended_at IS NULL;

CREATE TABLE sms_outbox (
    id          TEXT PRIMARY KEY,
    msisdn      TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       BIGINT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL
);
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

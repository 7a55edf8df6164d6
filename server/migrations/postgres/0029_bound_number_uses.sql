-- The bound number at work.
-- accounts.second_factor: 1 when a password sign-in also needs a code
--   sent to the bound number (services/second_factor.rs).
-- sign_in_codes: those codes, as HMACs; one sign-in attempt (the
--   browser's cookie, stored as its SHA-256) may hold several, the newest
--   live, for 15 minutes from its start; the number they went to, so a code is refused once the binding
--   to that number has ended.
-- sms_outbox.iin/kind/topic/sender: whose message it is, what kind, a
--   notification's purpose and the state service that sent it, so the
--   cabinet lists every message to the citizen (services/notifications.rs).
-- notification_opt_outs: the optional purposes a citizen turned off.
ALTER TABLE accounts ADD COLUMN second_factor BIGINT NOT NULL DEFAULT 0;
CREATE TABLE sign_in_codes (
    id            TEXT PRIMARY KEY,
    attempt_hash  TEXT NOT NULL,
    attempt_started_at BIGINT NOT NULL,
    iin           TEXT NOT NULL REFERENCES accounts (iin),
    msisdn        TEXT NOT NULL,
    code_hmac     TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    wrong_tries   BIGINT NOT NULL DEFAULT 0,
    used_at       BIGINT,
    voided_at     BIGINT
);
CREATE INDEX sign_in_codes_attempt ON sign_in_codes (attempt_hash, created_at);
CREATE INDEX sign_in_codes_number ON sign_in_codes (msisdn, created_at);
ALTER TABLE sms_outbox ADD COLUMN iin TEXT;
ALTER TABLE sms_outbox ADD COLUMN kind TEXT;
ALTER TABLE sms_outbox ADD COLUMN topic TEXT;
ALTER TABLE sms_outbox ADD COLUMN sender TEXT;
CREATE INDEX sms_outbox_iin ON sms_outbox (iin, created_at);
CREATE TABLE notification_opt_outs (
    iin      TEXT NOT NULL REFERENCES accounts (iin),
    purpose  TEXT NOT NULL,
    at       BIGINT NOT NULL,
    PRIMARY KEY (iin, purpose)
);

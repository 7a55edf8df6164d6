-- Chapter 3 of the Rules: complaints, and the back office that handles them.

-- Officials of the service provider, reviewers of the authorized body for
-- the quality of public services, administrators. Passwords as Argon2id.
CREATE TABLE staff (
    login          TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('provider_official', 'reviewer', 'administrator')),
    password_hash  TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);

-- The browser holds a random token; only its SHA-256 is kept.
CREATE TABLE staff_sessions (
    token_hash  TEXT PRIMARY KEY,
    login       TEXT NOT NULL REFERENCES staff (login),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- The last registration number given each year: one upsert hands out the
-- next, so parallel filings never share a number.
CREATE TABLE complaint_counters (
    year  BIGINT PRIMARY KEY,
    last  BIGINT NOT NULL
);

-- Deadlines are dates in Kazakhstan (ISO 8601), the whole day counting.
CREATE TABLE complaints (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    iin              TEXT NOT NULL REFERENCES accounts (iin),
    request_id       TEXT NOT NULL REFERENCES binding_requests (id),
    subject          TEXT NOT NULL CHECK (subject IN ('refusal', 'action', 'inaction')),
    addressee        TEXT NOT NULL CHECK (addressee IN ('provider', 'authorized_body')),
    body             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('at_provider', 'at_reviewer', 'satisfied', 'upheld', 'rejected')),
    filed_at         BIGINT NOT NULL,
    forward_by       TEXT,
    review_by        TEXT NOT NULL,
    forwarded_at     BIGINT,
    forwarded_by     TEXT REFERENCES staff (login),
    forward_note     TEXT,
    case_file        TEXT,
    decided_at       BIGINT,
    decided_by       TEXT REFERENCES staff (login),
    decision_reason  TEXT
);
-- One complaint under review per request at a time.
CREATE UNIQUE INDEX complaints_one_open_per_request ON complaints (request_id) WHERE decided_at IS NULL;
CREATE INDEX complaints_by_account ON complaints (iin, filed_at);
CREATE INDEX complaints_by_state ON complaints (state, review_by);

-- A forwarded complaint's case file is the request's audit trail.
CREATE INDEX audit_log_by_subject ON audit_log (subject, at);

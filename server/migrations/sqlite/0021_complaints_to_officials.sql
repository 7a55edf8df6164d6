-- Rules ch. 3, §10: a complaint may be addressed to the official whose
-- decision, action or inaction it concerns; the official is named.
-- SQLite cannot change a CHECK in place: the table is rebuilt (no table
-- refers to it), its rows and indexes kept.
CREATE TABLE complaints_new (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    iin              TEXT NOT NULL REFERENCES accounts (iin),
    request_id       TEXT NOT NULL REFERENCES binding_requests (id),
    subject          TEXT NOT NULL CHECK (subject IN ('refusal', 'action', 'inaction')),
    addressee        TEXT NOT NULL CHECK (addressee IN ('provider', 'authorized_body', 'official')),
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
    decision_reason  TEXT,
    deadline_provisional BIGINT NOT NULL DEFAULT 0,
    official_login   TEXT REFERENCES staff (login),
    CHECK ((addressee = 'official') = (official_login IS NOT NULL))
);
INSERT INTO complaints_new (id, number, iin, request_id, subject, addressee, body, state,
    filed_at, forward_by, review_by, forwarded_at, forwarded_by, forward_note, case_file,
    decided_at, decided_by, decision_reason, deadline_provisional)
SELECT id, number, iin, request_id, subject, addressee, body, state,
    filed_at, forward_by, review_by, forwarded_at, forwarded_by, forward_note, case_file,
    decided_at, decided_by, decision_reason, deadline_provisional
FROM complaints;
DROP TABLE complaints;
ALTER TABLE complaints_new RENAME TO complaints;
CREATE UNIQUE INDEX complaints_one_open_per_request_and_addressee
    ON complaints (request_id, addressee) WHERE decided_at IS NULL;
CREATE INDEX complaints_by_account ON complaints (iin, filed_at);
CREATE INDEX complaints_by_state ON complaints (state, review_by);

-- Tamper evidence: every audit entry from here on belongs to a hash chain
-- (chain, its number in it, the previous entry's hash, its own hash; see
-- nomir_core::domain::audit_chain). Entries written before this migration
-- have no chain and are reported as such by `nomir audit verify`.
ALTER TABLE audit_log ADD COLUMN chain BIGINT;
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain, seq);

-- Each chain's head: the last number given and its hash. Writers take the
-- next number by updating this row, which queues them on the chain.
CREATE TABLE audit_chains (
    chain BIGINT PRIMARY KEY,
    seq   BIGINT NOT NULL,
    head  TEXT NOT NULL
);
INSERT INTO audit_chains (chain, seq, head) VALUES
    (0, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (2, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (3, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (4, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (5, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (6, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (7, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Anchors: every chain's head at one moment, as JSON, and the detached CMS
-- over exactly those bytes made with the service's seal key (base64).
CREATE TABLE audit_anchors (
    id        BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    statement TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

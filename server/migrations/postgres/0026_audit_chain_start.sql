-- What the audit log held before its entries were chained (0024): how
-- many entries and the highest id. `nomir audit verify` holds the
-- unchained entries to these, so none can be added or removed unseen.
CREATE TABLE audit_chain_start (
    before_count  BIGINT NOT NULL,
    before_max_id BIGINT NOT NULL
);
INSERT INTO audit_chain_start (before_count, before_max_id)
SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log WHERE chain IS NULL;

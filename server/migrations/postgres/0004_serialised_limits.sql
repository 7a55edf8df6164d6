-- Limits decided by the database under concurrency, and numbers the operator
-- reassigns (SPEC §3.5, §7).
--
-- One row per number ever asked for: a transaction that decides a limit on
-- a number locks its row first, so competing requests for one number queue.
CREATE TABLE number_locks (
    msisdn  TEXT PRIMARY KEY
);
-- Why a binding ended: 'changed' (the citizen bound another number) or
-- 'operator_reassigned' (the operator now attributes the number to someone else).
ALTER TABLE bindings ADD COLUMN end_reason TEXT;
-- Sign-in failure records are forgotten once their window has passed.
CREATE INDEX sign_in_failures_by_window ON sign_in_failures (window_started_at);

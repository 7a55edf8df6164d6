-- A transactional outbox: a message is written in the same transaction as
-- the decision that causes it, and a delivery worker in each instance sends
-- it (services/sms_delivery.rs). Messages written before are delivered.
--   state: pending (waiting for its next try), sending (claimed by a worker
--   until claimed_until), sent, failed (given up at give_up_at).
--   sealed: the text to send, encrypted with a key derived from the
--   service's secret; erased once the message is sent or given up, so no
--   code stays readable at rest. body: what the journal (and the demo
--   phone) shows: digits masked outside demo mode.
ALTER TABLE sms_outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'sent';
ALTER TABLE sms_outbox ADD COLUMN sealed TEXT;
ALTER TABLE sms_outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN next_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN give_up_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN sent_at BIGINT;
ALTER TABLE sms_outbox ADD COLUMN request_id TEXT;
ALTER TABLE sms_outbox ADD COLUMN last_error TEXT;
CREATE INDEX sms_outbox_due ON sms_outbox (state, next_at);
CREATE INDEX sms_outbox_request ON sms_outbox (request_id);

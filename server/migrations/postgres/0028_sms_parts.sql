-- The parts a gateway took for each sent message, by the gateway's own
-- reference (an SMSC's message id per part), and the delivery receipt it
-- sent back for each (adapters/sms_smpp.rs).
CREATE TABLE sms_parts (
    gateway_ref  TEXT PRIMARY KEY,
    message_id   TEXT NOT NULL,
    receipt      TEXT,
    receipt_at   BIGINT
);
CREATE INDEX sms_parts_message ON sms_parts (message_id);

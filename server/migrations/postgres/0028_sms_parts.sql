-- The parts a gateway took for each sent message, by the gateway's own
-- reference (an SMSC's message id per part), and the delivery receipt it
-- sent back for each (adapters/sms_smpp.rs). A receipt may come before
-- the worker records its part sent: it waits here without a message.
CREATE TABLE sms_parts (
    gateway_ref  TEXT PRIMARY KEY,
    message_id   TEXT,
    receipt      TEXT,
    receipt_at   BIGINT
);
CREATE INDEX sms_parts_message ON sms_parts (message_id);

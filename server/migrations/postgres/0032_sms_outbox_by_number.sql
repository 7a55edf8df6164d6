-- The newest message to a number (the demo phone's answer to a load run,
-- and support's question "what did this number get?") without a scan.
CREATE INDEX sms_outbox_number ON sms_outbox (msisdn, created_at);

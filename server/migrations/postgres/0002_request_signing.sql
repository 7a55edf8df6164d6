-- The nonce of the document a citizen certifies once the code is confirmed,
-- and an index to find open requests for expiry.
ALTER TABLE binding_requests ADD COLUMN sign_nonce TEXT;
CREATE INDEX binding_requests_by_state ON binding_requests (state, started_at);
CREATE INDEX consents_by_account ON consents (iin, revoked_at);

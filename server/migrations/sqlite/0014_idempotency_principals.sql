-- Idempotency keys belong to the authenticated principal (a client, or a
-- client's citizen); `owner` is the API client, whose keys are bounded.
-- Answers stored under the token endpoint's unchecked Basic user, and any
-- answer holding a citizen's session token, are dropped: no stored answer
-- may hold a secret in clear.
DELETE FROM api_idempotency WHERE client_id LIKE 'basic:%' OR body LIKE '%citizen_token%' OR body LIKE '%access_token%';
ALTER TABLE api_idempotency ADD COLUMN owner TEXT NOT NULL DEFAULT '';
UPDATE api_idempotency SET owner = client_id;
CREATE INDEX api_idempotency_by_owner ON api_idempotency (owner, created_at);

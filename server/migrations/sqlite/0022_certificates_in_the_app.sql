-- Rules §6.1: a citizen without a certificate has one issued in the app.
-- The sign-in challenge's id is the nonce of the biometric assertion the
-- request carries; one issuance per challenge, decided by one conditional
-- update, so a replayed assertion issues nothing more.
ALTER TABLE api_challenges ADD COLUMN certificate_claimed_at BIGINT;

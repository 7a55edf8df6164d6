-- A portal sign-in challenge belongs to the browser that asked for it: the
-- SHA-256 of a random binder the server set as an HttpOnly, SameSite=Strict
-- cookie when it issued the challenge. Only a submission carrying that
-- cookie can use the challenge (rows from before have none: unusable).
ALTER TABLE portal_challenges ADD COLUMN binder_hash TEXT;

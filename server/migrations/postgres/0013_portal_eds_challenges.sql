-- Sign-in to the portal with an electronic signature (SPEC §3.1, seed
-- §5.1): a one-time challenge the citizen's authentication key signs.
-- Used at most once (a conditional UPDATE decides), for 5 minutes.
CREATE TABLE portal_challenges (
    id          TEXT PRIMARY KEY,
    challenge   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX portal_challenges_by_expiry ON portal_challenges (expires_at);

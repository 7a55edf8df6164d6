-- The service dashboard's counts, kept as each request changes rather than
-- counted at each read, so a year of a million requests reads in
-- milliseconds. Triggers keep them in the same transaction as the change
-- they count, whichever statement makes it.
--
-- A request counts once under its key: the Kazakh day it started on
-- ((started_at + 5 hours) / 86400, Kazakhstan being UTC+5, as
-- `kz_time::OFFSET`), its channel, its state and refusal ground ('' for
-- none), and, once it ended (bound, refused, not performed, expired), the
-- whole minutes it took, 10 for the term and over (-1 while open). A
-- change of key takes one from the old key and adds one to the new.
-- `slot` spreads a key over rows so that PostgreSQL's parallel
-- transactions do not queue on one counter; SQLite has one writer, so its
-- slot is always 0. A key's count is the sum of its slots.
CREATE TABLE request_counts (
    day      BIGINT NOT NULL,
    channel  TEXT NOT NULL,
    state    TEXT NOT NULL,
    ground   TEXT NOT NULL,
    minutes  BIGINT NOT NULL,
    slot     BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (day, channel, state, ground, minutes, slot)
);

INSERT INTO request_counts (day, channel, state, ground, minutes, slot, n)
SELECT (started_at + 18000) / 86400, channel, state, COALESCE(refusal_ground, ''),
       CASE WHEN state IN ('bound', 'refused', 'not_performed', 'expired')
            THEN MIN(MAX(updated_at - started_at, 0), 600) / 60 ELSE -1 END,
       0, COUNT(*)
FROM binding_requests
GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER request_counts_insert AFTER INSERT ON binding_requests
BEGIN
    INSERT INTO request_counts (day, channel, state, ground, minutes, slot, n)
    VALUES ((NEW.started_at + 18000) / 86400, NEW.channel, NEW.state,
            COALESCE(NEW.refusal_ground, ''),
            CASE WHEN NEW.state IN ('bound', 'refused', 'not_performed', 'expired')
                 THEN MIN(MAX(NEW.updated_at - NEW.started_at, 0), 600) / 60 ELSE -1 END,
            0, 1)
    ON CONFLICT (day, channel, state, ground, minutes, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_counts_delete AFTER DELETE ON binding_requests
BEGIN
    UPDATE request_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400 AND channel = OLD.channel
      AND state = OLD.state AND ground = COALESCE(OLD.refusal_ground, '')
      AND minutes = CASE WHEN OLD.state IN ('bound', 'refused', 'not_performed', 'expired')
                         THEN MIN(MAX(OLD.updated_at - OLD.started_at, 0), 600) / 60 ELSE -1 END
      AND slot = 0;
END;

-- An update that may change the key moves the request to its new one: the
-- old key's row exists (its insert counted it), so taking one off is a
-- plain UPDATE.
CREATE TRIGGER request_counts_update AFTER UPDATE ON binding_requests
WHEN OLD.state IS NOT NEW.state OR OLD.refusal_ground IS NOT NEW.refusal_ground
  OR OLD.updated_at IS NOT NEW.updated_at OR OLD.started_at IS NOT NEW.started_at
  OR OLD.channel IS NOT NEW.channel
BEGIN
    UPDATE request_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400 AND channel = OLD.channel
      AND state = OLD.state AND ground = COALESCE(OLD.refusal_ground, '')
      AND minutes = CASE WHEN OLD.state IN ('bound', 'refused', 'not_performed', 'expired')
                         THEN MIN(MAX(OLD.updated_at - OLD.started_at, 0), 600) / 60 ELSE -1 END
      AND slot = 0;
    INSERT INTO request_counts (day, channel, state, ground, minutes, slot, n)
    VALUES ((NEW.started_at + 18000) / 86400, NEW.channel, NEW.state,
            COALESCE(NEW.refusal_ground, ''),
            CASE WHEN NEW.state IN ('bound', 'refused', 'not_performed', 'expired')
                 THEN MIN(MAX(NEW.updated_at - NEW.started_at, 0), 600) / 60 ELSE -1 END,
            0, 1)
    ON CONFLICT (day, channel, state, ground, minutes, slot) DO UPDATE SET n = n + 1;
END;

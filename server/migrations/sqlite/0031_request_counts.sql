-- The service dashboard's counts, kept as each request changes rather than
-- counted at each read, so a year of a million requests reads in
-- milliseconds. Triggers keep them in the same transaction as the change
-- they count, whichever statement makes it.
--
-- Three counts, one per figure, each per Kazakh day the request started
-- on ((started_at + 5 hours) / 86400: Kazakhstan is UTC+5, as
-- `kz_time::OFFSET`): requests by channel; requests by state and refusal
-- ground ('' for none); and ended requests (bound, refused, not
-- performed, expired) by the whole minutes they took, 10 for the term and
-- over. A change takes one from the old key and adds one to the new.
-- `slot` spreads a key over rows so that PostgreSQL's parallel
-- transactions do not queue on one counter; SQLite has one writer, so its
-- slot is always 0. A key's count is the sum of its slots.
CREATE TABLE request_day_counts (
    day      BIGINT NOT NULL,
    channel  TEXT NOT NULL,
    slot     BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (day, channel, slot)
);
CREATE TABLE request_outcome_counts (
    day      BIGINT NOT NULL,
    state    TEXT NOT NULL,
    ground   TEXT NOT NULL,
    slot     BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (day, state, ground, slot)
);
CREATE TABLE request_minute_counts (
    day      BIGINT NOT NULL,
    minutes  BIGINT NOT NULL,
    slot     BIGINT NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (day, minutes, slot)
);

INSERT INTO request_day_counts (day, channel, slot, n)
SELECT (started_at + 18000) / 86400, channel, 0, COUNT(*) FROM binding_requests GROUP BY 1, 2;
INSERT INTO request_outcome_counts (day, state, ground, slot, n)
SELECT (started_at + 18000) / 86400, state, COALESCE(refusal_ground, ''), 0, COUNT(*)
FROM binding_requests GROUP BY 1, 2, 3;
INSERT INTO request_minute_counts (day, minutes, slot, n)
SELECT (started_at + 18000) / 86400, MIN(MAX(updated_at - started_at, 0), 600) / 60, 0, COUNT(*)
FROM binding_requests WHERE state IN ('bound', 'refused', 'not_performed', 'expired')
GROUP BY 1, 2;

CREATE TRIGGER request_counts_insert AFTER INSERT ON binding_requests
BEGIN
    INSERT INTO request_day_counts (day, channel, slot, n)
    VALUES ((NEW.started_at + 18000) / 86400, NEW.channel, 0, 1)
    ON CONFLICT (day, channel, slot) DO UPDATE SET n = n + 1;
    INSERT INTO request_outcome_counts (day, state, ground, slot, n)
    VALUES ((NEW.started_at + 18000) / 86400, NEW.state, COALESCE(NEW.refusal_ground, ''), 0, 1)
    ON CONFLICT (day, state, ground, slot) DO UPDATE SET n = n + 1;
    INSERT INTO request_minute_counts (day, minutes, slot, n)
    SELECT (NEW.started_at + 18000) / 86400,
           MIN(MAX(NEW.updated_at - NEW.started_at, 0), 600) / 60, 0, 1
    WHERE NEW.state IN ('bound', 'refused', 'not_performed', 'expired')
    ON CONFLICT (day, minutes, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_counts_delete AFTER DELETE ON binding_requests
BEGIN
    UPDATE request_day_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400 AND channel = OLD.channel AND slot = 0;
    UPDATE request_outcome_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400 AND state = OLD.state
      AND ground = COALESCE(OLD.refusal_ground, '') AND slot = 0;
    UPDATE request_minute_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400
      AND minutes = MIN(MAX(OLD.updated_at - OLD.started_at, 0), 600) / 60 AND slot = 0
      AND OLD.state IN ('bound', 'refused', 'not_performed', 'expired');
END;

-- An update moves the request to its new keys where they changed: each
-- old key's row exists (the insert or an earlier update counted it), so
-- taking one off is a plain UPDATE.
CREATE TRIGGER request_counts_update_day AFTER UPDATE ON binding_requests
WHEN OLD.started_at IS NOT NEW.started_at OR OLD.channel IS NOT NEW.channel
BEGIN
    UPDATE request_day_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400 AND channel = OLD.channel AND slot = 0;
    INSERT INTO request_day_counts (day, channel, slot, n)
    VALUES ((NEW.started_at + 18000) / 86400, NEW.channel, 0, 1)
    ON CONFLICT (day, channel, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_counts_update_outcome AFTER UPDATE ON binding_requests
WHEN OLD.started_at IS NOT NEW.started_at OR OLD.state IS NOT NEW.state
  OR OLD.refusal_ground IS NOT NEW.refusal_ground
BEGIN
    UPDATE request_outcome_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400 AND state = OLD.state
      AND ground = COALESCE(OLD.refusal_ground, '') AND slot = 0;
    INSERT INTO request_outcome_counts (day, state, ground, slot, n)
    VALUES ((NEW.started_at + 18000) / 86400, NEW.state, COALESCE(NEW.refusal_ground, ''), 0, 1)
    ON CONFLICT (day, state, ground, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER request_counts_update_minutes AFTER UPDATE ON binding_requests
WHEN OLD.started_at IS NOT NEW.started_at OR OLD.state IS NOT NEW.state
  OR OLD.updated_at IS NOT NEW.updated_at
BEGIN
    UPDATE request_minute_counts SET n = n - 1
    WHERE day = (OLD.started_at + 18000) / 86400
      AND minutes = MIN(MAX(OLD.updated_at - OLD.started_at, 0), 600) / 60 AND slot = 0
      AND OLD.state IN ('bound', 'refused', 'not_performed', 'expired');
    INSERT INTO request_minute_counts (day, minutes, slot, n)
    SELECT (NEW.started_at + 18000) / 86400,
           MIN(MAX(NEW.updated_at - NEW.started_at, 0), 600) / 60, 0, 1
    WHERE NEW.state IN ('bound', 'refused', 'not_performed', 'expired')
    ON CONFLICT (day, minutes, slot) DO UPDATE SET n = n + 1;
END;

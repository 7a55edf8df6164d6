-- The service dashboard's counts, kept as each request changes rather than
-- counted at each read, so a year of a million requests reads in
-- milliseconds. A trigger keeps them in the same transaction as the
-- change it counts, whichever statement makes it.
--
-- Three counts, one per figure, each per Kazakh day the request started
-- on ((started_at + 5 hours) / 86400: Kazakhstan is UTC+5, as
-- `kz_time::OFFSET`): requests by channel; requests by state and refusal
-- ground ('' for none); and ended requests (bound, refused, not
-- performed, expired) by the whole minutes they took, 10 for the term and
-- over. A change takes one from the old key and adds one to the new
-- (both as upserts, so the sums hold whichever rows exist).
-- `slot` (from the citizen's IIN, 0 to 3) spreads a key over rows, so that
-- parallel transactions do not queue on one counter's row lock; a key's
-- count is the sum of its slots. From the IIN, not the request: one
-- transaction changes one citizen's requests (the account's lock
-- serialises them), so it only ever locks rows of one slot, and two
-- citizens' transactions cannot wait for each other's rows in opposite
-- orders (a deadlock).
--
-- The table is locked against writes while the counts are made and the
-- trigger is created, so an instance of the previous release cannot
-- write a request between the two that would never be counted.
LOCK TABLE binding_requests IN SHARE ROW EXCLUSIVE MODE;
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

-- The minutes an ended request took (10 for the term and over); NULL while open.
CREATE FUNCTION request_count_minutes(state TEXT, started BIGINT, updated BIGINT)
RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN state IN ('bound', 'refused', 'not_performed', 'expired')
                THEN LEAST(GREATEST(updated - started, 0), 600) / 60 END
$$;

INSERT INTO request_day_counts (day, channel, slot, n)
SELECT (started_at + 18000) / 86400, channel, hashtext(iin) & 3, COUNT(*)
FROM binding_requests GROUP BY 1, 2, 3;
INSERT INTO request_outcome_counts (day, state, ground, slot, n)
SELECT (started_at + 18000) / 86400, state, COALESCE(refusal_ground, ''), hashtext(iin) & 3, COUNT(*)
FROM binding_requests GROUP BY 1, 2, 3, 4;
INSERT INTO request_minute_counts (day, minutes, slot, n)
SELECT (started_at + 18000) / 86400, request_count_minutes(state, started_at, updated_at),
       hashtext(iin) & 3, COUNT(*)
FROM binding_requests WHERE request_count_minutes(state, started_at, updated_at) IS NOT NULL
GROUP BY 1, 2, 3;

CREATE FUNCTION request_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    slot_of BIGINT;
    old_day BIGINT;
    new_day BIGINT;
    old_minutes BIGINT;
    new_minutes BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        slot_of := hashtext(NEW.iin) & 3;
    ELSE
        slot_of := hashtext(OLD.iin) & 3;
        old_day := (OLD.started_at + 18000) / 86400;
        old_minutes := request_count_minutes(OLD.state, OLD.started_at, OLD.updated_at);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_day := (NEW.started_at + 18000) / 86400;
        new_minutes := request_count_minutes(NEW.state, NEW.started_at, NEW.updated_at);
    END IF;

    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (old_day, OLD.channel) IS DISTINCT FROM (new_day, NEW.channel)) THEN
        INSERT INTO request_day_counts (day, channel, slot, n) VALUES (old_day, OLD.channel, slot_of, -1)
        ON CONFLICT (day, channel, slot) DO UPDATE SET n = request_day_counts.n - 1;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (old_day, OLD.channel) IS DISTINCT FROM (new_day, NEW.channel)) THEN
        INSERT INTO request_day_counts (day, channel, slot, n) VALUES (new_day, NEW.channel, slot_of, 1)
        ON CONFLICT (day, channel, slot) DO UPDATE SET n = request_day_counts.n + 1;
    END IF;

    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (old_day, OLD.state, OLD.refusal_ground)
                            IS DISTINCT FROM (new_day, NEW.state, NEW.refusal_ground)) THEN
        INSERT INTO request_outcome_counts (day, state, ground, slot, n)
        VALUES (old_day, OLD.state, COALESCE(OLD.refusal_ground, ''), slot_of, -1)
        ON CONFLICT (day, state, ground, slot) DO UPDATE SET n = request_outcome_counts.n - 1;
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (old_day, OLD.state, OLD.refusal_ground)
                            IS DISTINCT FROM (new_day, NEW.state, NEW.refusal_ground)) THEN
        INSERT INTO request_outcome_counts (day, state, ground, slot, n)
        VALUES (new_day, NEW.state, COALESCE(NEW.refusal_ground, ''), slot_of, 1)
        ON CONFLICT (day, state, ground, slot) DO UPDATE SET n = request_outcome_counts.n + 1;
    END IF;

    IF TG_OP = 'UPDATE' AND (old_day, old_minutes) IS NOT DISTINCT FROM (new_day, new_minutes) THEN
        RETURN NULL;
    END IF;
    IF old_minutes IS NOT NULL THEN
        INSERT INTO request_minute_counts (day, minutes, slot, n) VALUES (old_day, old_minutes, slot_of, -1)
        ON CONFLICT (day, minutes, slot) DO UPDATE SET n = request_minute_counts.n - 1;
    END IF;
    IF new_minutes IS NOT NULL THEN
        INSERT INTO request_minute_counts (day, minutes, slot, n) VALUES (new_day, new_minutes, slot_of, 1)
        ON CONFLICT (day, minutes, slot) DO UPDATE SET n = request_minute_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER request_counts_follow AFTER INSERT OR UPDATE OR DELETE ON binding_requests
    FOR EACH ROW EXECUTE FUNCTION request_counts_follow();

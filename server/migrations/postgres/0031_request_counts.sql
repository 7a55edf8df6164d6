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
-- `slot` (from the request's id, 0 to 3) spreads a key over rows, so that
-- parallel transactions do not queue on one counter's row lock; a key's
-- count is the sum of its slots.
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

CREATE FUNCTION request_count_minutes(state TEXT, started BIGINT, updated BIGINT)
RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN state IN ('bound', 'refused', 'not_performed', 'expired')
                THEN LEAST(GREATEST(updated - started, 0), 600) / 60 ELSE -1 END
$$;

INSERT INTO request_counts (day, channel, state, ground, minutes, slot, n)
SELECT (started_at + 18000) / 86400, channel, state, COALESCE(refusal_ground, ''),
       request_count_minutes(state, started_at, updated_at), abs(hashtext(id)) % 4, COUNT(*)
FROM binding_requests
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE FUNCTION request_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    slot_of BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        slot_of := abs(hashtext(NEW.id)) % 4;
    ELSE
        slot_of := abs(hashtext(OLD.id)) % 4;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF TG_OP = 'UPDATE'
           AND OLD.state = NEW.state
           AND OLD.refusal_ground IS NOT DISTINCT FROM NEW.refusal_ground
           AND OLD.started_at = NEW.started_at AND OLD.channel = NEW.channel
           AND request_count_minutes(OLD.state, OLD.started_at, OLD.updated_at)
             = request_count_minutes(NEW.state, NEW.started_at, NEW.updated_at) THEN
            RETURN NULL;
        END IF;
        UPDATE request_counts SET n = n - 1
        WHERE day = (OLD.started_at + 18000) / 86400 AND channel = OLD.channel
          AND state = OLD.state AND ground = COALESCE(OLD.refusal_ground, '')
          AND minutes = request_count_minutes(OLD.state, OLD.started_at, OLD.updated_at)
          AND slot = slot_of;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO request_counts (day, channel, state, ground, minutes, slot, n)
        VALUES ((NEW.started_at + 18000) / 86400, NEW.channel, NEW.state,
                COALESCE(NEW.refusal_ground, ''),
                request_count_minutes(NEW.state, NEW.started_at, NEW.updated_at), slot_of, 1)
        ON CONFLICT (day, channel, state, ground, minutes, slot) DO UPDATE
        SET n = request_counts.n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER request_counts_follow AFTER INSERT OR UPDATE OR DELETE ON binding_requests
    FOR EACH ROW EXECUTE FUNCTION request_counts_follow();

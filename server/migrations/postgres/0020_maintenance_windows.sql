-- Appendix row 7: announced maintenance windows, seen by every instance.
-- A window cancelled before it began has cancelled_at set; one cancelled
-- while under way ends then (ends_at moves back to that moment).
CREATE TABLE maintenance_windows (
    id            TEXT PRIMARY KEY,
    starts_at     BIGINT NOT NULL,
    ends_at       BIGINT NOT NULL,
    announced_at  BIGINT NOT NULL,
    cancelled_at  BIGINT,
    CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_windows_by_end ON maintenance_windows (ends_at);

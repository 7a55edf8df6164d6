-- A complaint's deadline that falls past the last year the working-day
-- calendar lists is counted as if that year had no holidays and marked
-- provisional (1); importing a calendar that lists the year counts it again.
ALTER TABLE complaints ADD COLUMN deadline_provisional BIGINT NOT NULL DEFAULT 0;

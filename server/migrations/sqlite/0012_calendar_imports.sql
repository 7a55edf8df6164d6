-- Working-day calendars an operator imported with `nomir calendar import`.
-- The newest is used at start, unless NOMIR_CALENDAR names a file; older
-- ones stay as the record of what deadlines were counted with.
CREATE TABLE calendar_imports (
    id           TEXT PRIMARY KEY,
    text         TEXT NOT NULL,
    imported_at  BIGINT NOT NULL
);
CREATE INDEX calendar_imports_by_time ON calendar_imports (imported_at);

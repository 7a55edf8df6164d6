-- A third kind of API client: a state service, which notifies citizens at
-- their bound number. SQLite cannot change a CHECK constraint in place: the
-- table must be rebuilt with foreign keys off, which cannot be done inside
-- the transaction every migration runs in here. `Db::migrate` does it
-- right after the migrations (database/sqlite_rebuild.rs), once.
SELECT 1;

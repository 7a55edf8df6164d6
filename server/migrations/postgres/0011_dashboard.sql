-- The service dashboard counts requests started in a window of days.
CREATE INDEX binding_requests_by_start ON binding_requests (started_at);

-- A third kind of API client: a state service, which notifies citizens at
-- their bound number.
ALTER TABLE api_clients DROP CONSTRAINT api_clients_kind_check;
ALTER TABLE api_clients ADD CONSTRAINT api_clients_kind_check
    CHECK (kind IN ('mobile_app', 'bank', 'state_service'));

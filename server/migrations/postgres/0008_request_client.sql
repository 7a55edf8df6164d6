-- Which API client (the mobile app, which bank) started a request; NULL
-- for the portal. The cabinet shows the citizen every use of the account.
ALTER TABLE binding_requests ADD COLUMN client_id TEXT REFERENCES api_clients (id);

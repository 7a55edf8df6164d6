-- A bank's permission to view the citizen's digital documents (Rules §7,
-- SPEC §3.3). Asked for with a bank's binding request, it is granted in
-- the binding's own transaction; when the state's number is already the
-- bank's, it is granted at once (no request). The citizen may revoke it.

CREATE TABLE document_permissions (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES api_clients (id),
    iin         TEXT NOT NULL REFERENCES accounts (iin),
    scope       TEXT NOT NULL,
    request_id  TEXT REFERENCES binding_requests (id),
    asked_at    BIGINT NOT NULL,
    granted_at  BIGINT,
    expires_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX document_permissions_by_iin ON document_permissions (iin);
CREATE INDEX document_permissions_by_request ON document_permissions (request_id);

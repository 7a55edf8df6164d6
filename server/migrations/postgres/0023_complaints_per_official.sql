-- One undecided complaint per request and addressee, each official being
-- an addressee of their own: one to official A does not stop one to B.
DROP INDEX complaints_one_open_per_request_and_addressee;
CREATE UNIQUE INDEX complaints_one_open_per_request_and_addressee
    ON complaints (request_id, addressee, COALESCE(official_login, ''))
    WHERE decided_at IS NULL;

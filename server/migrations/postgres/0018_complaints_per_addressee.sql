-- Rules ch. 3: a complaint goes to the provider and/or to the authorized
-- body, so one to the authorized body about a request remains possible
-- while one to the provider is open: one undecided complaint per request
-- and addressee.
DROP INDEX complaints_one_open_per_request;
CREATE UNIQUE INDEX complaints_one_open_per_request_and_addressee
    ON complaints (request_id, addressee) WHERE decided_at IS NULL;

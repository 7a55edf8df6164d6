-- Rules ch. 3, §10: a complaint may be addressed to the official whose
-- decision, action or inaction it concerns; the official is named.
ALTER TABLE complaints DROP CONSTRAINT complaints_addressee_check;
ALTER TABLE complaints ADD COLUMN official_login TEXT REFERENCES staff (login);
ALTER TABLE complaints ADD CONSTRAINT complaints_addressee_check
    CHECK (addressee IN ('provider', 'authorized_body', 'official'));
ALTER TABLE complaints ADD CONSTRAINT complaints_official_named
    CHECK ((addressee = 'official') = (official_login IS NOT NULL));

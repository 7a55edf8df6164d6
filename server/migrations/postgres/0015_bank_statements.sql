-- A bank's permission takes effect only by the citizen's own act (the code
-- to the bound number and biometrics), never at once: the consent the bank
-- reports is kept with its request as the bank's statement, not written
-- over the citizen's own consent record.
ALTER TABLE document_permissions ADD COLUMN consent_stated BIGINT NOT NULL DEFAULT 0;

-- Appendix rows 5 and 9: a request is refused only on row 9's two grounds
-- (identity data, consent). Every other ending is "not performed" with its
-- reason; requests that ended so before are moved to that state. The audit
-- log is append-only and keeps what was recorded then.
UPDATE binding_requests SET state = 'not_performed'
 WHERE state = 'refused'
   AND refusal_ground NOT IN ('identity_not_found', 'identity_document_invalid',
                              'person_deceased', 'consent_missing');
-- An ended-by-term request has its own state ('expired'), never this one.
UPDATE binding_requests SET state = 'expired', refusal_ground = NULL
 WHERE state = 'not_performed' AND refusal_ground = 'term_expired';

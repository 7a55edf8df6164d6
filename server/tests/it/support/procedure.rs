//! The portal procedure run up to a step, through the services: one place
//! for "ask for a code, enter it, sign" that many topics start from.

use nomir::demo::pki::sign_detached;
use nomir::domain::Iin;
use nomir::services::confirm_code::confirm_code;
use nomir::services::request_code::request_code;

use super::demo::{citizen_key, code_sent_to};
use super::TestDb;

/// Asks for a code for `number` (with consent) and enters the right one:
/// the request's id and the document the citizen signs next.
pub async fn at_signing(t: &TestDb, who: &Iin, number: &str) -> (String, Vec<u8>) {
    let sent = request_code(&t.ports, who, number, true).await.unwrap();
    let code = code_sent_to(&t.ports, sent.msisdn.as_str()).await;
    let document = confirm_code(&t.ports, who, &sent.request_id, &code)
        .await
        .unwrap();
    (sent.request_id, document)
}

/// As [`at_signing`], then signed with the citizen's demo signing key:
/// the request's id and the signature, ready to certify.
pub async fn ready_to_certify(t: &TestDb, who: &Iin, number: &str) -> (String, Vec<u8>) {
    let (request, document) = at_signing(t, who, number).await;
    let key = citizen_key(&format!("{}-sign", who.as_str()));
    (request, sign_detached(&document, &key).unwrap())
}

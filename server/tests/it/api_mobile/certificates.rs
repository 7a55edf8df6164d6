//! Rules §6.1 in the app: "by issuing new ones". The app makes a key,
//! sends its certificate request with the citizen's biometric assertion
//! for a sign-in challenge, gets a certificate from the demo NCA, and signs
//! that challenge with it. A refused assertion issues nothing; one
//! challenge issues once; a request whose signature fails issues nothing.

use der::{Decode, Encode};
use nomir::demo::pki::{sign_detached, KeyPair};
use rsa::pkcs1v15::SigningKey;
use rsa::RsaPrivateKey;
use sha2::Sha256;
use x509_cert::builder::{Builder, RequestBuilder};
use x509_cert::Certificate;

use super::*;

fn certification_request(key: &RsaPrivateKey) -> Vec<u8> {
    // The subject the app writes is not read: the register names the person.
    let subject = "CN=whatever the app says".parse().unwrap();
    let signer = SigningKey::<Sha256>::new(key.clone());
    let request = RequestBuilder::new(subject, &signer)
        .unwrap()
        .build::<rsa::pkcs1v15::Signature>()
        .unwrap();
    request.to_der().unwrap()
}

/// Asks for a certificate for `csr` with Aigerim's assertion for
/// `challenge`, as `change` alters it.
async fn ask(
    api: &Api,
    token: &str,
    challenge: &str,
    change: fn(&mut Claims),
    csr: &[u8],
) -> reqwest::Response {
    let assertion = assertion(AIGERIM, challenge, change);
    api.post("/api/v1/citizen/certificates")
        .bearer_auth(token)
        .header("accept-language", "en")
        .json(&body!({
            "challenge_id": challenge,
            "iin": AIGERIM,
            "biometric_assertion": assertion,
            "certification_request_base64": B64.encode(csr),
        }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_citizen_without_a_certificate_gets_one_in_the_app_and_signs_in_with_it() {
    let key = RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).unwrap();
    let csr = certification_request(&key);
    for t in engines().await {
        let api = Api::over(&t).await;
        let token = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let (challenge_id, text) = challenge(&api, &token).await;

        // Refused biometrics, or an assertion for another challenge: nothing issued.
        for (what, change) in [
            (
                "low score",
                (|c: &mut Claims| c.score = 0.2) as fn(&mut Claims),
            ),
            ("another nonce", |c: &mut Claims| c.nonce = "another".into()),
            ("someone else", |c: &mut Claims| {
                c.sub = "991231410007".into()
            }),
        ] {
            let r = ask(&api, &token, &challenge_id, change, &csr).await;
            problem(r, StatusCode::UNAUTHORIZED, "biometrics_failed").await;
            assert!(
                !t.recent_actions(50)
                    .await
                    .iter()
                    .any(|a| a == "certificate_issued"),
                "{}: {what}",
                t.name
            );
        }

        // The citizen's own assertion for this challenge: a certificate for the app's key.
        let r = ask(&api, &token, &challenge_id, |_| {}, &csr).await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", t.name);
        let der = B64
            .decode(json(r).await["certificate_base64"].as_str().unwrap())
            .unwrap();
        let certificate = Certificate::from_der(&der).unwrap();
        let subject = certificate.tbs_certificate.subject.to_string();
        assert!(subject.contains("IIN900515410001"), "{subject}");
        assert!(subject.contains("САПАРОВА"), "{subject}");
        let spki = &certificate.tbs_certificate.subject_public_key_info;
        let ours = rsa::pkcs8::EncodePublicKey::to_public_key_der(&key.to_public_key()).unwrap();
        assert_eq!(spki.to_der().unwrap(), ours.as_bytes());

        // The same challenge issues once.
        let again = ask(&api, &token, &challenge_id, |_| {}, &csr).await;
        problem(again, StatusCode::BAD_REQUEST, "challenge_unusable").await;
        // A request whose self-signature fails issues nothing.
        let (other, _) = challenge(&api, &token).await;
        let mut tampered = csr.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 0x01;
        let r = ask(&api, &token, &other, |_| {}, &tampered).await;
        problem(r, StatusCode::BAD_REQUEST, "certificate_request_invalid").await;

        // The new certificate signs the challenge: the citizen is signed in.
        let pair = KeyPair {
            certificate,
            key: key.clone(),
        };
        let cms = sign_detached(&text, &pair).unwrap();
        let r = session(&api, &token, &challenge_id, &cms).await;
        assert_eq!(r.status(), StatusCode::CREATED, "{}", t.name);
        let issued = t.recent_actions(50).await;
        assert_eq!(
            issued.iter().filter(|a| *a == "certificate_issued").count(),
            1,
            "{}",
            t.name
        );
        assert!(issued.iter().any(|a| a == "app_sign_in"));
        t.cleanup().await;
    }
}

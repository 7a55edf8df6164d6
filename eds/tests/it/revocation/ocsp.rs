//! Revocation from OCSP: good, revoked, who may sign the answer, its times and cache, hostile answers.

use super::*;

#[tokio::test]
async fn ocsp_good() {
    let f = fixture();
    let responder = start_responder("ocsp").await;
    let rev = revocation(Some(responder.url.clone()), &[], vec![]);
    assert_eq!(rev.status(&f.alice, &f.ca, now()).await, Ok(Status::Good));
}

#[tokio::test]
async fn ocsp_revoked_with_reason_and_time_matching_the_crl() {
    let f = fixture();
    let responder = start_responder("ocsp").await;
    let rev = revocation(Some(responder.url.clone()), &[], vec![]);
    let ocsp_at = assert_revoked(rev.status(&f.bob, &f.ca, now()).await, "keyCompromise");
    assert_revoked(
        rev.status(&f.carol, &f.ca, now()).await,
        "cessationOfOperation",
    );
    let by_crl = revocation(None, &["ca.crl"], vec![]);
    let crl_at = assert_revoked(by_crl.status(&f.bob, &f.ca, now()).await, "keyCompromise");
    assert_eq!(ocsp_at, crl_at);
}

#[tokio::test]
async fn ocsp_signed_by_the_issuer_itself() {
    let f = fixture();
    let responder = start_responder("ca").await;
    let rev = revocation(Some(responder.url.clone()), &[], vec![]);
    assert_eq!(rev.status(&f.alice, &f.ca, now()).await, Ok(Status::Good));
    assert_revoked(rev.status(&f.bob, &f.ca, now()).await, "keyCompromise");
}

#[tokio::test]
async fn ocsp_response_from_an_unauthorized_signer_is_rejected() {
    let f = fixture();
    // alice: issued by the CA but without id-kp-OCSPSigning;
    // evil-ocsp: has id-kp-OCSPSigning and the CA's name as issuer, but another CA's signature.
    for signer in ["alice", "evil-ocsp"] {
        let responder = start_responder(signer).await;
        let rev = revocation(Some(responder.url.clone()), &[], vec![]);
        match rev.status(&f.bob, &f.ca, now()).await {
            Err(RevocationError::BadResponse(text)) => {
                assert!(text.contains("authorized responder"), "{text}")
            }
            other => panic!("{signer}: expected BadResponse, got {other:?}"),
        }
        // With a CRL the CRL answers instead.
        let rev = revocation(Some(responder.url.clone()), &["ca.crl"], vec![]);
        assert_revoked(rev.status(&f.bob, &f.ca, now()).await, "keyCompromise");
    }
}

#[tokio::test]
async fn ocsp_times_are_checked_and_next_update_bounds_the_cache() {
    let f = fixture();
    // -nmin 10: responses carry nextUpdate = thisUpdate + 10 minutes.
    let responder = start_responder_with("ocsp", &["-nmin", "10"]).await;
    let rev = revocation(Some(responder.url.clone()), &[], vec![]);
    let t = now();
    let bad = |result: Result<Status, RevocationError>, what: &str| match result {
        Err(RevocationError::BadResponse(text)) => assert!(text.contains(what), "{text}"),
        other => panic!("expected BadResponse({what}), got {other:?}"),
    };
    bad(
        rev.status(&f.alice, &f.ca, t - time::Duration::minutes(10))
            .await,
        "thisUpdate is in the future",
    );
    bad(
        rev.status(&f.alice, &f.ca, t + time::Duration::minutes(20))
            .await,
        "stale",
    );
    assert_eq!(rev.status(&f.alice, &f.ca, t).await, Ok(Status::Good));
    assert!(
        rev.has_cached_ocsp(&f.alice, &f.ca, t + time::Duration::minutes(8))
            .await
    );
    assert!(
        !rev.has_cached_ocsp(&f.alice, &f.ca, t + time::Duration::minutes(11))
            .await
    );
}

#[tokio::test]
async fn cached_ocsp_answer_is_reused_after_the_responder_dies() {
    let f = fixture();
    let mut responder = start_responder("ocsp").await;
    let rev = revocation(Some(responder.url.clone()), &[], vec![]);
    let t = now();
    assert!(!rev.has_cached_ocsp(&f.alice, &f.ca, t).await);
    assert_eq!(rev.status(&f.alice, &f.ca, t).await, Ok(Status::Good));
    assert!(rev.has_cached_ocsp(&f.alice, &f.ca, t).await);
    responder.child.kill().await.expect("kill responder");
    assert_eq!(
        rev.status(&f.alice, &f.ca, t).await,
        Ok(Status::Good),
        "answered from cache"
    );
    // The responder is really gone: an uncached certificate gets no answer.
    assert_unavailable(rev.status(&f.bob, &f.ca, t).await, "OCSP");
    // openssl sends no nextUpdate, so the answer is reused for 5 minutes only.
    let later = t + time::Duration::minutes(6);
    assert!(!rev.has_cached_ocsp(&f.alice, &f.ca, later).await);
    assert_unavailable(rev.status(&f.alice, &f.ca, later).await, "OCSP");
    rev.clear_cache().await;
    assert!(!rev.has_cached_ocsp(&f.alice, &f.ca, t).await);
}

#[tokio::test]
async fn hostile_responses_are_rejected_without_panicking() {
    let f = fixture();
    let rev = revocation(Some(url("/garbage.bin")), &[], vec![]);
    match rev.status(&f.alice, &f.ca, now()).await {
        Err(RevocationError::BadResponse(text)) => {
            assert!(text.contains("not an OCSPResponse"), "{text}")
        }
        other => panic!("expected BadResponse, got {other:?}"),
    }
    let rev = revocation(Some(url("/big.bin")), &[], vec![]);
    assert_unavailable(rev.status(&f.alice, &f.ca, now()).await, "larger than");
    let rev = revocation(Some(url("/missing")), &[], vec![]);
    assert_unavailable(rev.status(&f.alice, &f.ca, now()).await, "HTTP status 404");
    let rev = revocation(
        None,
        &["garbage.bin", "truncated.crl", "huge.crl"],
        vec![url("/garbage.bin")],
    );
    assert_unavailable(rev.status(&f.alice, &f.ca, now()).await, "larger than");
}

//! Revocation from CRLs: OCSP down, a bad or stale CRL, delta CRLs, CRLs by URL and from the certificate's distribution point.

use super::*;

#[tokio::test]
async fn ocsp_down_crl_answers_good_and_revoked() {
    let f = fixture();
    for file in ["ca.crl", "ca.crl.pem"] {
        let rev = revocation(Some(dead_url()), &[file], vec![]);
        assert_eq!(
            rev.status(&f.alice, &f.ca, now()).await,
            Ok(Status::Good),
            "{file}"
        );
        assert_revoked(rev.status(&f.bob, &f.ca, now()).await, "keyCompromise");
    }
}

#[tokio::test]
async fn ocsp_down_without_crl_is_unavailable() {
    let f = fixture();
    let rev = revocation(Some(dead_url()), &[], vec![]);
    assert_unavailable(
        rev.status(&f.alice, &f.ca, now()).await,
        "OCSP: request failed",
    );
    let rev = revocation(None, &[], vec![]);
    assert_unavailable(
        rev.status(&f.alice, &f.ca, now()).await,
        "no CRL source configured",
    );
}

#[tokio::test]
async fn ocsp_unknown_without_crl_is_unknown_and_crl_answers_otherwise() {
    let f = fixture();
    let responder = start_responder("ocsp").await;
    let rev = revocation(Some(responder.url.clone()), &[], vec![]);
    assert_eq!(
        rev.status(&f.dave, &f.ca, now()).await,
        Err(RevocationError::Unknown)
    );
    assert!(
        !rev.has_cached_ocsp(&f.dave, &f.ca, now()).await,
        "unknown answers are not cached"
    );
    let rev = revocation(Some(responder.url.clone()), &["ca.crl"], vec![]);
    assert_eq!(rev.status(&f.dave, &f.ca, now()).await, Ok(Status::Good));
}

#[tokio::test]
async fn crl_with_bad_signature_is_ignored() {
    let f = fixture();
    let rev = revocation(None, &["evil.crl"], vec![]);
    assert_unavailable(
        rev.status(&f.bob, &f.ca, now()).await,
        "signature does not verify",
    );
    // Next to the genuine CRL, the genuine one decides.
    let rev = revocation(None, &["evil.crl", "ca.crl"], vec![]);
    assert_revoked(rev.status(&f.bob, &f.ca, now()).await, "keyCompromise");
}

#[tokio::test]
async fn crl_outside_its_validity_is_not_used() {
    let f = fixture();
    let rev = revocation(None, &["ca.crl"], vec![]);
    let after_next_update = now() + time::Duration::days(2);
    assert_unavailable(
        rev.status(&f.alice, &f.ca, after_next_update).await,
        "not current",
    );
    let before_this_update = f.created - time::Duration::days(1);
    assert_unavailable(
        rev.status(&f.bob, &f.ca, before_this_update).await,
        "not current",
    );
    assert_eq!(rev.status(&f.alice, &f.ca, now()).await, Ok(Status::Good));
}

#[tokio::test]
async fn delta_crl_revokes_a_certificate_absent_from_the_base() {
    let f = fixture();
    let base_only = revocation(None, &["ca.crl"], vec![]);
    assert_eq!(
        base_only.status(&f.carol, &f.ca, now()).await,
        Ok(Status::Good)
    );
    let with_delta = revocation(None, &["ca.crl", "delta.crl"], vec![]);
    assert_revoked(
        with_delta.status(&f.carol, &f.ca, now()).await,
        "cessationOfOperation",
    );
    assert_revoked(
        with_delta.status(&f.bob, &f.ca, now()).await,
        "keyCompromise",
    );
    assert_eq!(
        with_delta.status(&f.alice, &f.ca, now()).await,
        Ok(Status::Good)
    );
    // A delta CRL alone is not a complete answer.
    let delta_only = revocation(None, &["delta.crl"], vec![]);
    assert_unavailable(
        delta_only.status(&f.alice, &f.ca, now()).await,
        "no usable full CRL",
    );
}

#[tokio::test]
async fn crl_url_is_fetched_once_and_cached() {
    let f = fixture();
    let rev = revocation(None, &[], vec![url("/once/ca.crl"), url("/once/delta.crl")]);
    for _ in 0..3 {
        assert_eq!(rev.status(&f.alice, &f.ca, now()).await, Ok(Status::Good));
        assert_revoked(
            rev.status(&f.carol, &f.ca, now()).await,
            "cessationOfOperation",
        );
    }
    assert_eq!((hits("/once/ca.crl"), hits("/once/delta.crl")), (1, 1));
    rev.clear_cache().await;
    assert_eq!(rev.status(&f.alice, &f.ca, now()).await, Ok(Status::Good));
    assert_eq!(hits("/once/ca.crl"), 2);
}

#[tokio::test]
async fn distribution_point_of_the_leaf_is_used_when_enabled() {
    let f = fixture();
    let mut config = RevocationConfig {
        timeout: Duration::from_secs(5),
        ..Default::default()
    };
    let rev = Revocation::new(config.clone(), Arc::new(AnyAlgorithm));
    assert_unavailable(rev.status(&f.alice, &f.ca, now()).await, "no CRL source");
    config.use_distribution_points = true;
    let rev = Revocation::new(config, Arc::new(AnyAlgorithm));
    assert_eq!(rev.status(&f.alice, &f.ca, now()).await, Ok(Status::Good));
    assert_revoked(rev.status(&f.bob, &f.ca, now()).await, "keyCompromise");
    assert_eq!(hits("/cdp/ca.crl"), 1);
}

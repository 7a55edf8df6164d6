//! The app's sign-in: a fresh challenge of this client, a valid signature, the challenge spent, the limits.

use super::*;

#[tokio::test]
async fn sign_in_needs_a_fresh_challenge_of_this_client_and_a_valid_signature() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let token = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let key = citizen_key(&format!("{AIGERIM}-auth"));

        let (id, text) = challenge(&api, &token).await;
        let cms = sign_detached(&text, &key).unwrap();
        assert_eq!(
            session(&api, &token, &id, &cms).await.status(),
            StatusCode::CREATED
        );
        let reused = session(&api, &token, &id, &cms).await;
        problem(reused, StatusCode::BAD_REQUEST, "challenge_unusable").await;

        // Each failed attempt spends its challenge.
        let (id, _) = challenge(&api, &token).await;
        let over_other_bytes = sign_detached(b"something else", &key).unwrap();
        let r = session(&api, &token, &id, &over_other_bytes).await;
        problem(r, StatusCode::BAD_REQUEST, "signature_invalid").await;
        let (id, _) = challenge(&api, &token).await;
        let r = session(&api, &token, &id, b"not a CMS").await;
        problem(r, StatusCode::BAD_REQUEST, "signature_invalid").await;
        // The signing key is the wrong kind: the answer says which to choose.
        let (id, text) = challenge(&api, &token).await;
        let with_sign_key = sign_detached(&text, &citizen_key(&format!("{AIGERIM}-sign"))).unwrap();
        let r = session(&api, &token, &id, &with_sign_key).await;
        problem(r, StatusCode::UNPROCESSABLE_ENTITY, "wrong_key_auth").await;
        // That attempt spent the challenge: the right key over it is refused.
        let cms = sign_detached(&text, &key).unwrap();
        let r = session(&api, &token, &id, &cms).await;
        problem(r, StatusCode::BAD_REQUEST, "challenge_unusable").await;
        // A new challenge serves.
        let (id, text) = challenge(&api, &token).await;
        let cms = sign_detached(&text, &key).unwrap();
        assert_eq!(
            session(&api, &token, &id, &cms).await.status(),
            StatusCode::CREATED
        );

        // A bank may not sign citizens in, nor use the app's challenges.
        let bank = api.token("demo-bank", "demo-bank-secret").await;
        let r = api
            .post("/api/v1/citizen/challenges")
            .bearer_auth(&bank)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::FORBIDDEN, "insufficient_scope").await;

        // Calls for a citizen need the citizen's session, of this client.
        let r = api
            .get("/api/v1/citizen/binding")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::UNAUTHORIZED, "not_signed_in").await;
        let citizen = sign_in_as(&api, &token, AIGERIM).await;
        let r = api
            .get("/api/v1/citizen/binding")
            .bearer_auth(&bank)
            .header("x-citizen-token", &citizen)
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::UNAUTHORIZED, "not_signed_in").await;

        // Malformed bodies are problems; the field is named where serde names it.
        let r = api
            .post("/api/v1/citizen/sessions")
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{\"challenge_id\": ")
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        let r = api
            .post("/api/v1/citizen/sessions")
            .bearer_auth(&token)
            .json(&body!({"challenge_id": 5, "cms_base64": "x"}))
            .send()
            .await
            .unwrap();
        problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        let r = api
            .post("/api/v1/citizen/sessions")
            .bearer_auth(&token)
            .json(&body!({"challenge_id": "x", "cms_base64": "%%%"}))
            .send()
            .await
            .unwrap();
        let p = problem(r, StatusCode::BAD_REQUEST, "invalid_request").await;
        assert_eq!(p["field"], "cms_base64");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_wrong_signature_spends_the_challenge() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let token = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        let (id, text) = challenge(&api, &token).await;
        let mut tampered = sign_detached(&text, &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        let r = session(&api, &token, &id, &tampered).await;
        problem(r, StatusCode::BAD_REQUEST, "signature_invalid").await;
        let right = sign_detached(&text, &citizen_key(&format!("{AIGERIM}-auth"))).unwrap();
        let r = session(&api, &token, &id, &right).await;
        problem(r, StatusCode::BAD_REQUEST, "challenge_unusable").await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn challenges_over_the_limit_are_refused_with_a_real_retry_after() {
    use nomir::services::flood::CHALLENGES_PER_MINUTE;
    for t in engines().await {
        let api = Api::over(&t).await;
        let token = api
            .token("demo-egov-mobile", "demo-egov-mobile-secret")
            .await;
        for _ in 0..CHALLENGES_PER_MINUTE {
            challenge(&api, &token).await;
        }
        let r = api
            .post("/api/v1/citizen/challenges")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let wait: u64 = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After in seconds");
        assert!((1..=60).contains(&wait), "{wait}");
        problem(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
        t.cleanup().await;
    }
}

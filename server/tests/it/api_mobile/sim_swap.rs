//! A number whose SIM card changed recently, asked for in the app.

use super::*;

#[tokio::test]
async fn the_app_hears_sim_swapped_with_when_to_try_again() {
    for t in engines().await {
        let api = Api::over(&t).await;
        let app = App::sign_in(&api, AIGERIM).await;
        let r = app
            .call(
                "POST",
                "/binding-requests",
                Some(body!({"number": "+77013330000", "consent": true})),
            )
            .await;
        let retry_after: i64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        // Changed 24 hours before the demo loaded: 48 hours to go.
        assert!(
            (47 * 3600..=48 * 3600).contains(&retry_after),
            "{retry_after}"
        );
        let p = problem(r, StatusCode::UNPROCESSABLE_ENTITY, "sim_swapped").await;
        assert!(p["detail"].as_str().unwrap().contains("72 hours"), "{p}");
        t.cleanup().await;
    }
}

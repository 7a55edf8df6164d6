//! Data migrations, run against data as the earlier code stored it.

use crate::support::demo::engines_with_demo_data;
use nomir::domain::{BindingState, EndReason};
use sqlx::Executor;

const AIGERIM: &str = "900515410001";

/// Appendix rows 5 and 9: before, every ending was stored as `refused`.
/// Migration 0019 keeps row 9's grounds as refusals and moves the rest to
/// "not performed" (an expired term to its own state).
#[tokio::test]
async fn endings_stored_as_refusals_move_to_not_performed_unless_on_a_row_nine_ground() {
    let stored = [
        (
            "old-consent",
            "consent_missing",
            BindingState::Ended(EndReason::ConsentMissing),
        ),
        (
            "old-identity",
            "person_deceased",
            BindingState::Ended(EndReason::PersonDeceased),
        ),
        (
            "old-code",
            "code_not_confirmed",
            BindingState::Ended(EndReason::CodeNotConfirmed),
        ),
        (
            "old-operator",
            "operator_does_not_confirm",
            BindingState::Ended(EndReason::OperatorDoesNotConfirm),
        ),
        (
            "old-eds",
            "signature_invalid",
            BindingState::Ended(EndReason::SignatureInvalid),
        ),
        ("old-term", "term_expired", BindingState::Expired),
    ];
    for t in engines_with_demo_data().await {
        let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
        for (id, ground, _) in stored {
            sqlx::query(
                "INSERT INTO binding_requests \
                 (id, iin, msisdn, channel, purpose, state, refusal_ground, started_at, updated_at) \
                 VALUES ($1, $2, '+77011234567', 'portal', 'bind', 'refused', $3, 1764000000, 1764000100)",
            )
            .bind(id)
            .bind(AIGERIM)
            .bind(ground)
            .execute(&pool)
            .await
            .unwrap();
        }
        let migration = match t.name {
            "sqlite" => include_str!("../../migrations/sqlite/0019_not_performed.sql"),
            _ => include_str!("../../migrations/postgres/0019_not_performed.sql"),
        };
        pool.execute(migration).await.unwrap();
        for (id, _, expected) in stored {
            let request = t.ports.requests.request(id).await.unwrap().unwrap();
            assert_eq!(request.state, expected, "{}: {id}", t.name);
        }
        let states: Vec<(String,)> =
            sqlx::query_as("SELECT state FROM binding_requests WHERE id LIKE 'old-%' ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap();
        let states: Vec<&str> = states.iter().map(|(s,)| s.as_str()).collect();
        assert_eq!(
            states,
            [
                "not_performed",
                "refused",
                "not_performed",
                "refused",
                "not_performed",
                "expired"
            ],
            "{}",
            t.name
        );
        pool.close().await;
        t.cleanup().await;
    }
}

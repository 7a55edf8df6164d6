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

/// Migration 0030 on SQLite: `api_clients` is built anew (a CHECK cannot
/// change in place) while requests, tokens and permissions refer to its
/// rows; every row and every reference survives, and references are
/// still enforced afterwards.
#[tokio::test]
async fn sqlite_rebuilds_the_clients_table_under_the_rows_that_refer_to_it() {
    for t in engines_with_demo_data().await {
        if t.name != "sqlite" {
            t.cleanup().await;
            continue;
        }
        let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
        sqlx::query(
            "INSERT INTO binding_requests \
             (id, iin, msisdn, channel, purpose, state, started_at, updated_at, client_id) \
             VALUES ('by-bank', $1, '+77011234567', 'bank', 'bind', 'expired', 1764000000, 1764000100, 'demo-bank')",
        )
        .bind(AIGERIM)
        .execute(&pool)
        .await
        .unwrap();
        let clients = |pool: sqlx::AnyPool| async move {
            sqlx::query_scalar::<_, String>("SELECT id || ':' || kind FROM api_clients ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap()
        };
        let before = clients(pool.clone()).await;
        assert!(before.contains(&"demo-state-service:state_service".to_owned()));
        t.db.rebuild_api_clients().await.unwrap();
        assert_eq!(clients(pool.clone()).await, before);
        let kept: Option<String> =
            sqlx::query_scalar("SELECT client_id FROM binding_requests WHERE id = 'by-bank'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(kept.as_deref(), Some("demo-bank"));
        // References are enforced again: an unknown client is refused.
        let dangling = sqlx::query(
            "INSERT INTO binding_requests \
             (id, iin, msisdn, channel, purpose, state, started_at, updated_at, client_id) \
             VALUES ('by-nobody', $1, '+77011234567', 'bank', 'bind', 'expired', 1764000000, 1764000100, 'no-such-client')",
        )
        .bind(AIGERIM)
        .execute(&pool)
        .await;
        assert!(dangling.is_err(), "a reference to no client was accepted");
        pool.close().await;
        t.cleanup().await;
    }
}

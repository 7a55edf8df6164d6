//! The storage contract, run on SQLite and on PostgreSQL.

use crate::support;
use nomir::domain::audit::{Actor, AuditAction};

use nomir::domain::{Iin, Msisdn};
use nomir::ports::{
    Account, AuditEntry, Binding, IdentityRecord, IdentityStatus, Session, SmsMessage, StoreError,
    Subscriber,
};
use sqlx::Executor;
use support::{engines, TestDb};
use time::Duration;

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

fn msisdn(s: &str) -> Msisdn {
    Msisdn::parse(s).unwrap()
}

async fn account(t: &TestDb, i: &str) -> Account {
    let a = Account {
        iin: iin(i),
        name_cyrillic: "Тест".into(),
        name_latin: "Test".into(),
        password_hash: "$argon2id$placeholder".into(),
    };
    t.ports
        .accounts
        .insert_account_if_missing(&a, t.clock.now())
        .await
        .unwrap();
    a
}

fn binding(t: &TestDb, id: &str, i: &str, n: &str) -> Binding {
    Binding {
        id: id.into(),
        iin: iin(i),
        msisdn: msisdn(n),
        operator: "Kcell".into(),
        channel: nomir::domain::Channel::Portal,
        bound_at: t.clock.now(),
        ended_at: None,
        end_reason: None,
    }
}

fn audit(t: &TestDb, action: AuditAction) -> AuditEntry {
    AuditEntry::new(
        t.clock.now(),
        Actor::Operator("test"),
        action,
        "900515410001",
        String::new(),
    )
}

use nomir::ports::Clock as _;

#[tokio::test]
async fn migrations_apply_on_an_empty_database_and_again() {
    for t in engines().await {
        t.db.migrate()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        t.cleanup().await;
    }
}

#[tokio::test]
async fn an_account_is_inserted_once_and_read_back() {
    for t in engines().await {
        let a = account(&t, "900515410001").await;
        let again = t
            .ports
            .accounts
            .insert_account_if_missing(&a, t.clock.now())
            .await
            .unwrap();
        assert!(!again, "{}", t.name);
        let read = t.ports.accounts.account(&a.iin).await.unwrap().unwrap();
        assert_eq!(read.name_latin, "Test");
        assert!(t
            .ports
            .accounts
            .account(&iin("851102310000"))
            .await
            .unwrap()
            .is_none());
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_session_lives_until_it_expires_or_is_deleted() {
    for t in engines().await {
        let a = account(&t, "900515410001").await;
        let now = t.clock.now();
        let s = Session {
            token_hash: "h1".into(),
            iin: a.iin.clone(),
            created_at: now,
            expires_at: now + Duration::minutes(30),
        };
        t.ports.sessions.create_session(&s).await.unwrap();
        assert_eq!(
            t.ports.sessions.session_account("h1", now).await.unwrap(),
            Some(a.iin.clone())
        );
        assert_eq!(
            t.ports
                .sessions
                .session_account("h1", now + Duration::minutes(30))
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            t.ports
                .sessions
                .session_account("other", now)
                .await
                .unwrap(),
            None
        );
        t.ports.sessions.delete_session("h1").await.unwrap();
        assert_eq!(
            t.ports.sessions.session_account("h1", now).await.unwrap(),
            None,
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn binding_a_new_number_ends_the_old_one_and_keeps_the_history() {
    for t in engines().await {
        let a = account(&t, "851102310000").await;
        t.ports
            .bindings
            .bind(
                &binding(&t, "b1", "851102310000", "+77051234568"),
                &audit(&t, AuditAction::NumberBound),
            )
            .await
            .unwrap();
        t.clock.advance(Duration::hours(1));
        t.ports
            .bindings
            .bind(
                &binding(&t, "b2", "851102310000", "+77471234569"),
                &audit(&t, AuditAction::NumberConfirmed),
            )
            .await
            .unwrap();
        let active = t
            .ports
            .bindings
            .active_binding(&a.iin)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(active.msisdn.as_str(), "+77471234569");
        let history = t.ports.bindings.binding_history(&a.iin).await.unwrap();
        assert_eq!(history.len(), 2, "{}", t.name);
        assert_eq!(history[0].id, "b2");
        assert_eq!(history[1].ended_at, Some(t.clock.now()));
        let actions = t.recent_actions(10).await;
        assert_eq!(actions, ["number_confirmed", "number_bound"]);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_database_refuses_a_number_on_two_accounts() {
    for t in engines().await {
        account(&t, "900515410001").await;
        account(&t, "991231410007").await;
        t.ports
            .bindings
            .bind(
                &binding(&t, "b1", "900515410001", "+77011234567"),
                &audit(&t, AuditAction::NumberBound),
            )
            .await
            .unwrap();
        let err = t
            .ports
            .bindings
            .bind(
                &binding(&t, "b2", "991231410007", "+77011234567"),
                &audit(&t, AuditAction::NumberBound),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict(_)),
            "{}: {err:?}",
            t.name
        );
        // Nothing half-written: Dana has no binding and the refused audit entry rolled back.
        assert!(t
            .ports
            .bindings
            .binding_history(&iin("991231410007"))
            .await
            .unwrap()
            .is_empty());
        assert_eq!(t.ports.audit.recent(10).await.unwrap().len(), 1);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_database_refuses_two_active_numbers_on_one_account() {
    for t in engines().await {
        account(&t, "851102310000").await;
        let insert =
            "INSERT INTO bindings (id, iin, msisdn, operator, channel, bound_at, ended_at) \
                      VALUES ($1, '851102310000', $2, 'Beeline', 'portal', 0, NULL)";
        let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
        sqlx::query(insert)
            .bind("x1")
            .bind("+77051234568")
            .execute(&pool)
            .await
            .unwrap();
        let second = sqlx::query(insert)
            .bind("x2")
            .bind("+77471234569")
            .execute(&pool)
            .await;
        let err = second.expect_err("a second active number must be refused");
        assert!(
            matches!(&err, sqlx::Error::Database(e) if e.is_unique_violation()),
            "{}: {err}",
            t.name
        );
        pool.close().await;
        t.cleanup().await;
    }
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    for t in engines().await {
        t.ports
            .audit
            .append(&audit(&t, AuditAction::SignIn))
            .await
            .unwrap();
        let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
        assert!(
            pool.execute("UPDATE audit_log SET action = 'forged'")
                .await
                .is_err(),
            "{}",
            t.name
        );
        assert!(
            pool.execute("DELETE FROM audit_log").await.is_err(),
            "{}",
            t.name
        );
        pool.close().await;
        assert_eq!(t.ports.audit.recent(10).await.unwrap()[0].action, "sign_in");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn registries_and_outbox_round_trip() {
    for t in engines().await {
        let s = Subscriber {
            msisdn: msisdn("+77011234567"),
            operator: "Kcell".into(),
            iin: iin("900515410001"),
            sim_changed_at: Some(time::OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()),
        };
        t.ports.registries.upsert_subscriber(&s).await.unwrap();
        t.ports.registries.upsert_subscriber(&s).await.unwrap();
        assert_eq!(
            t.ports.registries.subscriber(&s.msisdn).await.unwrap(),
            Some(s)
        );
        assert_eq!(
            t.ports
                .registries
                .subscriber(&msisdn("+77000000000"))
                .await
                .unwrap(),
            None
        );
        let r = IdentityRecord {
            iin: iin("720314410000"),
            name_cyrillic: "Омарова Гүлнар".into(),
            name_latin: "Gulnar Omarova".into(),
            status: IdentityStatus::DocumentExpired,
            status_since: Some("2024-03-14".into()),
        };
        t.ports.registries.upsert_identity(&r).await.unwrap();
        assert_eq!(t.ports.registries.identity(&r.iin).await.unwrap(), Some(r));
        let out = nomir::ports::OutgoingSms {
            id: "m1".into(),
            msisdn: msisdn("+77011234567"),
            body: "Код: ******".into(),
            sealed: "sealed".into(),
            created_at: t.clock.now(),
            give_up_at: t.clock.now() + time::Duration::minutes(5),
            request_id: None,
            iin: None,
            kind: "binding-code".into(),
            topic: None,
            sender: None,
        };
        t.ports.outbox.enqueue_sms(&out).await.unwrap();
        // Not in the journal until it is sent.
        assert_eq!(t.ports.outbox.outbox().await.unwrap(), vec![]);
        let lease = t.clock.now() + time::Duration::minutes(1);
        let claimed = t
            .ports
            .outbox
            .claim_sms("m1", lease)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((claimed.sealed.as_str(), claimed.attempts), ("sealed", 1));
        assert!(t
            .ports
            .outbox
            .claim_sms("m1", lease)
            .await
            .unwrap()
            .is_none());
        assert!(t
            .ports
            .outbox
            .sms_sent(&claimed, t.clock.now(), &["p1".into(), "p2".into()])
            .await
            .unwrap());
        let outbox = &t.ports.outbox;
        assert!(outbox
            .record_receipt("p2", "DELIVRD", t.clock.now())
            .await
            .unwrap());
        assert!(!outbox
            .record_receipt("p9", "DELIVRD", t.clock.now())
            .await
            .unwrap());
        assert_eq!(
            outbox.receipts_of("m1").await.unwrap(),
            vec![("p1".into(), None), ("p2".into(), Some("DELIVRD".into()))]
        );
        let m = SmsMessage {
            id: "m1".into(),
            msisdn: msisdn("+77011234567"),
            body: "Код: ******".into(),
            created_at: t.clock.now(),
        };
        assert_eq!(t.ports.outbox.outbox().await.unwrap(), vec![m]);
        t.cleanup().await;
    }
}

#[tokio::test]
async fn demo_data_loads_idempotently() {
    for t in engines().await {
        let first = nomir::demo::load(&t.ports).await.unwrap();
        assert_eq!(first.new_accounts, 8, "{}", t.name);
        let second = nomir::demo::load(&t.ports).await.unwrap();
        assert_eq!(second.new_accounts, 0);
        let bolat = t
            .ports
            .registries
            .identity(&iin("550101310009"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(bolat.status, IdentityStatus::Deceased);
        assert!(t
            .ports
            .registries
            .identity(&iin("000229510005"))
            .await
            .unwrap()
            .is_none());
        let dana = t
            .ports
            .registries
            .subscriber(&msisdn("+77777654321"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(dana.iin, iin("991231410007"));
        t.cleanup().await;
    }
}

/// A reservation whose call never answered (its instance died, the
/// database went away before the release) frees its key after two
/// minutes, not a day: the client's retry is taken.
#[tokio::test]
async fn an_abandoned_idempotency_reservation_frees_its_key() {
    use nomir::ports::KeyState;
    for t in engines().await {
        let store = &t.ports.idempotency;
        let now = t.clock.now();
        let day_ago = now - Duration::hours(24);
        let at = |minutes| now + Duration::minutes(minutes);
        let reserve = |when| store.reserve_key("bank-a", "bank-a", "k", "f", when, day_ago, 3);
        assert!(matches!(reserve(at(0)).await.unwrap(), KeyState::Reserved));
        assert!(
            matches!(reserve(at(1)).await.unwrap(), KeyState::InProgress),
            "{}: still running",
            t.name
        );
        assert!(
            matches!(reserve(at(3)).await.unwrap(), KeyState::Reserved),
            "{}: abandoned, taken again",
            t.name
        );
        t.cleanup().await;
    }
}

/// A client's idempotency keys are bounded: past the bound a new key is
/// refused (the caller hears when the oldest is swept), other clients and
/// keys already held are unaffected, and keys older than a day are swept.
#[tokio::test]
async fn a_clients_idempotency_keys_are_bounded_and_swept() {
    use nomir::ports::KeyState;
    for t in engines().await {
        let store = &t.ports.idempotency;
        let now = t.clock.now();
        let day_ago = now - Duration::hours(24);
        for (n, at) in [(0, now - Duration::hours(2)), (1, now), (2, now)] {
            let state = store
                .reserve_key("bank-a", "bank-a", &format!("k{n}"), "f", at, day_ago, 3)
                .await
                .unwrap();
            assert!(matches!(state, KeyState::Reserved), "{}: {state:?}", t.name);
        }
        // The client's citizens count against the client.
        let state = store
            .reserve_key("bank-a", "bank-a/citizen:1", "k3", "f", now, day_ago, 3)
            .await
            .unwrap();
        match state {
            KeyState::TooMany { oldest } => {
                assert_eq!(oldest, now - Duration::hours(2), "{}", t.name)
            }
            other => panic!("{}: {other:?}", t.name),
        }
        let state = store
            .reserve_key("bank-a", "bank-a", "k1", "f", now, day_ago, 3)
            .await
            .unwrap();
        assert!(
            matches!(state, KeyState::InProgress),
            "{}: {state:?}",
            t.name
        );
        let state = store
            .reserve_key("bank-b", "bank-b", "k0", "f", now, day_ago, 3)
            .await
            .unwrap();
        assert!(matches!(state, KeyState::Reserved), "{}: {state:?}", t.name);
        // Once the oldest is a day old it is swept, and a new key fits.
        let later = now + Duration::hours(23);
        let state = store
            .reserve_key(
                "bank-a",
                "bank-a",
                "k4",
                "f",
                later,
                later - Duration::hours(24),
                3,
            )
            .await
            .unwrap();
        assert!(matches!(state, KeyState::Reserved), "{}: {state:?}", t.name);
        t.cleanup().await;
    }
}

//! The identity register over HTTP (docs/identity-register.md), against a
//! register these tests run: a person read with the gateway's key, "no
//! such person" only when the register says so, and anything else
//! "cannot check now", never a refusal. Then certification through it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use nomir::adapters::identity_http::HttpIdentityRegister;
use nomir::config::IdentityHttpSettings;
use nomir::domain::{EndReason, IdentityStatus, Iin};
use nomir::ports::IdentityRegister;
use nomir::services::certify::{certify, CertifyError};
use serde_json::json;

use crate::support::camara::quick;
use crate::support::demo::{engines_with_demo_data, unknown_numbers_are};
use crate::support::procedure::ready_to_certify;

const KEY: &str = "gateway-key-1";

#[derive(Default)]
struct Register {
    /// The next this many calls answer 503.
    fail_next: AtomicU32,
    calls: AtomicU32,
}

async fn person(
    State(r): State<Arc<Register>>,
    headers: HeaderMap,
    Path(iin): Path<String>,
) -> Response {
    r.calls.fetch_add(1, Ordering::SeqCst);
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(&format!("Bearer {KEY}"))
    {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if r.fail_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let (name_cyrillic, name_latin, status, since) = match iin.as_str() {
        "900515410001" => ("Сапарова Әйгерім", "Aigerim Saparova", "valid", None),
        "720314410000" => (
            "Омарова Гүлнар",
            "Gulnar Omarova",
            "document_expired",
            Some("2024-03-14"),
        ),
        _ => {
            let body =
                json!({"status": 404, "code": "PERSON_NOT_FOUND", "message": "No such person."});
            return (StatusCode::NOT_FOUND, Json(body)).into_response();
        }
    };
    Json(json!({
        "iin": iin, "nameCyrillic": name_cyrillic, "nameLatin": name_latin,
        "status": status, "statusSince": since,
    }))
    .into_response()
}

async fn start(register: Arc<Register>) -> String {
    let app = Router::new()
        .route("/persons/{iin}", get(person))
        .route("/wrong/{*rest}", get(|| async { StatusCode::NOT_FOUND }))
        .with_state(register);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

fn register_at(base: &str, key: &str) -> HttpIdentityRegister {
    HttpIdentityRegister::new(IdentityHttpSettings {
        base: base.parse().unwrap(),
        key: key.into(),
        resilience: quick(),
    })
    .unwrap()
}

fn iin(s: &str) -> Iin {
    Iin::parse(s).unwrap()
}

#[tokio::test]
async fn the_register_answers_who_a_person_is_and_only_it_says_no_such_person() {
    let r = Arc::new(Register::default());
    let base = start(r.clone()).await;
    let register = register_at(&base, KEY);
    let aigerim = register
        .person(&iin("900515410001"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(aigerim.name_latin, "Aigerim Saparova");
    assert_eq!(aigerim.status, IdentityStatus::Valid);
    let gulnar = register
        .person(&iin("720314410000"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(gulnar.status, IdentityStatus::DocumentExpired);
    assert_eq!(gulnar.status_since.as_deref(), Some("2024-03-14"));
    assert_eq!(register.person(&iin("000229510005")).await.unwrap(), None);
    // A 404 from a wrong address, a wrong key, a register down: no answer.
    assert!(register_at(&format!("{base}/wrong"), KEY)
        .person(&iin("000229510005"))
        .await
        .is_err());
    assert!(register_at(&base, "other-key")
        .person(&iin("900515410001"))
        .await
        .is_err());
    r.fail_next.store(1, Ordering::SeqCst);
    assert!(
        register.person(&iin("900515410001")).await.is_ok(),
        "one 503 is tried again"
    );
    r.fail_next.store(100, Ordering::SeqCst);
    assert!(register.person(&iin("900515410001")).await.is_err());
}

#[tokio::test]
async fn certification_reads_the_register_over_http_and_a_failure_is_try_again() {
    for mut t in engines_with_demo_data().await {
        let r = Arc::new(Register::default());
        let base = start(r.clone()).await;
        t.ports.identity = Arc::new(register_at(&base, KEY));
        unknown_numbers_are(&mut t, "720314410000");

        let (request, cms) = ready_to_certify(&t, &iin("900515410001"), "+77011234567").await;
        certify(&t.ports, &iin("900515410001"), &request, &cms)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", t.name));

        let gulnar = iin("720314410000");
        let (request, cms) = ready_to_certify(&t, &gulnar, "+77019990001").await;
        r.fail_next.store(100, Ordering::SeqCst);
        let e = certify(&t.ports, &gulnar, &request, &cms)
            .await
            .unwrap_err();
        assert!(matches!(e, CertifyError::Unavailable), "{}: {e:?}", t.name);
        r.fail_next.store(0, Ordering::SeqCst);
        let e = certify(&t.ports, &gulnar, &request, &cms)
            .await
            .unwrap_err();
        assert!(
            matches!(e, CertifyError::Ended(EndReason::IdentityDocumentInvalid)),
            "{}: the register's answer, once it is back: {e:?}",
            t.name
        );
        t.cleanup().await;
    }
}

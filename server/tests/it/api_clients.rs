//! The JSON API's clients on SQLite and PostgreSQL: registering, tokens by
//! the client-credentials grant, revocation, and the call rate under
//! parallel calls.

use crate::support;

use nomir::domain::api_client::{ClientId, ClientKind, Scope, Scopes};
use nomir::services::api_clients::{
    add, authorize, issue_token, list, revoke, CallError, ClientError, NewClient, Registry,
    TokenError, TOKEN_LIFETIME,
};
use support::{at_once, engines, TestDb};
use time::Duration;

fn bank(id: &str, calls_per_minute: u32) -> NewClient {
    NewClient {
        id: ClientId::parse(id).unwrap(),
        name: "Test Bank".into(),
        kind: ClientKind::Bank,
        scopes: Scopes::parse("bind-with-documents-permission").unwrap(),
        calls_per_minute,
    }
}

fn app(id: &str) -> NewClient {
    NewClient {
        id: ClientId::parse(id).unwrap(),
        name: "Test app".into(),
        kind: ClientKind::MobileApp,
        scopes: Scopes::parse("bind change").unwrap(),
        calls_per_minute: 100,
    }
}

async fn audit_actions(t: &TestDb) -> Vec<String> {
    let mut all: Vec<String> = t
        .ports
        .audit
        .recent(100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.subject))
        .collect();
    all.reverse();
    all
}

#[tokio::test]
async fn a_client_is_registered_with_its_secret_hashed_and_listed() {
    for t in engines().await {
        let reg = Registry::of(&t.ports);
        let (client, secret) = add(reg, bank("test-bank", 60), None, "operator:test")
            .await
            .unwrap();
        assert!(secret.len() >= 40, "{}: a generated secret is long", t.name);
        assert!(client.secret_hash.starts_with("$argon2id$"), "{}", t.name);
        assert!(!client.secret_hash.contains(&secret), "{}", t.name);
        let all = list(reg).await.unwrap();
        assert_eq!(all, vec![client.clone()], "{}", t.name);
        assert_eq!(
            audit_actions(&t).await,
            vec!["api_client_added test-bank"],
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_bad_client_is_refused_and_nothing_is_written() {
    for t in engines().await {
        let reg = Registry::of(&t.ports);
        add(
            reg,
            app("the-app"),
            Some("the-app-secret-1234".into()),
            "operator:test",
        )
        .await
        .unwrap();
        let taken = add(reg, app("the-app"), None, "operator:test").await;
        assert!(
            matches!(taken, Err(ClientError::IdTaken)),
            "{}: {taken:?}",
            t.name
        );
        let mut wrong_scope = bank("other-bank", 60);
        wrong_scope.scopes = Scopes::parse("bind").unwrap();
        let r = add(reg, wrong_scope, None, "operator:test").await;
        assert!(
            matches!(r, Err(ClientError::ScopeNotAllowed { .. })),
            "{}: {r:?}",
            t.name
        );
        let r = add(reg, bank("no-calls", 0), None, "operator:test").await;
        assert!(matches!(r, Err(ClientError::NoCalls)), "{}: {r:?}", t.name);
        let mut nameless = bank("nameless", 60);
        nameless.name = "  ".into();
        let r = add(reg, nameless, None, "operator:test").await;
        assert!(matches!(r, Err(ClientError::BadName)), "{}: {r:?}", t.name);
        assert_eq!(list(reg).await.unwrap().len(), 1, "{}", t.name);
        assert_eq!(
            audit_actions(&t).await,
            vec!["api_client_added the-app"],
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_token_needs_the_right_secret_and_only_the_clients_scopes() {
    for t in engines().await {
        let reg = Registry::of(&t.ports);
        let secret = "the-app-secret-1234";
        add(reg, app("the-app"), Some(secret.into()), "operator:test")
            .await
            .unwrap();
        let all = issue_token(&t.ports, "the-app", secret, None, "127.0.0.1")
            .await
            .unwrap();
        assert_eq!(all.scopes.to_string(), "bind change", "{}", t.name);
        assert_eq!(all.expires_in, TOKEN_LIFETIME);
        let one = issue_token(&t.ports, "the-app", secret, Some("change"), "127.0.0.1")
            .await
            .unwrap();
        assert_eq!(one.scopes.to_string(), "change", "{}", t.name);
        for (id, s) in [
            ("the-app", "wrong-secret"),
            ("no-such-app", secret),
            ("NOT AN ID", secret),
        ] {
            let r = issue_token(&t.ports, id, s, None, "127.0.0.1").await;
            assert!(
                matches!(r, Err(TokenError::InvalidClient)),
                "{}: {id} {r:?}",
                t.name
            );
        }
        for scope in ["bind-with-documents-permission", "admin", ""] {
            let r = issue_token(&t.ports, "the-app", secret, Some(scope), "127.0.0.1").await;
            assert!(
                matches!(r, Err(TokenError::InvalidScope)),
                "{}: {scope:?} {r:?}",
                t.name
            );
        }
        let caller = authorize(&t.ports, &one.token).await.unwrap();
        assert!(
            caller.may(Scope::Change) && !caller.may(Scope::Bind),
            "{}",
            t.name
        );
        assert_eq!(caller.client.id.as_str(), "the-app");
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_token_ends_with_its_lifetime_and_at_once_when_its_client_is_revoked() {
    for t in engines().await {
        let reg = Registry::of(&t.ports);
        let secret = "the-app-secret-1234";
        add(reg, app("the-app"), Some(secret.into()), "operator:test")
            .await
            .unwrap();
        let early = issue_token(&t.ports, "the-app", secret, None, "127.0.0.1")
            .await
            .unwrap();
        t.clock.advance(TOKEN_LIFETIME - Duration::seconds(1));
        assert!(
            authorize(&t.ports, &early.token).await.is_ok(),
            "{}",
            t.name
        );
        t.clock.advance(Duration::seconds(1));
        let r = authorize(&t.ports, &early.token).await;
        assert!(
            matches!(r, Err(CallError::InvalidToken)),
            "{}: expired {r:?}",
            t.name
        );

        let live = issue_token(&t.ports, "the-app", secret, None, "127.0.0.1")
            .await
            .unwrap();
        let id = ClientId::parse("the-app").unwrap();
        revoke(reg, &id, "operator:test").await.unwrap();
        let r = authorize(&t.ports, &live.token).await;
        assert!(
            matches!(r, Err(CallError::InvalidToken)),
            "{}: revoked {r:?}",
            t.name
        );
        let r = issue_token(&t.ports, "the-app", secret, None, "127.0.0.1").await;
        assert!(
            matches!(r, Err(TokenError::InvalidClient)),
            "{}: {r:?}",
            t.name
        );
        let again = revoke(reg, &id, "operator:test").await;
        assert!(
            matches!(again, Err(ClientError::NotFound)),
            "{}: {again:?}",
            t.name
        );
        for bad in ["", "abc", &"g".repeat(64), &live.token.to_uppercase()] {
            let r = authorize(&t.ports, bad).await;
            assert!(
                matches!(r, Err(CallError::InvalidToken)),
                "{}: {bad:?} {r:?}",
                t.name
            );
        }
        assert_eq!(
            audit_actions(&t).await,
            vec!["api_client_added the-app", "api_client_revoked the-app"],
            "{}",
            t.name
        );
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_calls_pass_the_client_rate_exactly_as_often_as_it_allows() {
    for t in engines().await {
        let reg = Registry::of(&t.ports);
        let secret = "the-bank-secret-1234";
        add(
            reg,
            bank("the-bank", 6),
            Some(secret.into()),
            "operator:test",
        )
        .await
        .unwrap();
        // The token call is the minute's first of six.
        let token = issue_token(&t.ports, "the-bank", secret, None, "127.0.0.1")
            .await
            .unwrap()
            .token;
        let results = at_once(20, |_| {
            let ports = t.ports.clone();
            let token = token.clone();
            async move { authorize(&ports, &token).await }
        })
        .await;
        let passed = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(passed, 5, "{}: calls passed in one minute", t.name);
        for r in results.iter().filter_map(|r| r.as_ref().err()) {
            match r {
                CallError::RateLimited { retry_after } => {
                    assert!((1..=60).contains(retry_after), "{}: {retry_after}", t.name)
                }
                other => panic!("{}: {other:?}", t.name),
            }
        }
        // The next minute has its own count.
        t.clock.advance(Duration::minutes(1));
        assert!(authorize(&t.ports, &token).await.is_ok(), "{}", t.name);
        t.cleanup().await;
    }
}

//! The database going away mid-procedure (SPEC §7): the citizen gets a clean
//! answer, nothing is left half-done, and once the database is back the
//! procedure goes on where it was. PostgreSQL, on a database this test owns:
//! it refuses new connections and ends the open ones, as a stopped server
//! would, then lets them in again.

use crate::support;

use nomir::domain::{BindingState, Iin};
use nomir::services::confirm_code::{confirm_code, ConfirmCodeError};
use nomir::services::open_request::OpenRequestError;
use nomir::services::request_code::{request_code, RequestCodeError};
use sqlx::{Connection, Executor, PgConnection};
use support::demo::code_sent_to;
use support::TestDb;

const AIGERIM: &str = "900515410001";
const NUMBER: &str = "+77011234567";

fn aigerim() -> Iin {
    Iin::parse(AIGERIM).unwrap()
}

/// Stops (`false`) or restarts (`true`) connections to the test's database.
async fn set_reachable(admin_url: &str, database: &str, reachable: bool) {
    let mut admin = PgConnection::connect(admin_url).await.unwrap();
    admin
        .execute(format!("ALTER DATABASE {database} WITH ALLOW_CONNECTIONS {reachable}").as_str())
        .await
        .unwrap();
    if !reachable {
        admin
            .execute(
                format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{database}' AND pid <> pg_backend_pid()"
                )
                .as_str(),
            )
            .await
            .unwrap();
    }
    admin.close().await.ok();
}

#[tokio::test]
async fn the_database_going_away_gives_a_clean_answer_and_leaves_nothing_half_done() {
    let Ok(admin_url) = std::env::var("DATABASE_URL_PG") else {
        eprintln!("DATABASE_URL_PG is not set: database outage test skipped");
        return;
    };
    let t = TestDb::postgres(&admin_url).await;
    nomir::demo::load(&t.ports).await.unwrap();
    let database = t.database_name().unwrap().to_owned();
    let sent = request_code(&t.ports, &aigerim(), NUMBER, true)
        .await
        .unwrap();
    let code = code_sent_to(&t.ports, NUMBER).await;

    set_reachable(&admin_url, &database, false).await;
    let e = confirm_code(&t.ports, &aigerim(), &sent.request_id, &code)
        .await
        .unwrap_err();
    // Our fault either way (the lock, or the breaks read before it): every
    // channel answers it as one (`services::answers`).
    assert!(
        matches!(
            e,
            ConfirmCodeError::Unexpected(_)
                | ConfirmCodeError::Request(OpenRequestError::Unexpected(_))
        ),
        "{e:?}"
    );
    // The operators' registry is over the same database here: it fails
    // first, before anything is started.
    let e = request_code(&t.ports, &aigerim(), "+77019990000", true)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            RequestCodeError::Unexpected(_) | RequestCodeError::OperatorUnavailable
        ),
        "{e:?}"
    );

    set_reachable(&admin_url, &database, true).await;
    // Nothing of the failed steps was written: the code is unused and
    // uncounted, and the second request never started.
    let open = t.ports.requests.open_requests_of(&aigerim()).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, sent.request_id);
    let stored = t
        .ports
        .requests
        .latest_challenge(&sent.request_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.wrong_tries, stored.used_at), (0, None));
    confirm_code(&t.ports, &aigerim(), &sent.request_id, &code)
        .await
        .unwrap();
    let request = t.ports.requests.request(&sent.request_id).await.unwrap();
    assert_eq!(request.unwrap().state, BindingState::AwaitingCertification);
    t.cleanup().await;
}

//! SMPP 3.4 against an SMSC that the test command installs (node-smpp as a
//! server, `server/tests/smsc-sim/`): the session binds as a transceiver,
//! a code goes as UCS-2 in concatenated parts that the SMSC joins into the
//! very text the journal holds, each part's delivery receipt is recorded,
//! `/ready` says whether the session is bound (without failing on it:
//! messages wait in the outbox), and a lost SMSC is bound again. Without node or the simulator's packages the
//! test fails under the test command (`NOMIR_REQUIRE_SMSC_SIM`), and says
//! so elsewhere.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use app::server_fns::RequestCode;
use leptos::server_fn::ServerFn;
use nomir::config::{SmppSettings, SmsGatewayChoice};
use nomir::ports::OutboxStore;
use serde_json::Value;

use crate::support::portal::{location, App};

fn simulator_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smsc-sim")
}

/// A child process killed when dropped, so a failed assertion leaves no
/// SMSC behind.
struct Smsc(Child);

impl Drop for Smsc {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

/// The SMSC on a free port, and the port; `None` when it cannot run here
/// (and the test command did not ask for it). A port taken between its
/// finding and the SMSC's listening is replaced.
fn smsc_anywhere(out: &Path) -> Option<(Smsc, u16)> {
    for _ in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        match smsc(port, out) {
            Ok(child) => return child.map(|c| (c, port)),
            Err(()) => continue,
        }
    }
    panic!("the SMSC simulator did not listen on any of five ports");
}

/// The SMSC on `port`: `Ok(None)` when it cannot run here, `Err` when the
/// port was taken.
fn smsc(port: u16, out: &Path) -> Result<Option<Smsc>, ()> {
    let dir = simulator_dir();
    let required = std::env::var_os("NOMIR_REQUIRE_SMSC_SIM").is_some();
    if !dir.join("node_modules/smpp").exists() {
        assert!(
            !required,
            "NOMIR_REQUIRE_SMSC_SIM is set but {} has no node_modules",
            dir.display()
        );
        eprintln!(
            "skipped: npm ci in {} to run the SMSC simulator",
            dir.display()
        );
        return Ok(None);
    }
    let mut child = Command::new("node")
        .arg(dir.join("smsc-sim.js"))
        .arg(port.to_string())
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("node");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let child = Smsc(child);
    if line.starts_with("listening") {
        Ok(Some(child))
    } else {
        Err(())
    }
}

/// The account "nomir" on the SMSC at `port`.
fn smpp_at(port: u16, password: &str, timeout: Duration) -> SmppSettings {
    SmppSettings {
        addr: format!("127.0.0.1:{port}"),
        system_id: "nomir".into(),
        password: password.into(),
        system_type: String::new(),
        sender: "Nomir".into(),
        timeout,
    }
}

fn taken(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

async fn ready(app: &App) -> (u16, String) {
    let r = app.get("/ready", None).await;
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..150 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: not within 15 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_goes_over_smpp_in_ucs2_parts_its_receipts_are_kept_and_a_lost_smsc_is_bound_again()
{
    let out = std::env::temp_dir().join(format!("nomir-smsc-{}.jsonl", uuid::Uuid::new_v4()));
    let Some((simulator, port)) = smsc_anywhere(&out) else {
        return;
    };
    let app = App::spawn_with(|s| {
        s.sms = SmsGatewayChoice::Smpp(smpp_at(port, "secret", Duration::from_secs(2)))
    })
    .await;
    eventually("bound", async || {
        ready(&app).await.1.contains("sms gateway: bound")
    })
    .await;

    let aigerim = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    assert!(location(&r).starts_with("/cabinet/request/"), "{r:?}");
    // The simulator writes down what it took a moment after it answered.
    eventually("the message written down", async || !taken(&out).is_empty()).await;
    let messages = taken(&out);
    assert_eq!(messages.len(), 1, "{messages:?}");
    let m = &messages[0];
    assert_eq!(m["to"], "77011234567");
    assert_eq!(m["from"], "Nomir");
    assert_eq!(m["data_coding"], 8, "UCS-2");
    let text = m["text"].as_str().unwrap();
    let db = nomir::database::Db::connect(&app.database_url())
        .await
        .unwrap();
    let journal = db.outbox().await.unwrap();
    assert_eq!(
        journal[0].body, text,
        "the SMSC joined the parts into the text sent"
    );
    assert!(
        text.chars().count() > 70 && m["parts"].as_u64().unwrap() >= 2,
        "{m}"
    );
    // Each part's receipt, recorded against the id the SMSC gave it.
    let ids: Vec<String> = m["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let id = journal[0].id.clone();
    eventually("receipts", async || {
        let receipts = db.receipts_of(&id).await.unwrap();
        receipts.len() == ids.len()
            && receipts
                .iter()
                .all(|(r, s)| ids.contains(r) && s.as_deref() == Some("DELIVRD"))
    })
    .await;

    // The SMSC goes away: not ready; it comes back: bound again, and codes go.
    drop(simulator);
    eventually("not bound", async || {
        let (status, says) = ready(&app).await;
        status == 200 && says.contains("sms gateway: not bound")
    })
    .await;
    let simulator = smsc(port, &out).unwrap().expect("the SMSC again");
    eventually("bound again", async || {
        ready(&app).await.1.contains("sms gateway: bound")
    })
    .await;
    let yerlan = app.session("851102310000").await;
    let r = app
        .form(
            RequestCode::PATH,
            &yerlan,
            "number=%2B77051234568&consent=yes",
            "/cabinet",
        )
        .await;
    assert!(location(&r).starts_with("/cabinet/request/"), "{r:?}");
    eventually("the next message written down", async || {
        taken(&out).iter().any(|m| m["to"] == "77051234568")
    })
    .await;
    drop(simulator);
    std::fs::remove_file(&out).ok();
}

#[tokio::test]
async fn a_refused_bind_is_said_by_ready_and_the_code_waits_in_the_outbox() {
    let out = std::env::temp_dir().join(format!("nomir-smsc-{}.jsonl", uuid::Uuid::new_v4()));
    let Some((simulator, port)) = smsc_anywhere(&out) else {
        return;
    };
    let app = App::spawn_with(|s| {
        s.sms = SmsGatewayChoice::Smpp(smpp_at(port, "wrong", Duration::from_secs(1)))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (status, says) = ready(&app).await;
    // Still ready: requests are taken, their messages wait.
    assert_eq!(status, 200, "{says}");
    assert!(says.contains("sms gateway: not bound"), "{says}");
    let aigerim = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    assert!(location(&r).starts_with("/cabinet/request/"), "{r:?}");
    assert_eq!(app.rows("sms_outbox WHERE state = 'pending'").await, 1);
    assert!(taken(&out).is_empty(), "nothing reached the SMSC");
    drop(simulator);
    std::fs::remove_file(&out).ok();
}

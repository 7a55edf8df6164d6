//! SMPP 3.4 against an SMSC that the test command installs (node-smpp as a
//! server, `server/tests/smsc-sim/`): the session binds as a transceiver,
//! a code goes as UCS-2 in concatenated parts that the SMSC joins into the
//! very text the journal holds, each part's delivery receipt is recorded,
//! `/ready` says whether the session is bound, and a lost SMSC is bound
//! again when it is back. Without node or the simulator's packages the
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

/// The SMSC on `port`, writing what it takes to `out`; `None` when it
/// cannot run here (and the test command did not ask for it).
fn smsc(port: u16, out: &Path) -> Option<Child> {
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
        return None;
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
    assert!(line.starts_with("listening"), "the SMSC said {line:?}");
    Some(child)
}

fn stop(mut child: Child) {
    child.kill().ok();
    child.wait().ok();
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
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = std::env::temp_dir().join(format!("nomir-smsc-{}.jsonl", uuid::Uuid::new_v4()));
    let Some(simulator) = smsc(port, &out) else {
        return;
    };
    let app = App::spawn_with(|s| {
        s.sms = SmsGatewayChoice::Smpp(SmppSettings {
            addr: format!("127.0.0.1:{port}"),
            system_id: "nomir".into(),
            password: "secret".into(),
            system_type: String::new(),
            sender: "Nomir".into(),
            timeout: Duration::from_secs(2),
        })
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
    stop(simulator);
    eventually("not bound", async || {
        let (status, says) = ready(&app).await;
        status == 503 && says.contains("sms gateway: not bound")
    })
    .await;
    let simulator = smsc(port, &out).unwrap();
    eventually("bound again", async || ready(&app).await.0 == 200).await;
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
    assert!(taken(&out).iter().any(|m| m["to"] == "77051234568"));
    stop(simulator);
    std::fs::remove_file(&out).ok();
}

#[tokio::test]
async fn a_refused_bind_leaves_the_instance_not_ready() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = std::env::temp_dir().join(format!("nomir-smsc-{}.jsonl", uuid::Uuid::new_v4()));
    let Some(simulator) = smsc(port, &out) else {
        return;
    };
    let app = App::spawn_with(|s| {
        s.sms = SmsGatewayChoice::Smpp(SmppSettings {
            addr: format!("127.0.0.1:{port}"),
            system_id: "nomir".into(),
            password: "wrong".into(),
            system_type: String::new(),
            sender: "Nomir".into(),
            timeout: Duration::from_secs(1),
        })
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (status, says) = ready(&app).await;
    assert_eq!(status, 503, "{says}");
    assert!(says.contains("sms gateway: not bound"), "{says}");
    stop(simulator);
}

//! The audit log's tamper evidence, for real: parallel writers keep every
//! hash chain whole on SQLite and PostgreSQL; `nomir audit verify` (the
//! real binary) names the first edited, deleted, inserted or moved entry
//! of a tampered copy with exit status 1; an anchor is a detached CMS that
//! `openssl cms -verify` accepts, and it still catches a deleted tail after
//! the chain's head row was rewritten to hide it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nomir::domain::audit::{Actor, AuditAction};
use nomir::domain::Iin;
use nomir::ports::AuditEntry;
use sqlx::{Connection, Executor};
use time::macros::datetime;

use crate::support::{at_once, engines, TestDb};

fn entry(n: usize) -> AuditEntry {
    let iin = Iin::parse("900515410001").unwrap();
    AuditEntry::new(
        datetime!(2026-11-25 05:00 UTC) + time::Duration::seconds(n as i64),
        Actor::Citizen(&iin),
        AuditAction::CodeSent,
        "900515410001",
        format!("request=r{n} number=+7701***4567"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_writers_keep_every_chain_whole() {
    for t in engines().await {
        let written = at_once(60, |i| {
            let audit = t.ports.audit.clone();
            async move { audit.append(&entry(i)).await }
        })
        .await;
        assert!(written.iter().all(Result::is_ok), "{}: {written:?}", t.name);
        let report = t.db.check_audit_chains(&[]).await.unwrap();
        assert_eq!(report.broken, None, "{}", t.name);
        assert_eq!(report.entries, 60, "{}", t.name);
        let heads = t.db.chain_heads().await.unwrap();
        assert_eq!(heads.iter().map(|h| h.seq).sum::<i64>(), 60, "{}", t.name);
        if t.name == "postgres" {
            // Connections spread over chains, so writers seldom queue on one head.
            assert!(heads.iter().filter(|h| h.seq > 0).count() > 1, "{heads:?}");
        } else {
            assert_eq!(heads[0].seq, 60);
        }
        t.cleanup().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_running_service_appending_meanwhile_is_not_taken_for_a_forger() {
    for t in engines().await {
        let audit = t.ports.audit.clone();
        let writer = tokio::spawn(async move {
            for i in 0..150 {
                audit.append(&entry(i)).await.unwrap();
            }
        });
        let mut checks = 0;
        while !writer.is_finished() {
            let report = t.db.check_audit_chains(&[]).await.unwrap();
            assert_eq!(report.broken, None, "{}", t.name);
            checks += 1;
        }
        writer.await.unwrap();
        assert!(checks > 0);
        let report = t.db.check_audit_chains(&[]).await.unwrap();
        assert_eq!((report.broken, report.entries), (None, 150), "{}", t.name);
        t.cleanup().await;
    }
}

/// A SQLite log of `n` entries written by the service, in a file of its own.
async fn log_with(n: usize) -> (TestDb, PathBuf) {
    let t = TestDb::sqlite().await;
    for i in 0..n {
        t.ports.audit.append(&entry(i)).await.unwrap();
    }
    let path = PathBuf::from(
        t.url
            .trim_start_matches("sqlite://")
            .split('?')
            .next()
            .unwrap(),
    );
    (t, path)
}

fn nomir(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nomir"))
        .arg("audit")
        .args(args)
        .env_remove("NOMIR_CONFIG")
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env(
            "NOMIR_SECRET",
            "a-secret-for-the-audit-chain-test-0123456789",
        )
        .env("NOMIR_DEMO", "1")
        .output()
        .expect("run nomir")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A copy of `original` with `sql` run on it, as someone holding the file
/// would (the append-only triggers dropped first).
async fn tampered(original: &Path, name: &str, sql: &str) -> PathBuf {
    let stem = original.file_stem().unwrap().to_string_lossy();
    let copy = original.with_file_name(format!("{stem}-{name}.db"));
    std::fs::remove_file(&copy).ok();
    // VACUUM INTO copies what is committed, the write-ahead log included.
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", original.display()))
        .await
        .unwrap();
    c.execute(format!("VACUUM INTO '{}'", copy.display()).as_str())
        .await
        .unwrap();
    c.close().await.unwrap();
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    c.execute(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; \
         DROP TRIGGER audit_anchors_no_update; DROP TRIGGER audit_anchors_no_delete;",
    )
    .await
    .unwrap();
    c.execute(sql).await.unwrap();
    c.close().await.unwrap();
    copy
}

#[tokio::test]
async fn verify_names_the_first_edited_deleted_inserted_or_moved_entry() {
    let (t, file) = log_with(6).await;
    let intact = nomir(&file, &["verify"]);
    assert_eq!(intact.status.code(), Some(0), "{intact:?}");
    assert!(
        stdout(&intact).contains("audit log intact: 6 entries"),
        "{intact:?}"
    );

    let cases = [
        (
            "edited",
            "UPDATE audit_log SET detail = 'request=forged' WHERE seq = 3",
            "entry 3 (chain 0, number 3) was edited",
        ),
        (
            "deleted",
            "DELETE FROM audit_log WHERE seq = 2",
            "entry number 2 of chain 0 was deleted",
        ),
        (
            "tail",
            "DELETE FROM audit_log WHERE seq >= 5",
            "entries 5 to 6 of chain 0 were deleted",
        ),
        (
            "inserted",
            "DROP INDEX audit_log_chain_seq; \
             INSERT INTO audit_log (at, actor, action, subject, detail, chain, seq, prev_hash, hash) \
             SELECT at, actor, action, subject, 'request=forged', chain, seq, prev_hash, hash \
             FROM audit_log WHERE seq = 4",
            "entry 7 was inserted into chain 0",
        ),
        (
            "unchained",
            "INSERT INTO audit_log (at, actor, action, subject, detail) \
             VALUES (1764046800, 'staff:x', 'sign_in', 'x', 'forged')",
            "entry 7 was inserted outside every chain",
        ),
        (
            // As if one entry from before the chains had been deleted.
            "before",
            "UPDATE audit_chain_start SET before_count = 1",
            "the entries from before the chains were 1 and are now 0",
        ),
        (
            "numberless",
            "DROP INDEX audit_log_chain_seq; \
             INSERT INTO audit_log (at, actor, action, subject, detail, chain) \
             VALUES (1764046800, 'staff:x', 'sign_in', 'x', 'forged', 0)",
            "entry 7 was inserted outside every chain",
        ),
        (
            "moved",
            "DROP INDEX audit_log_chain_seq; \
             UPDATE audit_log SET seq = 100 WHERE seq = 2; \
             UPDATE audit_log SET seq = 2 WHERE seq = 3; \
             UPDATE audit_log SET seq = 3 WHERE seq = 100;",
            "entry 3 (chain 0, number 2) was moved",
        ),
    ];
    for (name, sql, said) in cases {
        let copy = tampered(&file, name, sql).await;
        let out = nomir(&copy, &["verify"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        assert!(stdout(&out).contains(said), "{name}: {}", stdout(&out));
        std::fs::remove_file(copy).ok();
    }
    // The original was never touched by the checks.
    assert_eq!(nomir(&file, &["verify"]).status.code(), Some(0));
    t.cleanup().await;
}

#[tokio::test]
async fn an_anchor_is_checked_by_openssl_and_outlives_a_rewritten_head() {
    let (t, file) = log_with(5).await;
    let dir = std::env::temp_dir().join(format!("nomir-anchors-{}", uuid::Uuid::new_v4()));
    let made = nomir(&file, &["anchor", "--out", dir.to_str().unwrap()]);
    assert!(made.status.success(), "{made:?}");
    let json = PathBuf::from(stdout(&made).trim());
    let p7s = json.with_extension("p7s");
    let statement = std::fs::read_to_string(&json).unwrap();
    assert!(statement.contains("\"seq\":5"), "{statement}");
    // An outside party checks the signature with openssl and the CA's root.
    let roots = dir.join("roots.pem");
    std::fs::write(&roots, nomir::demo::pki::DEMO_ROOTS).unwrap();
    let openssl = |content: &Path| {
        Command::new("openssl")
            .args([
                "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any",
            ])
            .arg("-in")
            .arg(&p7s)
            .arg("-content")
            .arg(content)
            .arg("-CAfile")
            .arg(&roots)
            .arg("-out")
            .arg("/dev/null")
            .output()
            .unwrap()
    };
    let ok = openssl(&json);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let forged = dir.join("forged.txt");
    std::fs::write(&forged, statement.replace("\"seq\":5", "\"seq\":3")).unwrap();
    assert!(!openssl(&forged).status.success());
    std::fs::remove_file(&forged).unwrap();

    // The last two entries deleted and the head row rewritten to match:
    // the chain alone looks whole, the anchor kept outside does not.
    let copy = tampered(
        &file,
        "rewritten",
        "DELETE FROM audit_log WHERE seq > 3; DELETE FROM audit_anchors; \
         UPDATE audit_chains SET seq = 3, head = (SELECT hash FROM audit_log WHERE seq = 3) WHERE chain = 0;",
    )
    .await;
    let alone = nomir(&copy, &["verify"]);
    assert_eq!(alone.status.code(), Some(0), "{alone:?}");
    let held = nomir(&copy, &["verify", "--anchors", dir.to_str().unwrap()]);
    assert_eq!(held.status.code(), Some(1), "{held:?}");
    assert!(
        stdout(&held).contains("entries 4 to 5 of chain 0 were deleted"),
        "{}",
        stdout(&held)
    );
    std::fs::remove_file(copy).ok();
    std::fs::remove_dir_all(dir).ok();
    t.cleanup().await;
}

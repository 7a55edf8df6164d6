//! `nomir staff`: outside demo mode, officials get their accounts here.

use std::process::Command;

use nomir::ports::{AuditLog, StaffStore};

fn nomir(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomir"))
        .arg("staff")
        .args(args)
        .env_remove("NOMIR_CONFIG")
        .env("DATABASE_URL", url)
        .env("NOMIR_SECRET", "a-secret-for-the-staff-command-test-01234")
        // Demo settings: no NCA roots or seal key are needed here.
        .env("NOMIR_DEMO", "1")
        .output()
        .expect("run nomir")
}

#[tokio::test]
async fn an_administrator_adds_an_official_whose_password_is_shown_once() {
    let path = std::env::temp_dir().join(format!("nomir-staff-{}.db", std::process::id()));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let add = [
        "add",
        "--login",
        "anna.official",
        "--name",
        "Ахметова Анна",
        "--role",
        "provider_official",
    ];
    let out = nomir(&url, &add);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let password = text
        .lines()
        .find_map(|l| l.strip_prefix("password (shown once): "))
        .expect("the password")
        .to_owned();
    let db = nomir::database::Db::connect(&url).await.unwrap();
    let member = db.staff_member("anna.official").await.unwrap().unwrap();
    assert!(member.password_hash.starts_with("$argon2id$"));
    assert!(nomir::services::password::verify(
        &password,
        &member.password_hash
    ));
    assert_eq!(db.recent(1).await.unwrap()[0].action, "staff_added");
    // Taken logins, unknown roles and bad logins are refused; nothing changes.
    assert!(!nomir(&url, &add).status.success());
    let bad_role = [
        "add", "--login", "bob", "--name", "Bob", "--role", "minister",
    ];
    assert!(!nomir(&url, &bad_role).status.success());
    let bad_login = [
        "add",
        "--login",
        "Bob Smith",
        "--name",
        "Bob",
        "--role",
        "reviewer",
    ];
    assert!(!nomir(&url, &bad_login).status.success());
    let list = nomir(&url, &["list"]);
    assert_eq!(
        String::from_utf8_lossy(&list.stdout),
        "anna.official\tprovider_official\tАхметова Анна\n"
    );
    db.close().await;
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
    }
}

//! `nomir calendar`: the due date alone on standard output, the year's
//! days off, and a bad calendar file refused with its line.

use std::process::Command;

fn nomir(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nomir"))
        .args(args)
        .env_remove("NOMIR_CALENDAR")
        .output()
        .expect("run nomir")
}

#[test]
fn due_prints_the_date_and_nothing_else() {
    let out = nomir(&["calendar", "due", "2026-03-20", "3"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2026-03-30\n");
    let out = nomir(&["calendar", "due", "2025-01-02", "1"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2025-01-05\n");
}

#[test]
fn show_lists_the_years_days_off() {
    let out = nomir(&["calendar", "show", "2026"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2026-03-24\tTuesday\toff"), "{text}");
    assert!(!text.contains("2026-08-31"), "{text}");
    assert!(text.ends_with("247 working days\n"), "{text}");
}

#[test]
fn a_bad_file_or_date_is_refused_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("nomir-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.csv");
    std::fs::write(&file, "date,status,reason\n2026-03-21,off,Saturday\n").unwrap();
    let out = nomir(&[
        "calendar",
        "--file",
        file.to_str().unwrap(),
        "due",
        "2026-03-20",
        "1",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let out = nomir(&["calendar", "due", "20.03.2026", "1"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn an_imported_calendar_is_checked_stored_and_used_at_the_next_start() {
    let dir = std::env::temp_dir().join(format!("nomir-cal-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("nomir.db").display());
    let import = |file: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_nomir"))
            .args(["calendar", "import"])
            .arg(file)
            .env_remove("NOMIR_CALENDAR")
            .env_remove("NOMIR_CONFIG")
            .env("DATABASE_URL", &url)
            .env("NOMIR_SECRET", "a-secret-for-the-calendar-import-test-0123")
            // Demo settings: no NCA roots or seal key are needed to import.
            .env("NOMIR_DEMO", "1")
            .output()
            .expect("run nomir")
    };
    // A bad file is refused with its line, and nothing is stored.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "date,status,reason\n2026-12-19,off,Saturday\n").unwrap();
    let out = import(&bad);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 2"),
        "{out:?}"
    );
    let db = nomir::database::Db::connect(&url).await.unwrap();
    assert_eq!(db.latest_calendar().await.unwrap(), None);
    let (_, source) = nomir::calendar_data::load_for_server(None, &db)
        .await
        .unwrap();
    assert_eq!(source, "built-in");
    // The government declares 31 December 2026 a day off: the operator imports it.
    let good = dir.join("kz-2026b.csv");
    let text = format!(
        "{}2026-12-31,off,New Year's Eve (declared)\n",
        nomir::calendar_data::BUILT_IN
    );
    std::fs::write(&good, &text).unwrap();
    let out = import(&good);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("next start"));
    let (calendar, source) = nomir::calendar_data::load_for_server(None, &db)
        .await
        .unwrap();
    assert_eq!(source, "imported");
    assert!(!calendar.is_working(time::macros::date!(2026 - 12 - 31)));
    // 29 December 2026 (Tuesday): 30 December counts; 31 December, New
    // Year, its carried-over Monday and Christmas do not.
    assert_eq!(
        calendar.add_working_days(time::macros::date!(2026 - 12 - 29), 2),
        time::macros::date!(2027 - 01 - 05)
    );
    db.close().await;
    std::fs::remove_dir_all(&dir).ok();
}

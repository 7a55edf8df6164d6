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

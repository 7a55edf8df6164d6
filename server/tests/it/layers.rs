//! The dependency rule, checked on the sources: core ← ports ← services ←
//! adapters and database ← channels ← startup (started by the CLI). Cargo already keeps the
//! crates in order (`nomir-core` and `kz-eds` cannot name the server);
//! inside the server, each folder may name only the folders its layer
//! allows, and no channel names another.

use std::path::{Path, PathBuf};

/// Each top-level module of the server and the modules it must never name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "ports",
        &[
            "services",
            "database",
            "adapters",
            "documents",
            "demo",
            CHANNELS_AND_UP,
        ],
    ),
    (
        "services",
        &["database", "adapters", "demo", CHANNELS_AND_UP],
    ),
    (
        "database",
        &["services", "adapters", "documents", "demo", CHANNELS_AND_UP],
    ),
    (
        "adapters",
        &["services", "database", "documents", "demo", CHANNELS_AND_UP],
    ),
    (
        "documents",
        &["database", "adapters", "demo", CHANNELS_AND_UP],
    ),
    // Settings reach the channels as plain values from the composition root.
    (
        "common",
        &["portal", "office", "api", "cli", "startup", "config"],
    ),
    ("portal", &["office", "api", "cli", "startup", "config"]),
    ("office", &["portal", "api", "cli", "startup", "config"]),
    ("api", &["portal", "office", "cli", "startup", "config"]),
    // The command line is the program's entry: its `serve` starts the
    // composition root, so it alone may name `startup`.
    ("cli", &["portal", "office", "api"]),
    // Demo mode serves a route (over `common`) but names no other channel.
    (
        "demo",
        &["portal", "office", "api", "cli", "startup", "config"],
    ),
];

/// Stands for every channel and the composition root.
const CHANNELS_AND_UP: &str = "common portal office api cli startup config";

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The files of top-level module `name` (a folder or a single file).
fn module_files(name: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    if src.join(name).is_dir() {
        sources(&src.join(name), &mut files);
    } else {
        files.push(src.join(format!("{name}.rs")));
    }
    files
}

/// The top-level modules that `source` names through `crate::`: every
/// path, including each member of a `crate::{…}` group written over
/// several lines. Comments are left out.
fn named_modules(source: &str) -> Vec<String> {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ");
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let path = &code[at + "crate::".len()..];
        match path.strip_prefix('{') {
            Some(group) => {
                // The group's members, at its top level only.
                let (mut depth, mut member) = (0, String::new());
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            names.push(ident(&member));
                            member.clear();
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        member.push(c);
                    }
                }
                names.push(ident(&member));
            }
            None => names.push(ident(path)),
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

#[test]
fn every_layer_names_only_the_layers_below_it_and_no_channel_names_another() {
    let mut broken = Vec::new();
    for (module, forbidden) in FORBIDDEN {
        let forbidden: Vec<&str> = forbidden.iter().flat_map(|f| f.split(' ')).collect();
        for file in module_files(module) {
            let text = std::fs::read_to_string(&file).unwrap();
            for other in named_modules(&text) {
                if forbidden.contains(&other.as_str()) {
                    broken.push(format!("{}: {module} names {other}", file.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layers crossed:\n{}", broken.join("\n"));
}

#[test]
fn a_crossing_is_seen_in_each_form_a_path_takes() {
    assert_eq!(
        named_modules("use crate::portal::PortalService;"),
        ["portal"]
    );
    assert_eq!(
        named_modules("let x = crate::office::routes(); let y = crate::api::router();"),
        ["office", "api"]
    );
    assert_eq!(
        named_modules("use crate::{office, portal::{views, lang}};"),
        ["office", "portal"]
    );
    assert_eq!(
        named_modules("use crate::{\n    common::AppState,\n    portal::views,\n};"),
        ["common", "portal"]
    );
    assert_eq!(
        named_modules("use crate::services::portal_things;"),
        ["services"]
    );
    assert!(named_modules("// see crate::portal::PortalService").is_empty());
    assert_eq!(named_modules("use crate::portals::X;"), ["portals"]);
}

/// The ports a channel reads through `Ports` itself rather than a service:
/// `name.field` after `ports.` that is not a method call.
fn ports_fields_reached(source: &str) -> Vec<String> {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<String>()
        .split_whitespace()
        .collect();
    let mut fields = Vec::new();
    for (at, _) in code.match_indices("ports.") {
        if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "ports.".len()..];
        let field: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !field.is_empty() && !rest[field.len()..].starts_with('(') {
            fields.push(field);
        }
    }
    fields
}

#[test]
fn channels_reach_the_stores_only_through_the_services() {
    let mut broken = Vec::new();
    for module in ["portal", "office", "api", "cli", "common"] {
        for file in module_files(module) {
            let text = std::fs::read_to_string(&file).unwrap();
            for field in ports_fields_reached(&text) {
                // The clock is no store: a view may say what time it is.
                if field != "clock" {
                    broken.push(format!("{}: ports.{field}", file.display()));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "a channel skips the services:\n{}",
        broken.join("\n")
    );
    assert_eq!(
        ports_fields_reached("self.ports\n    .requests\n    .request(id); ports.clock.now()"),
        ["requests", "clock"]
    );
    assert!(ports_fields_reached("my_ports.requests; services::x(&ports)").is_empty());
}

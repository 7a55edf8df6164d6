//! The dependency rule, checked on the sources: core ← ports ← services ←
//! adapters and database ← channels ← startup. Cargo already keeps the
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
        &["services", "database", "documents", CHANNELS_AND_UP],
    ),
    (
        "documents",
        &["database", "adapters", "demo", CHANNELS_AND_UP],
    ),
    ("common", &["portal", "office", "api", "cli", "startup"]),
    ("portal", &["office", "api", "cli", "startup"]),
    ("office", &["portal", "api", "cli", "startup"]),
    ("api", &["portal", "office", "cli", "startup"]),
    ("cli", &["portal", "office", "api"]),
];

/// Stands for every channel and the composition root.
const CHANNELS_AND_UP: &str = "common portal office api cli startup";

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

/// The modules of `forbidden` that `line` names through `crate::`.
fn crossings<'a>(line: &str, forbidden: &[&'a str]) -> Vec<&'a str> {
    let code = line.split("//").next().unwrap_or_default();
    let Some(at) = code.find("crate::") else {
        return Vec::new();
    };
    let path = &code[at + "crate::".len()..];
    forbidden
        .iter()
        .copied()
        .filter(|other| {
            let named = |rest: &str| rest.starts_with("::") || rest.starts_with(';');
            match path.strip_prefix('{') {
                // `crate::{a::X, b}`: any member of the group.
                Some(group) => group.split([',', '}']).any(|member| {
                    member.trim() == *other || member.trim().starts_with(&format!("{other}::"))
                }),
                None => path.strip_prefix(other).is_some_and(named),
            }
        })
        .collect()
}

#[test]
fn every_layer_names_only_the_layers_below_it_and_no_channel_names_another() {
    let mut broken = Vec::new();
    for (module, forbidden) in FORBIDDEN {
        let forbidden: Vec<&str> = forbidden.iter().flat_map(|f| f.split(' ')).collect();
        for file in module_files(module) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for other in crossings(line, &forbidden) {
                    broken.push(format!(
                        "{}:{}: {module} names {other}",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layers crossed:\n{}", broken.join("\n"));
}

#[test]
fn a_crossing_is_seen_in_each_form_a_path_takes() {
    let channels = ["portal", "office"];
    assert_eq!(
        crossings("use crate::portal::PortalService;", &channels),
        ["portal"]
    );
    assert_eq!(
        crossings("    let x = crate::office::routes();", &channels),
        ["office"]
    );
    assert_eq!(
        crossings("use crate::{office, portal::views};", &channels),
        ["portal", "office"]
    );
    assert!(crossings("use crate::services::portal_things;", &channels).is_empty());
    assert!(crossings("// see crate::portal::PortalService", &channels).is_empty());
    assert!(crossings("use crate::portals::X;", &channels).is_empty());
}

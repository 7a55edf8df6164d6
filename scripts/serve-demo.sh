#!/usr/bin/env bash
# Builds everything (installing what is missing) and serves the demo on
# http://127.0.0.1:3000 with an SQLite database in data/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

echo "==> building (release)"
cargo leptos build --release

echo "==> serving the demo on http://${NOMIR_ADDR:-127.0.0.1:3000}"
exec ./target/release/nomir serve --demo

#!/usr/bin/env bash
# Builds everything (installing what is missing) and serves the demo on
# http://127.0.0.1:3000 with an SQLite database in data/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh

echo "==> building (release)"
cargo leptos build --release

# The NCALayer stand-in, so the EDS step works in the demo; stopped with the server.
./target/release/nomir demo-signer &
SIGNER_PID=$!
trap 'kill $SIGNER_PID 2>/dev/null' EXIT
echo "==> serving the demo on http://${NOMIR_ADDR:-127.0.0.1:3000} (demo signer on 127.0.0.1:13579)"
./target/release/nomir serve --demo

#!/usr/bin/env bash
# A short `nomir load` run against a fresh demo server (SQLite): every
# channel binds, nothing fails, and the report has its fields. The test
# command runs it; docs/performance.md has the full runs.
set -euo pipefail
cd "$(dirname "$0")/.."
NOMIR="${NOMIR:-./target/release/nomir}"
DIR="$(mktemp -d)"
ADDR="127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DB="sqlite://$DIR/load.db?mode=rwc"
# The generator gives each person an address of their own as a proxy
# would (X-Forwarded-For), so the server trusts this machine as its proxy.
NOMIR_ADDR="$ADDR" DATABASE_URL="$DB" NOMIR_TRUSTED_PROXY=127.0.0.1 \
  "$NOMIR" serve --demo >"$DIR/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://$ADDR/health" >/dev/null 2>&1 && break
  sleep 0.5
done
DATABASE_URL="$DB" "$NOMIR" demo-population 2000
"$NOMIR" load --base "http://$ADDR" --duration 5s --concurrency 8 --population 2000 \
  --pid "$PID" --json | tee "$DIR/report.txt"
tail -n 1 "$DIR/report.txt" | jq -e '
  .completed >= 9 and .failed == 0 and .bindings_per_s > 0 and .p99_ms > 0
  and (.steps | has("portal.certify") and has("app.biometrics") and has("bank.biometrics"))
  and .server_rss_mb > 0' >/dev/null || {
  echo "load smoke: the report is not as expected"; tail -n 30 "$DIR/server.log"; exit 1; }
echo "load smoke: passed"

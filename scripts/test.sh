#!/usr/bin/env bash
# Runs every test on a fresh machine: Rust tests on SQLite and PostgreSQL,
# then Playwright in headless Chromium against a freshly built demo server.
# Installs what is missing (toolchain parts, Chromium, npm packages) and
# starts the local PostgreSQL if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
. scripts/setup.sh

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Chromium for Playwright (Playwright's own download is not reachable) ---
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  say "installing Chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH

# --- curl and jq for the API walkthrough ---
if ! command -v jq >/dev/null || ! command -v curl >/dev/null; then
  say "installing curl and jq"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl jq >/dev/null
fi

# --- OpenSSL's GOST engine: the independent GOST implementation the
# signature tests check ours against (they fail without it, never skip) ---
if ! openssl engine -t gost >/dev/null 2>&1; then
  say "installing OpenSSL's GOST engine"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libengine-gost-openssl >/dev/null
fi
export NOMIR_REQUIRE_GOST_ENGINE=1

# --- poppler's pdfsig: the independent PDF reader that checks the result
# document's PAdES signature, with NSS's certutil for the roots it trusts
# (the test fails without them, never skips) ---
if ! command -v pdfsig >/dev/null || ! command -v certutil >/dev/null; then
  say "installing poppler-utils (pdfsig) and libnss3-tools (certutil)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils libnss3-tools >/dev/null
fi
export NOMIR_REQUIRE_PDFSIG=1

# --- PostgreSQL: use DATABASE_URL_PG if given, else the local cluster ---
if [ -z "${DATABASE_URL_PG:-}" ]; then
  if ! pg_isready -h 127.0.0.1 -q 2>/dev/null; then
    say "starting PostgreSQL"
    cluster="$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')"
    as_root pg_ctlcluster $cluster start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
  fi
  if ! PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -Atqc 'select 1' >/dev/null 2>&1; then
    as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  fi
  export DATABASE_URL_PG="postgres://postgres:postgres@127.0.0.1:5432/postgres"
fi
# Each test creates (and drops) its own database, so runs never collide.

# --- a PostgreSQL cluster of the fault test's own, which it restarts under
# load while the shared one serves every other test ---
FAULTS_CLUSTER=nomir_faults
FAULTS_PORT="${FAULTS_PORT:-5439}"
PG_VERSION="$(pg_lsclusters -h | awk 'NR==1 {print $1}')"
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$FAULTS_CLUSTER"; then
  say "creating the fault test's PostgreSQL cluster (port $FAULTS_PORT)"
  as_root pg_createcluster "$PG_VERSION" "$FAULTS_CLUSTER" -p "$FAULTS_PORT" >/dev/null
fi
FAULTS_PORT="$(pg_lsclusters -h | awk -v c="$FAULTS_CLUSTER" '$2 == c {print $3}')"
as_root pg_ctlcluster "$PG_VERSION" "$FAULTS_CLUSTER" start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$FAULTS_PORT" -q && break; sleep 1; done
if ! PGPASSWORD=postgres psql -h 127.0.0.1 -p "$FAULTS_PORT" -U postgres -Atqc 'select 1' >/dev/null 2>&1; then
  as_root su postgres -c "psql -p $FAULTS_PORT -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi
export NOMIR_FAULTS_PG="postgres://postgres:postgres@127.0.0.1:$FAULTS_PORT/postgres"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo "; fi
export NOMIR_FAULTS_PG_RESTART="${SUDO}pg_ctlcluster $PG_VERSION $FAULTS_CLUSTER restart"
export NOMIR_REQUIRE_PG_RESTART=1

# --- the SMSC the SMPP test binds to: node-smpp as a server, an
# implementation independent of ours (the test fails without it, never skips) ---
say "installing the SMSC simulator's packages"
(cd server/tests/smsc-sim && npm ci --no-audit --no-fund >/dev/null)
export NOMIR_REQUIRE_SMSC_SIM=1

say "Rust tests (SQLite and PostgreSQL)"
cargo test --workspace

say "building the release site"
cargo leptos build --release

say "installing the end-to-end test packages"
(cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)

# --- a demo server on a fresh SQLite file, for Playwright ---
E2E_DIR="$(mktemp -d)"
# Free ports picked by the kernel, so the run goes on beside a demo someone
# has running (its server on 3000, its demo signer on NCALayer's 13579).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
E2E_ADDR="${E2E_ADDR:-127.0.0.1:$(free_port)}"
SIGNER_ADDR="${SIGNER_ADDR:-127.0.0.1:$(free_port)}"
# The cleanup must not decide the exit status: `wait` on a process we just
# stopped returns 143, and under `set -e` that would end the run as a failure.
cleanup() {
  local status=$?
  for pid in ${SERVER_PID:-} ${SIGNER_PID:-} ${API_PID:-}; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$E2E_DIR"
  exit "$status"
}
trap cleanup EXIT
# Another server on the address would answer the health check and the tests.
if curl -fsS "http://$E2E_ADDR/health" >/dev/null 2>&1; then
  echo "something already answers on $E2E_ADDR; stop it or set E2E_ADDR" >&2
  exit 1
fi
say "starting the demo server on $E2E_ADDR"
NOMIR_ADDR="$E2E_ADDR" NOMIR_SIGNER_URL="ws://$SIGNER_ADDR" \
  DATABASE_URL="sqlite://$E2E_DIR/e2e.db?mode=rwc" \
  ./target/release/nomir serve --demo >"$E2E_DIR/server.log" 2>&1 &
SERVER_PID=$!
say "starting the demo signer (NCALayer stand-in) on $SIGNER_ADDR"
./target/release/nomir demo-signer --addr "$SIGNER_ADDR" >"$E2E_DIR/signer.log" 2>&1 &
SIGNER_PID=$!
for _ in $(seq 1 60); do
  curl -fsS "http://$E2E_ADDR/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$E2E_DIR/server.log"; exit 1; }
  sleep 0.5
done
sleep 0.5
for pid in "$SERVER_PID" "$SIGNER_PID"; do
  kill -0 "$pid" 2>/dev/null || { cat "$E2E_DIR/server.log" "$E2E_DIR/signer.log"; exit 1; }
done

say "Playwright in headless Chromium"
# The operator's command and the server's database, for the maintenance test.
if ! (cd end2end && BASE_URL="http://$E2E_ADDR" SIGNER_ADDR="$SIGNER_ADDR" \
      NOMIR_BIN="$ROOT/target/release/nomir" E2E_DATABASE_URL="sqlite://$E2E_DIR/e2e.db" \
      npx playwright test); then
  echo "--- server log ---"; tail -n 50 "$E2E_DIR/server.log"
  echo "--- signer log ---"; tail -n 20 "$E2E_DIR/signer.log"
  exit 1
fi
say "the README's mobile-app and bank bindings and a notification with curl, against a fresh demo server"
API_ADDR="${API_ADDR:-127.0.0.1:$(free_port)}"
NOMIR_ADDR="$API_ADDR" DATABASE_URL="sqlite://$E2E_DIR/api.db?mode=rwc" \
  ./target/release/nomir serve --demo >"$E2E_DIR/api-server.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 60); do
  curl -fsS "http://$API_ADDR/health" >/dev/null 2>&1 && break
  sleep 0.5
done
if ! { BASE="http://$API_ADDR" bash scripts/api-demo-mobile.sh &&
  BASE="http://$API_ADDR" bash scripts/api-demo-certificate.sh &&
  BASE="http://$API_ADDR" bash scripts/api-demo-bank.sh &&
  BASE="http://$API_ADDR" bash scripts/api-demo-notify.sh; }; then
  echo "--- API server log ---"; tail -n 50 "$E2E_DIR/api-server.log"
  exit 1
fi
say "the OpenAPI document against the live server (schemathesis, bounded examples)"
if ! BASE="http://$API_ADDR" DATABASE_URL="sqlite://$E2E_DIR/api.db?mode=rwc" bash scripts/api-fuzz.sh; then
  echo "--- API server log ---"; tail -n 50 "$E2E_DIR/api-server.log"
  exit 1
fi
kill "$API_PID" 2>/dev/null || true
wait "$API_PID" 2>/dev/null || true
say "a short load run through every channel (nomir load), against a fresh demo server"
bash scripts/load-smoke.sh
say "coverage-guided fuzzing of what reads hostile input (cargo-fuzz, bounded)"
bash scripts/fuzz.sh

say "all tests passed"

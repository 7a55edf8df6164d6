#!/usr/bin/env bash
# Every load figure of docs/performance.md in one run, on this machine,
# generator and servers together: pgbench's TPC-B and simple-update on the
# same PostgreSQL, then `nomir load` (portal, app and bank, 1:1:1) against
# a demo server on SQLite (commits waiting for the disk, then not), on
# PostgreSQL (with its commits per binding), each at its maximum and then
# paced at 70 % of it, and two instances on one PostgreSQL database.
# Needs a release build (cargo leptos build --release) and
# DATABASE_URL_PG naming a PostgreSQL server (databases are made and
# dropped). LOAD_SECONDS (default 20) and LOAD_CONCURRENCY (32) tune it.
set -euo pipefail
cd "$(dirname "$0")/.."
NOMIR=./target/release/nomir
ADMIN="${DATABASE_URL_PG:?DATABASE_URL_PG names a PostgreSQL server}"
PG_BASE="${ADMIN%/*}"
SECS="${LOAD_SECONDS:-20}"
CONC="${LOAD_CONCURRENCY:-32}"
PEOPLE=60000
DIR="$(mktemp -d)"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$DIR"' EXIT

psql_admin() { psql "$ADMIN" -qtAX "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
fresh_pg() { psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; }

# serve DATABASE_URL [sync]: a demo server; sets PORT and PID.
serve() {
  PORT="$(free_port)"
  NOMIR_ADDR="127.0.0.1:$PORT" DATABASE_URL="$1" NOMIR_SQLITE_SYNC="${2:-full}" \
    NOMIR_TRUSTED_PROXY=127.0.0.1 RUST_LOG=warn "$NOMIR" serve --demo >"$DIR/server-$PORT.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "the server on $1 did not start"; tail "$DIR/server-$PORT.log"; exit 1
}

# load NAME PORT PID FIRST [extra args]: one run, its JSON kept as NAME;
# POPULATION (people from FIRST on it may use) defaults to the rest.
load() {
  local name=$1 port=$2 pid=$3 first=$4; shift 4
  "$NOMIR" load --base "http://127.0.0.1:$port" --duration "${SECS}s" --concurrency "$CONC" \
    --first "$first" --population "${POPULATION:-$((PEOPLE - first))}" --pid "$pid" --json "$@" |
    tail -n 1 >"$DIR/$name.json"
  jq -c --arg n "$name" '{run: $n, bindings_per_s, completed, failed, p50_ms, p95_ms, p99_ms,
    worst_step_p99_ms: ([.steps[].p99_ms] | max), server_rss_mb, errors}' "$DIR/$name.json"
}
rate_of() { jq -r '.bindings_per_s' "$DIR/$1.json"; }
next_of() { jq -r '.next_first' "$DIR/$1.json"; }
seventy() { python3 -c "print(round(0.7 * $1, 1))"; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(psql_admin -c 'SHOW server_version')"

echo "== pgbench (scale 10, 16 clients, 2 threads, ${SECS} s)"
fresh_pg nomir_pgbench
pgbench -q -i -s 10 "$PG_BASE/nomir_pgbench" >/dev/null 2>&1
for mode in "tpc-b:" "simple-update:-N"; do
  tps=$(pgbench -c 16 -j 2 -T "$SECS" ${mode#*:} "$PG_BASE/nomir_pgbench" 2>/dev/null |
    awk '/^tps/ {print $3; exit}')
  echo "{\"run\":\"pgbench ${mode%%:*}\",\"tps\":$tps}"
done
psql_admin -c "DROP DATABASE nomir_pgbench WITH (FORCE)"

for sync in full normal; do
  echo "== SQLite, NOMIR_SQLITE_SYNC=$sync"
  serve "sqlite://$DIR/$sync.db?mode=rwc" "$sync"
  DATABASE_URL="sqlite://$DIR/$sync.db?mode=rwc" "$NOMIR" demo-population "$PEOPLE" >/dev/null
  load "sqlite-$sync" "$PORT" "$PID" 0
  load "sqlite-$sync-70" "$PORT" "$PID" "$(next_of "sqlite-$sync")" --rate "$(seventy "$(rate_of "sqlite-$sync")")"
  kill "$PID"; wait "$PID" 2>/dev/null || true
done

echo "== PostgreSQL, one instance"
fresh_pg nomir_perf
serve "$PG_BASE/nomir_perf"
DATABASE_URL="$PG_BASE/nomir_perf" "$NOMIR" demo-population "$PEOPLE" >/dev/null
commits() { psql_admin -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'nomir_perf'"; }
before=$(commits)
load postgres "$PORT" "$PID" 0
after=$(commits)
echo "{\"run\":\"postgres commits\",\"commits\":$((after - before)),\"per_binding\":$(python3 -c "print(round(($after - $before) / max(1, $(jq .completed "$DIR/postgres.json")), 1))")}"
load postgres-70 "$PORT" "$PID" "$(next_of postgres)" --rate "$(seventy "$(rate_of postgres)")"
first=$(next_of postgres-70)

echo "== PostgreSQL, two instances on one database (half the generator's workers each)"
ONE_PORT=$PORT ONE_PID=$PID
serve "$PG_BASE/nomir_perf"
half=$((CONC / 2))
share=$(((PEOPLE - first) / 2))
CONC=$half POPULATION=$share load two-a "$ONE_PORT" "$ONE_PID" "$first" &
A=$!
CONC=$half POPULATION=$share load two-b "$PORT" "$PID" $((first + share)) &
B=$!
wait "$A"
wait "$B"
echo "{\"run\":\"two instances\",\"bindings_per_s\":$(python3 -c "print(round($(rate_of two-a) + $(rate_of two-b), 1))")}"
kill "${PIDS[@]}" 2>/dev/null || true
for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
psql_admin -c "DROP DATABASE nomir_perf WITH (FORCE)"

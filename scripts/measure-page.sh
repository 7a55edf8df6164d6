#!/usr/bin/env bash
# Measures what a citizen's browser downloads: the WASM's size (raw, gzip,
# Brotli) and the cabinet page's total transfer with its CSS, JS and WASM
# as a browser asks for them (Accept-Encoding: br, gzip), plus each file's
# time on one keep-alive connection. Needs a release build first:
#   cargo leptos build --release && bash scripts/measure-page.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ADDR="${MEASURE_ADDR:-127.0.0.1:3300}"
BASE="http://$ADDR"
DIR="$(mktemp -d)"
trap 'kill "${PID:-}" 2>/dev/null || true; wait "${PID:-}" 2>/dev/null || true; rm -rf "$DIR"' EXIT

NOMIR_ADDR="$ADDR" DATABASE_URL="sqlite://$DIR/m.db?mode=rwc" ./target/release/nomir serve --demo >"$DIR/log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do curl -fsS "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done

wasm="$(ls target/site/pkg/*.wasm | head -1)"
printf 'WASM %s: %s bytes, gzip -9 %s, brotli %s\n' "$(basename "$wasm")" \
  "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)" \
  "$( [ -f "$wasm.br" ] && stat -c %s "$wasm.br" || echo '?')"

# Sign in as a demo citizen the way the page's form does.
sign_in="$(curl -fsS "$BASE/sign-in" | grep -o '/fn/sign_in[0-9]\+' | head -1)"
curl -fsS -o /dev/null -c "$DIR/jar" -H "Origin: $BASE" -H "Accept: application/json" \
  --data "iin=000229510005&password=demo-pass-2026" "$BASE$sign_in"
curl -fsS -b "$DIR/jar" -o "$DIR/cabinet.html" "$BASE/cabinet"
assets="$(grep -o '/pkg/[^"]*\.\(css\|js\|wasm\)' "$DIR/cabinet.html" | sort -u)"

# One curl, one keep-alive connection: the page, then each file it loads.
args=(-b "$DIR/jar" -H "Accept-Encoding: br, gzip" -w '%{size_download}\t%{time_total}\t%header{content-encoding}\t%header{cache-control}\t%{url}\n')
args+=(-o /dev/null "$BASE/cabinet")
for a in $assets; do args+=(-o /dev/null "$BASE$a"); done
curl -sS "${args[@]}" >"$DIR/report"
printf '%-9s %-9s %-6s %-40s %s\n' bytes seconds enc cache-control url
awk -F'\t' '{ printf "%-9s %-9s %-6s %-40s %s\n", $1, $2, ($3 == "" ? "-" : $3), $4, $5; total += $1 }
  END { printf "total transferred for the cabinet page: %d bytes\n", total }' "$DIR/report"

#!/usr/bin/env bash
# GOST R 34.10-2012 verifications a second, Nomir's against OpenSSL's GOST
# engine, parameter set by parameter set, on one core each, in the same run:
# ROUNDS (default 3) rounds taking turns, the best of each side kept, as
# this shared machine's runs vary by up to a fifth. Needs a C compiler,
# OpenSSL's headers (libssl-dev) and its GOST engine
# (libengine-gost-openssl). Prints a table and, last, one JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C
ROUNDS="${ROUNDS:-3}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT

cc -O2 -o "$DIR/openssl-gost-speed" eds/benches/openssl_gost_speed.c -lcrypto -Wno-deprecated-declarations
BENCH="$(cargo test -p kz-eds --release --lib --no-run --message-format=json |
  jq -r 'select(.profile.test == true and .target.name == "kz_eds") | .executable // empty' | tail -n 1)"
[ -x "$BENCH" ] || { echo "the kz-eds test binary was not built" >&2; exit 1; }

for round in $(seq 1 "$ROUNDS"); do
  "$BENCH" --ignored --nocapture --exact gost::tests::bench_verify 2>/dev/null |
    awk -v r="$round" '/verifications\/s/ {sub(":", "", $1); print "nomir", r, $1, $2}'
  "$DIR/openssl-gost-speed" | awk -v r="$round" '{sub(":", "", $1); print "openssl", r, $1, $2}'
done >"$DIR/runs"

# The best of the rounds, each side, each set.
awk '{k = $1 " " $3; if ($4 > best[k]) best[k] = $4} END {for (k in best) print k, best[k]}' "$DIR/runs" |
  sort >"$DIR/best"
printf '%-15s %10s %10s %8s\n' "parameter set" "Nomir" "OpenSSL" "ratio"
join <(awk '$1 == "nomir" {print $2, $3}' "$DIR/best") <(awk '$1 == "openssl" {print $2, $3}' "$DIR/best") |
  awk '{printf "%-15s %10d %10d %8.2f\n", $1, $2, $3, $2 / $3}' | tee "$DIR/table"
[ -s "$DIR/table" ] || { echo "no parameter set was timed on both sides" >&2; exit 1; }
awk '{printf "%s\"%s\":{\"nomir\":%d,\"openssl\":%d}", (NR > 1 ? "," : "{"), $1, $2, $3} END {print "}"}' "$DIR/table"

#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of the paths that read
# hostile input: the CMS and certificate path, a real signature changed,
# the GOST code, the biometric JWS, the result document's check, the form
# fields' parsers and the JSON API's bodies (fuzz/fuzz_targets/).
#
# Each target first runs its regressions (fuzz/regressions/<target>/, the
# inputs that once crashed it), then FUZZ_SECONDS (default 20) of new
# inputs. A crash fails the run; its input is left in fuzz/artifacts/ and
# belongs in fuzz/regressions/ with the fix.
#   bash scripts/fuzz.sh [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
CARGO_FUZZ_VERSION="0.13.1"
FUZZ_SECONDS="${FUZZ_SECONDS:-20}"

if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  printf '\n==> installing cargo-fuzz %s\n' "$CARGO_FUZZ_VERSION"
  cargo install "cargo-fuzz@$CARGO_FUZZ_VERSION" --locked
fi
# cargo-fuzz is made for nightly toolchains; this lets the machine's one
# (stable) toolchain stand in for one.
export RUSTC_BOOTSTRAP=1
cd fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  list="$(cargo fuzz list)"
  mapfile -t targets <<<"$list"
fi
[ -n "${targets[0]:-}" ] || { echo "fuzz: no targets" >&2; exit 1; }
cargo fuzz build -s none
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS" || true' EXIT
for t in "${targets[@]}"; do
  if [ -d "regressions/$t" ] && [ -n "$(ls -A "regressions/$t")" ]; then
    printf '\n==> fuzz %s: regressions\n' "$t"
    cargo fuzz run -s none "$t" "regressions/$t" -- -runs=0
  fi
  printf '\n==> fuzz %s: %s s\n' "$t" "$FUZZ_SECONDS"
  mkdir -p "corpus/$t"
  if ! cargo fuzz run -s none "$t" "corpus/$t" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$LOGS/$t" 2>&1; then
    tail -n 40 "$LOGS/$t"
    echo "fuzz $t: crashed; the input is in fuzz/artifacts/$t/"
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|new_units_added)' "$LOGS/$t" || true
done

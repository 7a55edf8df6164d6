#!/usr/bin/env bash
# Property-based run of the OpenAPI document against a live demo server
# (schemathesis, from PyPI, into tools/): a bounded number of generated
# calls per operation must never get a 5xx, and every documented answer
# must match its schema. Calls are made as a client registered here with a
# high rate (so generated calls test the API, not the rate limit) and, for
# the mobile app's citizen operations, as a demo citizen signed in with EDS.
#   BASE=http://127.0.0.1:3101 DATABASE_URL=sqlite://… bash scripts/api-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${BASE:?the server's address}"
: "${DATABASE_URL:?the server's database}"
NOMIR="${NOMIR:-./target/release/nomir}"
EXAMPLES="${FUZZ_EXAMPLES:-25}"
VENV="tools/schemathesis"
if [ ! -x "$VENV/bin/st" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==4.*"
fi

SECRET=$(openssl rand -hex 24)
echo "$SECRET" | NOMIR_DEMO=1 "$NOMIR" client add --id "fuzz-$(openssl rand -hex 4)" \
  --name "API fuzzing" --kind mobile_app --scopes "bind change" \
  --calls-per-minute 1000000 --secret-from-stdin >"$VENV/client.txt"
ID=$(sed -n 's/^client \([a-z0-9-]*\) added.*/\1/p' "$VENV/client.txt")
TOKEN=$(curl -fsS -u "$ID:$SECRET" -d grant_type=client_credentials "$BASE/api/v1/token" | jq -r .access_token)
CHALLENGE=$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/citizen/challenges")
CMS=$(jq -r .challenge_base64 <<<"$CHALLENGE" | "$NOMIR" demo-sign --iin 010721510001)
CITIZEN=$(jq -n --arg id "$(jq -r .challenge_id <<<"$CHALLENGE")" --arg cms "$CMS" \
    '{challenge_id: $id, cms_base64: $cms}' |
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @- \
    "$BASE/api/v1/citizen/sessions" | jq -r .citizen_token)

"$VENV/bin/st" run "$BASE/api/v1/openapi.json" --url "$BASE" \
  -H "Authorization: Bearer $TOKEN" -H "X-Citizen-Token: $CITIZEN" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "$EXAMPLES" --seed 20261125

#!/usr/bin/env bash
# Property-based run of the OpenAPI document against a live demo server
# (schemathesis, from PyPI, into tools/): a bounded number of generated
# calls per operation must never get a 5xx, and every documented answer
# must match its schema. Calls are made as clients registered here with a
# high rate (so generated calls test the API, not the rate limit), each
# kind for its own operations, so that none is only ever answered 401 or
# 403: the mobile app with a demo citizen signed in with EDS, a bank, and
# the token endpoint with a client's real credentials.
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

# A client registered here with a high rate; prints its id, keeps its secret.
register() { # kind scopes secret
  echo "$3" | NOMIR_DEMO=1 "$NOMIR" client add --id "fuzz-${1%%_*}-$(openssl rand -hex 4)" \
    --name "API fuzzing ($1)" --kind "$1" --scopes "$2" \
    --calls-per-minute 1000000 --secret-from-stdin |
    sed -n 's/^client \([a-z0-9_-]*\) added.*/\1/p'
}
fuzz() {
  "$VENV/bin/st" run "$BASE/api/v1/openapi.json" --url "$BASE" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$EXAMPLES" --seed 20261125 "$@"
}

# 1. The mobile app with a citizen signed in with EDS: every operation but
#    the banks' and the token endpoint's.
SECRET=$(openssl rand -hex 24)
ID=$(register mobile_app "bind change" "$SECRET")
TOKEN=$(curl -fsS -u "$ID:$SECRET" -d grant_type=client_credentials "$BASE/api/v1/token" | jq -r .access_token)
CHALLENGE=$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/citizen/challenges")
CMS=$(jq -r .challenge_base64 <<<"$CHALLENGE" | "$NOMIR" demo-sign --iin 010721510001)
CITIZEN=$(jq -n --arg id "$(jq -r .challenge_id <<<"$CHALLENGE")" --arg cms "$CMS" \
    '{challenge_id: $id, cms_base64: $cms}' |
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d @- \
    "$BASE/api/v1/citizen/sessions" | jq -r .citizen_token)
fuzz -H "Authorization: Bearer $TOKEN" -H "X-Citizen-Token: $CITIZEN" \
  --exclude-tag bank --exclude-path /api/v1/token

# 2. A bank: its own operations, past authentication.
BANK_SECRET=$(openssl rand -hex 24)
BANK_ID=$(register bank bind-with-documents-permission "$BANK_SECRET")
BANK_TOKEN=$(curl -fsS -u "$BANK_ID:$BANK_SECRET" -d grant_type=client_credentials \
  "$BASE/api/v1/token" | jq -r .access_token)
fuzz -H "Authorization: Bearer $BANK_TOKEN" --include-tag bank

# 3. A state service: its notifications, past authentication.
STATE_SECRET=$(openssl rand -hex 24)
STATE_ID=$(register state_service notify "$STATE_SECRET")
STATE_TOKEN=$(curl -fsS -u "$STATE_ID:$STATE_SECRET" -d grant_type=client_credentials \
  "$BASE/api/v1/token" | jq -r .access_token)
fuzz -H "Authorization: Bearer $STATE_TOKEN" --include-tag "state service"

# 4. The token endpoint with a client's real credentials (HTTP Basic).
fuzz -a "$ID:$SECRET" --include-path /api/v1/token

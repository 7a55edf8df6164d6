#!/usr/bin/env bash
# A complete binding through a bank's app with the JSON API, with curl and
# jq, against a running demo (bash scripts/serve-demo.sh): the bank's
# token, its ask (the citizen's IIN, the number it holds, the permission
# to view documents), the SMS code (read from the demo phone), the
# citizen's biometrics, and the bank's view of its permissions.
# The test command runs it against a fresh demo server.
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:3000}"
NOMIR="${NOMIR:-./target/release/nomir}"
IIN="${IIN:-851102310000}"       # Yerlan Akhmetov (demo): no number bound yet
NUMBER="${NUMBER:-+77051234568}" # the number his bank holds, his says the operator
EXPIRES="${EXPIRES:-$(date -u -d '+90 days' +%Y-%m-%dT%H:%M:%SZ)}"

# 1. The bank's bearer token (client credentials, HTTP Basic).
TOKEN=$(curl -fsS -u demo-bank:demo-bank-secret \
  -d grant_type=client_credentials "$BASE/api/v1/token" | jq -r .access_token)
BANK=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')

# 2. The ask: the state's number differs (there is none), so the code goes
#    to the bank's number and the permission waits for the binding.
ASK=$(jq -n --arg iin "$IIN" --arg number "$NUMBER" --arg until "$EXPIRES" \
  '{iin: $iin, number: $number, consent: true,
    permission: {documents: "identity-card passport", expires_at: $until}}')
ID=$(curl -fsS "${BANK[@]}" -d "$ASK" "$BASE/api/v1/bank/binding-requests" | jq -r .request.id)

# 3. The code the citizen received and typed into the bank's app.
SHOWN="+7 ${NUMBER:2:3} ${NUMBER:5:3} ${NUMBER:8:4}"
CODE=$(curl -fsS "$BASE/demo/phone" | grep -o "aria-label=\"$SHOWN\".*" |
  grep -o 'class="sms-body">[^<]*' | head -1 | grep -oE '[0-9]{6}' | head -1)
NONCE=$(curl -fsS "${BANK[@]}" -d "{\"code\": \"$CODE\"}" \
  "$BASE/api/v1/bank/binding-requests/$ID/code" | jq -r .request.biometric_nonce)

# 4. The citizen's biometrics (the demo provider's assertion): the number
#    is bound and the permission takes effect in the same transaction.
ASSERTION=$("$NOMIR" demo-assertion --iin "$IIN" --nonce "$NONCE")
curl -fsS "${BANK[@]}" -d "{\"assertion\": \"$ASSERTION\"}" \
  "$BASE/api/v1/bank/binding-requests/$ID/biometrics" |
  jq -e '.request.state == "bound" and .permission.state == "in_force"' >/dev/null

# 5. The bank's view of its permissions for the citizen (a revocation in
#    the citizen's cabinet shows here at once).
curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/bank/permissions?iin=$IIN" |
  jq -e '.permissions[0].state == "in_force"'

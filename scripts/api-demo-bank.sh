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

# 2.-4. One permission through the bank's app: the ask (the citizen's IIN,
#    the number the bank holds, the permission), the code the citizen
#    received and typed into the bank's app, and the citizen's biometrics
#    (the demo provider's assertion). The permission takes effect only then,
#    in the binding's own transaction, whatever number is bound.
permission_through_the_bank() {
  local ask id shown code nonce assertion
  ask=$(jq -n --arg iin "$IIN" --arg number "$NUMBER" --arg until "$EXPIRES" \
    '{iin: $iin, number: $number, consent: true,
      permission: {documents: "identity-card passport", expires_at: $until}}')
  id=$(curl -fsS "${BANK[@]}" -d "$ask" "$BASE/api/v1/bank/binding-requests" | jq -r .request.id)
  shown="+7 ${NUMBER:2:3} ${NUMBER:5:3} ${NUMBER:8:2} ${NUMBER:10:2}"
  code=$(curl -fsS "$BASE/demo/phone" | grep -o "aria-label=\"$shown\".*" |
    grep -o 'class="sms-body">[^<]*' | head -1 | grep -oE '[0-9]{6}' | head -1)
  nonce=$(curl -fsS "${BANK[@]}" -d "{\"code\": \"$code\"}" \
    "$BASE/api/v1/bank/binding-requests/$id/code" | jq -r .request.biometric_nonce)
  assertion=$("$NOMIR" demo-assertion --iin "$IIN" --nonce "$nonce")
  curl -fsS "${BANK[@]}" -d "{\"assertion\": \"$assertion\"}" \
    "$BASE/api/v1/bank/binding-requests/$id/biometrics" |
    jq -e '.request.state == "bound" and .permission.state == "in_force"' >/dev/null
}

# The state has no number for him yet: the bank's number is bound.
permission_through_the_bank
# Now the state's number is the bank's: a second permission still needs
# the citizen's code and biometrics; the binding stays as it is.
permission_through_the_bank

# 5. The bank's view of its permissions for the citizen (a revocation in
#    the citizen's cabinet shows here at once).
curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/bank/permissions?iin=$IIN" |
  jq -e '.permissions[0].state == "in_force"'

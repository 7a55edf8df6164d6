#!/usr/bin/env bash
# A complete binding through the e-government mobile app's JSON API, with
# curl and jq, against a running demo (bash scripts/serve-demo.sh): the
# app's token, the citizen's EDS sign-in, number and consent, the SMS code
# (read from the demo phone), biometrics, and the app's profile.
# The test command runs it against a fresh demo server.
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:3000}"
NOMIR="${NOMIR:-./target/release/nomir}"
IIN="${IIN:-900515410001}"       # Aigerim Saparova (demo)
NUMBER="${NUMBER:-+77011234567}" # hers, says the operator
JSON=(-H 'Content-Type: application/json')

# 1. The app's bearer token (client credentials, HTTP Basic).
TOKEN=$(curl -fsS -u demo-egov-mobile:demo-egov-mobile-secret \
  -d grant_type=client_credentials "$BASE/api/v1/token" | jq -r .access_token)
APP=(-H "Authorization: Bearer $TOKEN")

# 2. The citizen signs in with EDS: the app has a one-time challenge signed
#    with the citizen's key (here the demo key, as NCALayer would).
CHALLENGE=$(curl -fsS -X POST "${APP[@]}" "$BASE/api/v1/citizen/challenges")
CMS=$(jq -r .challenge_base64 <<<"$CHALLENGE" | "$NOMIR" demo-sign --iin "$IIN")
CITIZEN=$(jq -n --arg id "$(jq -r .challenge_id <<<"$CHALLENGE")" --arg cms "$CMS" \
    '{challenge_id: $id, cms_base64: $cms}' |
  curl -fsS "${APP[@]}" "${JSON[@]}" -d @- "$BASE/api/v1/citizen/sessions" | jq -r .citizen_token)
AS_CITIZEN=("${APP[@]}" -H "X-Citizen-Token: $CITIZEN" "${JSON[@]}")

# 3. The number and the consent: the code goes to the number by SMS.
REQUEST=$(curl -fsS "${AS_CITIZEN[@]}" -d "{\"number\": \"$NUMBER\", \"consent\": true}" \
  "$BASE/api/v1/citizen/binding-requests")
ID=$(jq -r .id <<<"$REQUEST")

# 4. The code, as the demo phone shows it (the newest SMS to the number).
SHOWN="+7 ${NUMBER:2:3} ${NUMBER:5:3} ${NUMBER:8:4}"
CODE=$(curl -fsS "$BASE/demo/phone" | grep -o "aria-label=\"$SHOWN\".*" |
  grep -o 'class="sms-body">[^<]*' | head -1 | grep -oE '[0-9]{6}' | head -1)
NONCE=$(curl -fsS "${AS_CITIZEN[@]}" -d "{\"code\": \"$CODE\"}" \
  "$BASE/api/v1/citizen/binding-requests/$ID/code" | jq -r .biometric_nonce)

# 5. Biometrics: the provider's assertion for this request's nonce (here
#    the demo provider's key); the checks run and the number is bound.
ASSERTION=$("$NOMIR" demo-assertion --iin "$IIN" --nonce "$NONCE")
curl -fsS "${AS_CITIZEN[@]}" -d "{\"assertion\": \"$ASSERTION\"}" \
  "$BASE/api/v1/citizen/binding-requests/$ID/biometrics" | jq -e '.state == "bound"' >/dev/null

# 6. The app's profile shows the number.
curl -fsS "${AS_CITIZEN[@]}" "$BASE/api/v1/citizen/binding" |
  jq -e --arg n "$NUMBER" '.binding.number == $n and .binding.channel == "mobile_app"'

#!/usr/bin/env bash
# A complete binding through the e-government mobile app's JSON API, with
# curl and jq, against a running demo (bash scripts/serve-demo.sh): the
# app's token, the citizen's EDS sign-in, number and consent, the SMS code
# (read from the demo phone), biometrics, and the app's profile; then a
# change of number: the code to the new number, biometrics, and the
# citizen's EDS signing key over the request's document (Rules §8).
# The test command runs it against a fresh demo server.
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:3000}"
NOMIR="${NOMIR:-./target/release/nomir}"
IIN="${IIN:-900515410001}"       # Aigerim Saparova (demo)
NUMBER="${NUMBER:-+77011234567}" # hers, says the operator
NEW_NUMBER="${NEW_NUMBER:-+77017654321}" # hers too
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
code_of() {
  local shown="+7 ${1:2:3} ${1:5:3} ${1:8:2} ${1:10:2}"
  curl -fsS "$BASE/demo/phone" | grep -o "aria-label=\"$shown\".*" |
    grep -o 'class="sms-body">[^<]*' | head -1 | grep -oE '[0-9]{6}' | head -1
}
CODE=$(code_of "$NUMBER")
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

# 7. A change of number: the code to the new number, then biometrics...
REQUEST=$(curl -fsS "${AS_CITIZEN[@]}" -d "{\"number\": \"$NEW_NUMBER\", \"consent\": true}" \
  "$BASE/api/v1/citizen/binding-requests")
ID=$(jq -r .id <<<"$REQUEST")
NONCE=$(curl -fsS "${AS_CITIZEN[@]}" -d "{\"code\": \"$(code_of "$NEW_NUMBER")\"}" \
  "$BASE/api/v1/citizen/binding-requests/$ID/code" | jq -r .biometric_nonce)
ASSERTION=$("$NOMIR" demo-assertion --iin "$IIN" --nonce "$NONCE")
DOCUMENT=$(curl -fsS "${AS_CITIZEN[@]}" -d "{\"assertion\": \"$ASSERTION\"}" \
  "$BASE/api/v1/citizen/binding-requests/$ID/biometrics" |
  jq -er 'select(.state == "awaiting_signature") | .document_base64')

# 8. ...and the citizen's EDS signing key over the request's document
#    (here the demo key, as NCALayer would): the new number is bound.
CMS=$("$NOMIR" demo-sign --iin "$IIN" --key sign <<<"$DOCUMENT")
jq -n --arg cms "$CMS" '{cms_base64: $cms}' |
  curl -fsS "${AS_CITIZEN[@]}" -d @- "$BASE/api/v1/citizen/binding-requests/$ID/signature" |
  jq -e '.state == "bound"' >/dev/null
curl -fsS "${AS_CITIZEN[@]}" "$BASE/api/v1/citizen/binding" |
  jq -e --arg n "$NEW_NUMBER" '.binding.number == $n'

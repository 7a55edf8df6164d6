#!/usr/bin/env bash
# Rules §6.1 in the app, "by issuing new ones", with curl, jq and OpenSSL
# against a running demo (bash scripts/serve-demo.sh): the app makes a key
# and a certificate request (PKCS#10) for a citizen without a certificate,
# sends it with the citizen's biometric assertion for a sign-in challenge,
# gets an authentication certificate from the demo NCA, and signs that
# challenge with it (an OpenSSL CMS): the citizen is signed in.
# The test command runs it against a fresh demo server.
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:3000}"
NOMIR="${NOMIR:-./target/release/nomir}"
IIN="${IIN:-991231410007}"       # Dana Nurlanova (demo)
JSON=(-H 'Content-Type: application/json')
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# 1. The app's bearer token, and a sign-in challenge.
TOKEN=$(curl -fsS -u demo-egov-mobile:demo-egov-mobile-secret \
  -d grant_type=client_credentials "$BASE/api/v1/token" | jq -r .access_token)
APP=(-H "Authorization: Bearer $TOKEN")
CHALLENGE=$(curl -fsS -X POST "${APP[@]}" "$BASE/api/v1/citizen/challenges")
CHALLENGE_ID=$(jq -r .challenge_id <<<"$CHALLENGE")
jq -r .challenge_base64 <<<"$CHALLENGE" | base64 -d >"$WORK/challenge.bin"

# 2. The app's key and its certificate request (the subject is not read:
#    the identity register names the citizen).
openssl req -new -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" \
  -subj "/CN=made by the app" -outform DER -out "$WORK/request.der" 2>/dev/null

# 3. The biometric provider's assertion, its nonce the challenge's id (here
#    the demo provider's key), and the certificate from the demo NCA.
ASSERTION=$("$NOMIR" demo-assertion --iin "$IIN" --nonce "$CHALLENGE_ID")
jq -n --arg id "$CHALLENGE_ID" --arg iin "$IIN" --arg a "$ASSERTION" \
    --arg csr "$(base64 -w0 "$WORK/request.der")" \
    '{challenge_id: $id, iin: $iin, biometric_assertion: $a, certification_request_base64: $csr}' |
  curl -fsS "${APP[@]}" "${JSON[@]}" -d @- "$BASE/api/v1/citizen/certificates" |
  jq -r .certificate_base64 | base64 -d >"$WORK/certificate.der"
openssl x509 -inform DER -in "$WORK/certificate.der" -noout -subject | grep -q "IIN$IIN"

# 4. The new certificate signs the challenge (a detached CMS, as NCALayer
#    makes one): the citizen is signed in and the app reads the profile.
openssl x509 -inform DER -in "$WORK/certificate.der" -out "$WORK/certificate.pem"
openssl cms -sign -binary -nosmimecap -md sha256 -in "$WORK/challenge.bin" \
  -signer "$WORK/certificate.pem" -inkey "$WORK/key.pem" -outform DER -out "$WORK/cms.der"
CITIZEN=$(jq -n --arg id "$CHALLENGE_ID" --arg cms "$(base64 -w0 "$WORK/cms.der")" \
    '{challenge_id: $id, cms_base64: $cms}' |
  curl -fsS "${APP[@]}" "${JSON[@]}" -d @- "$BASE/api/v1/citizen/sessions" | jq -r .citizen_token)
curl -fsS "${APP[@]}" -H "X-Citizen-Token: $CITIZEN" "$BASE/api/v1/citizen/binding" | jq -e 'has("binding")' >/dev/null
echo "certificate issued in the app for $IIN; signed in with it"

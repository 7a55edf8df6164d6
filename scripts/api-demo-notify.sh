#!/usr/bin/env bash
# A state service notifies a citizen at the bound number, with curl and jq,
# against a running demo after scripts/api-demo-bank.sh (which bound
# Yerlan's +77051234568): the notification is queued, reaches the demo
# phone, and a retry with the same key is answered again without a second
# SMS; a citizen without a number is answered so, and the number is never
# in an answer. The test command runs it against a fresh demo server.
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:3000}"
KEY="notify-$(date +%s%N)"

# 1. The state service's bearer token (client credentials, HTTP Basic).
TOKEN=$(curl -fsS -u demo-state-service:demo-state-service-secret \
  -d grant_type=client_credentials "$BASE/api/v1/token" | jq -r .access_token)
H=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')

# 2. The purposes it may send for.
curl -fsS "${H[@]}" "$BASE/api/v1/notification-purposes" | jq -e 'map(.code) | index("document-ready")' >/dev/null

# 3. A notification to Yerlan (a number is bound): queued.
BODY='{"iin": "851102310000", "purpose": "document-ready",
  "text_kk": "Жеке куәлігіңіз дайын. ХҚКО-дан алыңыз.",
  "text_ru": "Ваше удостоверение личности готово. Получите его в ЦОН."}'
FIRST=$(curl -fsS "${H[@]}" -H "Idempotency-Key: $KEY" -d "$BODY" "$BASE/api/v1/notifications")
echo "$FIRST" | jq -e '.status == "queued"' >/dev/null
echo "$FIRST" | jq -e 'keys == ["id", "status"]' >/dev/null
if grep -q 7051234568 <<<"$FIRST"; then echo "the answer tells the number: $FIRST" >&2; exit 1; fi

# 4. The same key again: the first answer, replayed; one SMS on the phone.
AGAIN=$(curl -fsS "${H[@]}" -H "Idempotency-Key: $KEY" -d "$BODY" "$BASE/api/v1/notifications")
[ "$AGAIN" = "$FIRST" ]
SENT=$(curl -fsS "$BASE/demo/phone" | grep -o 'Жеке куәлігіңіз дайын. ХҚКО-дан алыңыз.' | wc -l)
[ "$SENT" -eq 1 ] || { echo "the demo phone shows the notification $SENT times" >&2; exit 1; }

# 5. Madina has no number bound: answered so, and nothing is sent.
curl -fsS "${H[@]}" -H "Idempotency-Key: $KEY-madina" \
  -d '{"iin": "880808410008", "purpose": "document-ready", "text_kk": "Дайын.", "text_ru": "Готово."}' \
  "$BASE/api/v1/notifications" | jq -e '.status == "no_bound_number"' >/dev/null
echo "notifications: queued, replayed once, no_bound_number"

-- A request's codes are looked up by request on every step (latest code,
-- resend, the account's hourly limit).
CREATE INDEX otp_challenges_by_request ON otp_challenges (request_id, created_at);

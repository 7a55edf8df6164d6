//! The one-time password sent by SMS (Rules §2.4, §5.2; SPEC §7).
//!
//! Six digits, valid for one request only. The code itself is never stored:
//! services keep an HMAC of it and compare in constant time.

use time::{Duration, OffsetDateTime};

/// How long a code may be used after it is sent.
pub const CODE_LIFETIME: Duration = Duration::minutes(5);
/// Wrong entries after which a code is void.
pub const MAX_WRONG_ATTEMPTS: u32 = 3;
/// The least time between two codes for one request.
pub const RESEND_AFTER: Duration = Duration::seconds(60);
/// The most codes sent to one number in an hour.
pub const MAX_CODES_PER_NUMBER_PER_HOUR: u32 = 5;

/// When the next code for a request may be sent, given when the last was.
pub fn resend_allowed_at(last_sent: OffsetDateTime) -> OffsetDateTime {
    last_sent + RESEND_AFTER
}

/// When a new code may be sent, if `now` is too soon after the last one
/// (`last_sent`); `None` when it may be sent now.
pub fn too_soon(last_sent: OffsetDateTime, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let retry_at = resend_allowed_at(last_sent);
    (now < retry_at).then_some(retry_at)
}

/// At most this many codes an hour are sent at one account's request,
/// whatever the numbers: a signed-in account cannot flood other people's
/// phones with SMS by trying number after number.
pub const MAX_CODES_PER_ACCOUNT_PER_HOUR: u32 = 10;

/// Whether another code may go to a number that got `sent_last_hour` codes.
pub fn hourly_limit_allows(sent_last_hour: u32) -> bool {
    sent_last_hour < MAX_CODES_PER_NUMBER_PER_HOUR
}

/// Whether an account that asked for `sent_last_hour` codes may ask again.
pub fn account_hourly_limit_allows(sent_last_hour: u32) -> bool {
    sent_last_hour < MAX_CODES_PER_ACCOUNT_PER_HOUR
}

/// A code as the citizen typed it: exactly six ASCII digits.
#[derive(Clone, PartialEq, Eq)]
pub struct OtpCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OtpCodeError {
    #[error("the code is empty")]
    Empty,
    #[error("the code has six digits")]
    Malformed,
}

impl OtpCode {
    pub const LENGTH: usize = 6;

    pub fn parse(input: &str) -> Result<Self, OtpCodeError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(OtpCodeError::Empty);
        }
        if compact.len() != Self::LENGTH || !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(OtpCodeError::Malformed);
        }
        Ok(Self(compact))
    }

    /// The code in a pasted SMS: Nomir's message gives it once in Kazakh
    /// and once in Russian, among words. The one six-digit group, if every
    /// such group in the text is the same code; else the text's digits,
    /// when there are exactly six of them (`123 456`).
    pub fn from_pasted(text: &str) -> Option<String> {
        let groups: Vec<&str> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| g.len() == Self::LENGTH)
            .collect();
        if let Some(first) = groups.first() {
            return groups
                .iter()
                .all(|g| g == first)
                .then(|| (*first).to_owned());
        }
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        (digits.len() == Self::LENGTH).then_some(digits)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for OtpCode {
    /// Never prints the code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OtpCode(******)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_are_a_code_and_spaces_are_ignored() {
        assert_eq!(OtpCode::parse("012345").unwrap().as_str(), "012345");
        assert_eq!(OtpCode::parse(" 012 345 ").unwrap().as_str(), "012345");
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(OtpCode::parse(""), Err(OtpCodeError::Empty));
        for bad in ["12345", "1234567", "12a456", "١٢٣٤٥٦", "<b>123</b>"] {
            assert_eq!(OtpCode::parse(bad), Err(OtpCodeError::Malformed), "{bad}");
        }
    }

    #[test]
    fn resending_waits_a_minute_and_five_codes_an_hour_is_the_limit() {
        let t = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(resend_allowed_at(t), t + Duration::seconds(60));
        let minute = t + Duration::seconds(60);
        assert_eq!(too_soon(t, t), Some(minute));
        assert_eq!(too_soon(t, minute - Duration::seconds(1)), Some(minute));
        assert_eq!(too_soon(t, minute), None);
        assert!(hourly_limit_allows(4));
        assert!(!hourly_limit_allows(5));
        assert!(account_hourly_limit_allows(9));
        assert!(!account_hourly_limit_allows(10));
    }

    #[test]
    fn debug_output_hides_the_code() {
        assert_eq!(
            format!("{:?}", OtpCode::parse("123456").unwrap()),
            "OtpCode(******)"
        );
    }

    #[test]
    fn the_code_is_taken_from_a_pasted_message() {
        let sms = crate::domain::sms::Sms::Code {
            code: "482915".into(),
        }
        .text();
        assert_eq!(OtpCode::from_pasted(&sms).as_deref(), Some("482915"));
        assert_eq!(OtpCode::from_pasted("482 915").as_deref(), Some("482915"));
        assert_eq!(OtpCode::from_pasted(" 482915\n").as_deref(), Some("482915"));
        // Two different codes, or none: nothing is guessed.
        assert_eq!(OtpCode::from_pasted("482915 or 111222"), None);
        assert_eq!(OtpCode::from_pasted("48291"), None);
        assert_eq!(OtpCode::from_pasted("call 1414"), None);
    }
}

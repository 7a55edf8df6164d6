//! The subscriber number (SPEC §2): a Kazakh mobile number kept in E.164.
//!
//! People write numbers many ways (`8 701 234 56 78`, `+7 (701) 234-56-78`,
//! `87012345678`, `7012345678`). Kazakhstan shares +7 with Russia: only the
//! 6xx/7xx zones are Kazakh, and of those only the mobile ranges (checked with
//! libphonenumber's metadata through the `phonenumber` crate) are accepted.

use std::fmt;

use phonenumber::{metadata::DATABASE, Type};

/// A Kazakh mobile number in E.164 (`+77011234567`). Built only by [`Msisdn::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Msisdn(String);

/// Why the input is not a Kazakh mobile number; each has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MsisdnError {
    #[error("the number is empty")]
    Empty,
    #[error("the number is too long")]
    TooLong,
    #[error("a number may contain digits, spaces, brackets, dashes and a leading +")]
    InvalidCharacters,
    #[error("a Kazakh mobile number has 10 digits after +7 or 8")]
    WrongLength,
    #[error("the number is not a Kazakh one")]
    NotKazakh,
    #[error("the number is a landline, not a mobile number")]
    Landline,
    #[error("the number is not in a Kazakh mobile range")]
    NotMobile,
}

const MAX_INPUT: usize = 32;

impl Msisdn {
    /// Parses the ways people write a Kazakh mobile number into E.164.
    pub fn parse(input: &str) -> Result<Self, MsisdnError> {
        let national = Self::shape(input)?;
        let e164 = format!("+7{national}");
        let number = phonenumber::parse(None, &e164).map_err(|_| MsisdnError::NotMobile)?;
        match number.number_type(&DATABASE) {
            Type::Mobile if number.is_valid() => Ok(Self(e164)),
            Type::FixedLine => Err(MsisdnError::Landline),
            _ => Err(MsisdnError::NotMobile),
        }
    }

    /// What the characters alone tell, before the numbering plan's mobile
    /// ranges are looked up: the 10-digit national number, or the first
    /// error [`Msisdn::parse`] would give. The browser checks this much as
    /// the citizen types, without carrying the plan's metadata; only
    /// [`MsisdnError::NotMobile`] (and a landline outside 71x/72x) is left
    /// for the server.
    pub fn shape(input: &str) -> Result<String, MsisdnError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(MsisdnError::Empty);
        }
        if input.chars().count() > MAX_INPUT {
            return Err(MsisdnError::TooLong);
        }
        let plus = input.starts_with('+');
        let body = if plus { &input[1..] } else { input };
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || " -().".contains(c))
        {
            return Err(MsisdnError::InvalidCharacters);
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        let national = national_digits(plus, &digits)?;
        match national.as_bytes()[0] {
            b'6' | b'7' => {}
            _ => return Err(MsisdnError::NotKazakh),
        }
        // Geographic codes 71x and 72x are landlines by the numbering plan.
        if national.starts_with("71") || national.starts_with("72") {
            return Err(MsisdnError::Landline);
        }
        Ok(national)
    }

    /// How a typed number is shown back once it is whole: `+7 701 123 45 67`,
    /// the way the number is read aloud. `None` while it is not (yet) a
    /// Kazakh number's shape, so what is being typed is left alone. While
    /// the citizen is still typing (`finished` false), ten digits that
    /// start with 7 and no `+` are left alone too: they may be the first
    /// ten of `7 701 123 45 67`, the country code written without its `+`.
    pub fn format_typed(input: &str, finished: bool) -> Option<String> {
        let digits = input.chars().filter(char::is_ascii_digit).count();
        let may_grow = !input.trim_start().starts_with('+')
            && digits == 10
            && input.trim_start().starts_with('7');
        if may_grow && !finished {
            return None;
        }
        Self::shape(input).ok().map(|n| read_form(&n))
    }

    /// E.164, as stored: `+77011234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form people read: `+7 701 123 45 67`.
    pub fn display(&self) -> String {
        read_form(&self.0[2..])
    }

    /// The form logs use: `+7701***4567`.
    pub fn masked(&self) -> String {
        format!("{}***{}", &self.0[..5], &self.0[8..])
    }

    /// Only the last two digits, `+7 *** *** ** 67`: what a page shows to
    /// someone not yet known to be the number's holder (who knows only
    /// the password), so it helps nobody find the number.
    pub fn hint(&self) -> String {
        format!("+7 *** *** ** {}", &self.0[self.0.len() - 2..])
    }
}

/// The read form of a 10-digit national number: `+7 701 123 45 67`.
fn read_form(n: &str) -> String {
    format!("+7 {} {} {} {}", &n[..3], &n[3..6], &n[6..8], &n[8..])
}

/// The 10-digit national significant number, from the digits typed.
fn national_digits(plus: bool, digits: &str) -> Result<String, MsisdnError> {
    if plus {
        return match digits.strip_prefix('7') {
            Some(rest) if rest.len() == 10 => Ok(rest.to_owned()),
            Some(_) => Err(MsisdnError::WrongLength),
            None => Err(MsisdnError::NotKazakh),
        };
    }
    match digits.len() {
        10 => Ok(digits.to_owned()),
        11 if digits.starts_with('8') || digits.starts_with('7') => Ok(digits[1..].to_owned()),
        11 => Err(MsisdnError::NotKazakh),
        _ => Err(MsisdnError::WrongLength),
    }
}

impl fmt::Display for Msisdn {
    /// Displays the masked form, so a number never lands whole in a log by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl AsRef<str> for Msisdn {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        Msisdn::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .as_str()
            .to_owned()
    }

    #[test]
    fn every_number_of_the_demo_dataset_is_a_kazakh_mobile() {
        for n in [
            "+77011234567",
            "+77051234568",
            "+77471234569",
            "+77025551234",
            "+77081112233",
            "+77777654321",
            "+77014440000",
            "+77015550000",
            "+77016660000",
            "+77000000000",
        ] {
            assert_eq!(ok(n), n);
        }
    }

    #[test]
    fn the_ways_people_write_a_number_all_give_e164() {
        for s in [
            "+7 701 123 45 67",
            "+7 (701) 123-45-67",
            "+77011234567",
            "8 701 123 45 67",
            "8 (701) 123-45-67",
            "87011234567",
            "7011234567",
            "77011234567",
            "  8-701-123-45-67 ",
            "8.701.123.45.67",
        ] {
            assert_eq!(ok(s), "+77011234567", "{s}");
        }
    }

    #[test]
    fn landlines_are_refused_as_landlines() {
        assert_eq!(
            Msisdn::parse("+7 727 123 45 67"),
            Err(MsisdnError::Landline)
        );
        assert_eq!(
            Msisdn::parse("8 (727) 250 12 34"),
            Err(MsisdnError::Landline)
        );
        assert_eq!(
            Msisdn::parse("8 (7172) 12 34 56"),
            Err(MsisdnError::Landline)
        );
    }

    #[test]
    fn russian_numbers_are_refused_as_not_kazakh() {
        assert_eq!(
            Msisdn::parse("+7 916 123 45 67"),
            Err(MsisdnError::NotKazakh)
        );
        assert_eq!(
            Msisdn::parse("8 495 123 45 67"),
            Err(MsisdnError::NotKazakh)
        );
        assert_eq!(
            Msisdn::parse("+44 20 7946 0958"),
            Err(MsisdnError::NotKazakh)
        );
    }

    #[test]
    fn numbers_outside_the_mobile_ranges_are_refused() {
        assert_eq!(
            Msisdn::parse("+7 703 123 45 67"),
            Err(MsisdnError::NotMobile)
        );
        assert_eq!(
            Msisdn::parse("+7 750 123 45 67"),
            Err(MsisdnError::NotMobile)
        );
        assert_eq!(
            Msisdn::parse("+7 751 123 45 67"),
            Err(MsisdnError::NotMobile)
        );
    }

    #[test]
    fn junk_gets_its_own_reason() {
        assert_eq!(Msisdn::parse(""), Err(MsisdnError::Empty));
        assert_eq!(Msisdn::parse("   "), Err(MsisdnError::Empty));
        assert_eq!(Msisdn::parse("701"), Err(MsisdnError::WrongLength));
        assert_eq!(Msisdn::parse("+7701123456"), Err(MsisdnError::WrongLength));
        assert_eq!(Msisdn::parse("870112345678"), Err(MsisdnError::WrongLength));
        assert_eq!(Msisdn::parse(&"7".repeat(100)), Err(MsisdnError::TooLong));
        assert_eq!(
            Msisdn::parse("+7 701 ABC 45 67"),
            Err(MsisdnError::InvalidCharacters)
        );
        assert_eq!(
            Msisdn::parse("<script>alert(1)</script>"),
            Err(MsisdnError::InvalidCharacters)
        );
        assert_eq!(
            Msisdn::parse("+7 701 123 45 6７"),
            Err(MsisdnError::InvalidCharacters)
        );
        assert_eq!(
            Msisdn::parse("7+7011234567"),
            Err(MsisdnError::InvalidCharacters)
        );
    }

    #[test]
    fn display_and_log_forms() {
        let n = Msisdn::parse("87011234567").unwrap();
        assert_eq!(n.display(), "+7 701 123 45 67");
        assert_eq!(n.masked(), "+7701***4567");
        assert_eq!(n.to_string(), "+7701***4567");
    }

    #[test]
    fn a_number_typed_any_way_is_shown_the_way_it_is_read() {
        for typed in [
            "87011234567",
            "8 701 123 45 67",
            "+7 (701) 123-45-67",
            "+77011234567",
            " 8(701)1234567 ",
        ] {
            for finished in [false, true] {
                assert_eq!(
                    Msisdn::format_typed(typed, finished).as_deref(),
                    Some("+7 701 123 45 67"),
                    "{typed}"
                );
            }
        }
        // Typed key by key with the country code but no `+`: the first ten
        // digits are not taken for a whole number.
        let mut typed = String::new();
        for key in "77011234567".chars() {
            typed.push(key);
            let shown = Msisdn::format_typed(&typed, false);
            if typed.len() < 11 {
                assert_eq!(shown, None, "{typed}");
            } else {
                assert_eq!(shown.as_deref(), Some("+7 701 123 45 67"));
            }
        }
        // Once the citizen leaves the field, ten digits are the number.
        assert_eq!(
            Msisdn::format_typed("7011234567", true).as_deref(),
            Some("+7 701 123 45 67")
        );
        assert_eq!(Msisdn::format_typed("7011234567", false), None);
        for partial in [
            "",
            "8 701",
            "+7 701 123",
            "+1 202 555 0100",
            "8 727 123 45 67",
        ] {
            assert_eq!(Msisdn::format_typed(partial, true), None, "{partial}");
        }
    }

    #[test]
    fn the_shape_gives_the_same_first_error_as_parsing() {
        for typed in [
            "",
            "abc",
            "8 701",
            "+1 202 555 0100",
            "8 727 123 45 67",
            "8 (701) 123 45 67",
        ] {
            let shaped = Msisdn::shape(typed).err();
            let parsed = Msisdn::parse(typed).err();
            assert_eq!(shaped, parsed, "{typed}");
        }
    }
}

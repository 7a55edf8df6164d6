//! The individual identification number (SPEC §2, Rules §2.7).
//!
//! Twelve digits whose last one is a check digit. The birth date and the
//! century/sex digit are decoded for information only: since Government
//! Resolution No. 853 of 2013 they are not legally tied to the person, so they
//! never make an IIN invalid on their own. A BIN (a legal entity's number,
//! fifth digit 4, 5 or 6) is not an individual's number and is refused (SPEC §1).

use std::fmt;
use time::{Date, Month};

/// A syntactically valid IIN. The only way to build one is [`Iin::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Iin(String);

/// Why a string is not an IIN; each reason has its own message for the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    #[error("the IIN is empty")]
    Empty,
    #[error("the IIN may contain digits only")]
    NotDigits,
    #[error("the IIN has 12 digits")]
    WrongLength,
    #[error("the IIN's check digit does not match")]
    CheckDigit,
    #[error("this is a business identification number (BIN) of a legal entity")]
    LegalEntity,
}

/// Sex as encoded in the seventh digit (informative only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// What the first seven digits say, when they decode to a real date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthInfo {
    pub date: Date,
    pub sex: Sex,
}

const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
const MAX_INPUT: usize = 64;

/// The check digit for the first 11 digits, or `None` when no digit is valid.
fn check_digit(first11: &[u32]) -> Option<u32> {
    let weighted = |w: &[u32; 11]| first11.iter().zip(w).map(|(d, w)| d * w).sum::<u32>() % 11;
    match weighted(&W1) {
        10 => match weighted(&W2) {
            10 => None,
            c => Some(c),
        },
        c => Some(c),
    }
}

impl Iin {
    /// Parses what a person typed: spaces are ignored, anything else must be a digit.
    pub fn parse(input: &str) -> Result<Self, IinError> {
        if input.len() > MAX_INPUT {
            return Err(IinError::WrongLength);
        }
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(IinError::Empty);
        }
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(IinError::NotDigits);
        }
        if compact.len() != 12 {
            return Err(IinError::WrongLength);
        }
        let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
        if check_digit(&digits[..11]) != Some(digits[11]) {
            return Err(IinError::CheckDigit);
        }
        if matches!(digits[4], 4..=6) {
            return Err(IinError::LegalEntity);
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form shown on screens: first four and last two digits, `9005******01`.
    pub fn masked(&self) -> String {
        format!("{}******{}", &self.0[..4], &self.0[10..])
    }

    /// Birth date and sex as the classic scheme encodes them, if they decode.
    /// Informative only: never a reason to refuse (Resolution No. 853 of 2013).
    pub fn birth_info(&self) -> Option<BirthInfo> {
        let d = self.0.as_bytes();
        let num = |i: usize| i32::from(d[i] - b'0') * 10 + i32::from(d[i + 1] - b'0');
        let (century, sex) = match d[6] - b'0' {
            1 => (1800, Sex::Male),
            2 => (1800, Sex::Female),
            3 => (1900, Sex::Male),
            4 => (1900, Sex::Female),
            5 => (2000, Sex::Male),
            6 => (2000, Sex::Female),
            _ => return None,
        };
        let month = Month::try_from(u8::try_from(num(2)).ok()?).ok()?;
        let date =
            Date::from_calendar_date(century + num(0), month, u8::try_from(num(4)).ok()?).ok()?;
        Some(BirthInfo { date, sex })
    }
}

impl fmt::Display for Iin {
    /// Displays the masked form, so an IIN never lands whole in a log by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl AsRef<str> for Iin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn every_iin_of_the_demo_dataset_is_valid() {
        for s in [
            "900515410001",
            "851102310000",
            "720314410000",
            "550101310009",
            "991231410007",
            "880808410008",
            "010721510001",
            "000229510005",
        ] {
            assert_eq!(
                Iin::parse(s).map(|i| i.as_str().to_owned()),
                Ok(s.to_owned()),
                "{s}"
            );
        }
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(Iin::parse("900515410002"), Err(IinError::CheckDigit));
        assert_eq!(Iin::parse("123456789012"), Err(IinError::CheckDigit));
    }

    #[test]
    fn a_prefix_with_no_possible_check_digit_is_refused() {
        for last in 0..=9 {
            assert_eq!(
                Iin::parse(&format!("90051540054{last}")),
                Err(IinError::CheckDigit)
            );
        }
    }

    #[test]
    fn the_second_weight_pass_is_used_when_the_first_gives_ten() {
        assert!(Iin::parse("550101310009").is_ok());
        assert_eq!(Iin::parse("550101310000"), Err(IinError::CheckDigit));
    }

    #[test]
    fn a_bin_of_a_legal_entity_is_refused() {
        // Both pass the checksum; fifth digit 4 marks a resident legal entity.
        assert_eq!(Iin::parse("940140000385"), Err(IinError::LegalEntity));
        assert_eq!(Iin::parse("990140004654"), Err(IinError::LegalEntity));
    }

    #[test]
    fn malformed_input_gets_its_own_reason() {
        assert_eq!(Iin::parse(""), Err(IinError::Empty));
        assert_eq!(Iin::parse("   "), Err(IinError::Empty));
        assert_eq!(Iin::parse("90051541000"), Err(IinError::WrongLength));
        assert_eq!(Iin::parse("9005154100011"), Err(IinError::WrongLength));
        assert_eq!(Iin::parse(&"9".repeat(500)), Err(IinError::WrongLength));
        assert_eq!(Iin::parse("90051541000A"), Err(IinError::NotDigits));
        assert_eq!(Iin::parse("٩٠٠٥١٥٤١٠٠٠١"), Err(IinError::NotDigits));
        assert_eq!(
            Iin::parse("<script>alert(1)</script>"),
            Err(IinError::NotDigits)
        );
        assert_eq!(Iin::parse("ЖСН900515410"), Err(IinError::NotDigits));
    }

    #[test]
    fn spaces_people_type_are_ignored() {
        assert_eq!(
            Iin::parse(" 900515 410001 ").unwrap().as_str(),
            "900515410001"
        );
    }

    #[test]
    fn birth_date_and_sex_decode_including_a_leap_day() {
        let aigerim = Iin::parse("900515410001").unwrap().birth_info().unwrap();
        assert_eq!(
            aigerim,
            BirthInfo {
                date: date!(1990 - 05 - 15),
                sex: Sex::Female
            }
        );
        let timur = Iin::parse("000229510005").unwrap().birth_info().unwrap();
        assert_eq!(
            timur,
            BirthInfo {
                date: date!(2000 - 02 - 29),
                sex: Sex::Male
            }
        );
    }

    #[test]
    fn digits_that_are_not_a_date_do_not_make_an_iin_invalid() {
        // Both pass the checksum: month 13 with seventh digit 7, and 30 February.
        for s in ["991331700012", "900230410002"] {
            assert_eq!(Iin::parse(s).unwrap().birth_info(), None, "{s}");
        }
    }

    #[test]
    fn the_masked_form_hides_the_middle() {
        let iin = Iin::parse("900515410001").unwrap();
        assert_eq!(iin.masked(), "9005******01");
        assert_eq!(iin.to_string(), "9005******01");
    }
}

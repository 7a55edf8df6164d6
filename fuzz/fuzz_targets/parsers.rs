//! The parsers behind every form field: any text is read or refused,
//! never a panic, and what is read reads back the same from its own forms.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nomir_core::domain::{Iin, Msisdn, OtpCode};

fuzz_target!(|text: &str| {
    if let Ok(iin) = Iin::parse(text) {
        assert_eq!(Iin::parse(iin.as_str()).as_ref(), Ok(&iin));
    }
    if let Ok(n) = Msisdn::parse(text) {
        assert_eq!(Msisdn::parse(n.as_str()).ok().as_ref(), Some(&n));
        assert_eq!(Msisdn::parse(&n.display()).ok().as_ref(), Some(&n));
    }
    if let Ok(code) = OtpCode::parse(text) {
        assert_eq!(code.as_str().len(), 6);
    }
    if let Some(code) = OtpCode::from_pasted(text) {
        assert!(
            OtpCode::parse(&code).is_ok(),
            "a pasted code that is no code: {code:?}"
        );
    }
    for finished in [false, true] {
        if let Some(shown) = Msisdn::format_typed(text, finished) {
            assert!(shown.chars().count() <= 20, "{shown:?}");
        }
    }
});

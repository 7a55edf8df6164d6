//! Why a request ends without a binding: row 9's refusal grounds, or a
//! step not performed. The type and its texts live in this crate's
//! `end_reason` and `i18n`, so
//! every text a person reads comes from one module; the rules that choose a
//! ground are in the services and `domain::checks`.

pub use crate::end_reason::EndReason;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_ground_round_trips_through_its_code() {
        for &g in EndReason::ALL {
            assert_eq!(EndReason::from_code(g.code()), Some(g));
        }
        assert_eq!(EndReason::from_code("nonsense"), None);
    }

    fn texts(g: EndReason, basis: bool) -> [&'static str; 3] {
        Lang::ALL.map(|l| {
            let t = l.texts();
            if basis {
                (t.ground_basis)(g)
            } else {
                (t.ground_reason)(g)
            }
        })
    }

    #[test]
    fn every_ground_has_a_reason_and_a_basis_in_three_languages() {
        for &g in EndReason::ALL {
            for basis in [false, true] {
                let [kk, ru, en] = texts(g, basis);
                assert!(!kk.is_empty() && !ru.is_empty() && !en.is_empty(), "{g:?}");
                assert_ne!(kk, en, "{g:?}");
                assert_ne!(ru, en, "{g:?}");
            }
        }
    }

    #[test]
    fn the_three_register_grounds_rest_on_ground_one() {
        for g in [
            EndReason::IdentityNotFound,
            EndReason::IdentityDocumentInvalid,
            EndReason::PersonDeceased,
        ] {
            assert_eq!(texts(g, true), texts(EndReason::IdentityNotFound, true));
            assert!(texts(g, true)[2].contains("ground 1"));
        }
        let [kk, _, en] = texts(EndReason::ConsentMissing, true);
        assert!(en.contains("Article 8"));
        // Since the 2024 amendment the appendix is the procedure, not a "standard".
        for &g in EndReason::ALL {
            let [kk, ru, en] = texts(g, true);
            assert!(!en.contains("standard"), "{g:?}");
            assert!(!ru.contains("стандарт"), "{g:?}");
            assert!(!kk.contains("стандарт"), "{g:?}");
        }
        assert!(kk.contains("қосымша") && kk.contains("9-жол"));
    }
}

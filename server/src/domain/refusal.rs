//! Grounds on which a request ends without a binding, each with its legal
//! basis, so every refusal is reasoned (appendix row 5) and names its ground
//! in Kazakh, Russian and English (appendix rows 5 and 9, Rules §9).

use super::Localized;

/// Why a request was refused. Stored by its [`code`](RefusalGround::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefusalGround {
    /// Ground 1: the identity register holds no record of this IIN.
    IdentityNotFound,
    /// Ground 1: the register holds no valid identity document.
    IdentityDocumentInvalid,
    /// Ground 1: the register records the person as deceased.
    PersonDeceased,
    /// Ground 2: no consent to access restricted personal data.
    ConsentMissing,
    /// The mobile operator does not confirm the number as this citizen's.
    OperatorDoesNotConfirm,
    /// Rules §9: the one-time password was not confirmed.
    CodeNotConfirmed,
    /// Rules §9: biometric authentication failed (app and bank channels).
    BiometricsFailed,
    /// Rules §5.2: the request was not certified with a valid EDS.
    SignatureInvalid,
    /// Standard row 3: the request was not completed within its term.
    TermExpired,
}

const GROUND_1: Localized = Localized {
    kk: "№ 58 бұйрықпен бекітілген Қағидаларға қосымша (мемлекеттік қызметті көрсету тәртібі), 9-жол, 1) тармақша: \"Жеке басты куәландыратын құжаттар туралы\" және \"Сәйкестендіру нөмірлерінің ұлттық тізілімдері туралы\" Қазақстан Республикасының заңдары",
    ru: "Приложение к Правилам, утверждённым приказом № 58 (порядок оказания государственной услуги), строка 9, подпункт 1): законы Республики Казахстан «О документах, удостоверяющих личность» и «О национальных реестрах идентификационных номеров»",
    en: "Appendix to the Rules approved by order No. 58 (the procedure for providing the public service), row 9, ground 1: the Laws of the Republic of Kazakhstan on identity documents and on the national registers of identification numbers",
};

impl RefusalGround {
    pub const ALL: [RefusalGround; 9] = [
        Self::IdentityNotFound,
        Self::IdentityDocumentInvalid,
        Self::PersonDeceased,
        Self::ConsentMissing,
        Self::OperatorDoesNotConfirm,
        Self::CodeNotConfirmed,
        Self::BiometricsFailed,
        Self::SignatureInvalid,
        Self::TermExpired,
    ];

    /// Stable identifier for storage and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::IdentityNotFound => "identity_not_found",
            Self::IdentityDocumentInvalid => "identity_document_invalid",
            Self::PersonDeceased => "person_deceased",
            Self::ConsentMissing => "consent_missing",
            Self::OperatorDoesNotConfirm => "operator_does_not_confirm",
            Self::CodeNotConfirmed => "code_not_confirmed",
            Self::BiometricsFailed => "biometrics_failed",
            Self::SignatureInvalid => "signature_invalid",
            Self::TermExpired => "term_expired",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// What happened, said to the citizen.
    pub fn reason(self) -> Localized {
        match self {
            Self::IdentityNotFound => Localized {
                kk: "Жеке тұлғалардың мемлекеттік дерекқорында сіздің ЖСН бойынша жазба табылмады.",
                ru: "В государственной базе данных физических лиц нет записи по вашему ИИН.",
                en: "The national register of individuals holds no record of your IIN.",
            },
            Self::IdentityDocumentInvalid => Localized {
                kk: "Тізілімде сіздің жарамды жеке куәлігіңіз жоқ: құжаттың мерзімі өткен немесе жарамсыз.",
                ru: "В реестре нет действительного документа, удостоверяющего вашу личность: срок истёк или документ недействителен.",
                en: "The register holds no valid identity document of yours: it has expired or is invalid.",
            },
            Self::PersonDeceased => Localized {
                kk: "Тізілімде бұл ЖСН иесі қайтыс болды деп тіркелген.",
                ru: "В реестре владелец этого ИИН записан как умерший.",
                en: "The register records the holder of this IIN as deceased.",
            },
            Self::ConsentMissing => Localized {
                kk: "Қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісім берілмеді.",
                ru: "Не дано согласие на доступ к персональным данным ограниченного доступа.",
                en: "No consent was given to access restricted personal data.",
            },
            Self::OperatorDoesNotConfirm => Localized {
                kk: "Ұялы байланыс операторы бұл нөмірдің сізге тіркелгенін растамады.",
                ru: "Оператор сотовой связи не подтвердил, что этот номер зарегистрирован на вас.",
                en: "The mobile operator did not confirm that this number is registered to you.",
            },
            Self::CodeNotConfirmed => Localized {
                kk: "Бір реттік пароль расталмады.",
                ru: "Одноразовый пароль не подтверждён.",
                en: "The one-time password was not confirmed.",
            },
            Self::BiometricsFailed => Localized {
                kk: "Биометриялық сәйкестендіру өтпеді.",
                ru: "Биометрическая аутентификация не пройдена.",
                en: "Biometric authentication failed.",
            },
            Self::SignatureInvalid => Localized {
                kk: "Сұрау салу жарамды электрондық цифрлық қолтаңбамен куәландырылмады.",
                ru: "Запрос не удостоверен действительной электронной цифровой подписью.",
                en: "The request was not certified with a valid electronic digital signature.",
            },
            Self::TermExpired => Localized {
                kk: "Сұрау салу 10 минут ішінде аяқталмады, оның мерзімі өтті.",
                ru: "Запрос не был завершён за 10 минут, его срок истёк.",
                en: "The request was not completed within 10 minutes and has expired.",
            },
        }
    }

    /// The rule that the refusal rests on.
    pub fn legal_basis(self) -> Localized {
        match self {
            Self::IdentityNotFound | Self::IdentityDocumentInvalid | Self::PersonDeceased => GROUND_1,
            Self::ConsentMissing => Localized {
                kk: "№ 58 бұйрықпен бекітілген Қағидаларға қосымша (мемлекеттік қызметті көрсету тәртібі), 9-жол, 2) тармақша: \"Дербес деректер және оларды қорғау туралы\" Қазақстан Республикасы Заңының 8-бабы",
                ru: "Приложение к Правилам, утверждённым приказом № 58 (порядок оказания государственной услуги), строка 9, подпункт 2): статья 8 Закона Республики Казахстан «О персональных данных и их защите»",
                en: "Appendix to the Rules approved by order No. 58 (the procedure for providing the public service), row 9, ground 2: Article 8 of the Law of the Republic of Kazakhstan on personal data and their protection",
            },
            Self::OperatorDoesNotConfirm => Localized {
                kk: "Қағидалардың 1-тармағы: абоненттік нөмір ұялы байланыс операторы ұсынған болуы тиіс",
                ru: "Пункт 1 Правил: абонентский номер должен быть предоставлен оператором сотовой связи",
                en: "Rules, paragraph 1: the subscriber number must be one provided by the mobile operator",
            },
            Self::CodeNotConfirmed | Self::BiometricsFailed => Localized {
                kk: "Қағидалардың 9-тармағы",
                ru: "Пункт 9 Правил",
                en: "Rules, paragraph 9",
            },
            Self::SignatureInvalid => Localized {
                kk: "Қағидалардың 5-тармағының 2) тармақшасы; Қағидаларға қосымшаның (мемлекеттік қызметті көрсету тәртібі) 8-жолы",
                ru: "Подпункт 2) пункта 5 Правил; строка 8 приложения к Правилам (порядок оказания государственной услуги)",
                en: "Rules, paragraph 5.2; appendix to the Rules (the procedure for providing the public service), row 8",
            },
            Self::TermExpired => Localized {
                kk: "№ 58 бұйрықпен бекітілген Қағидаларға қосымша (мемлекеттік қызметті көрсету тәртібі), 3-жол: көрсету мерзімі 10 минут",
                ru: "Приложение к Правилам, утверждённым приказом № 58 (порядок оказания государственной услуги), строка 3: срок оказания 10 минут",
                en: "Appendix to the Rules approved by order No. 58 (the procedure for providing the public service), row 3: the service term is 10 minutes",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ground_round_trips_through_its_code() {
        for g in RefusalGround::ALL {
            assert_eq!(RefusalGround::from_code(g.code()), Some(g));
        }
        assert_eq!(RefusalGround::from_code("nonsense"), None);
    }

    #[test]
    fn every_ground_has_a_reason_and_a_basis_in_three_languages() {
        for g in RefusalGround::ALL {
            for text in [g.reason(), g.legal_basis()] {
                assert!(
                    !text.kk.is_empty() && !text.ru.is_empty() && !text.en.is_empty(),
                    "{g:?}"
                );
                assert_ne!(text.kk, text.en, "{g:?}");
                assert_ne!(text.ru, text.en, "{g:?}");
            }
        }
    }

    #[test]
    fn the_three_register_grounds_rest_on_ground_one() {
        for g in [
            RefusalGround::IdentityNotFound,
            RefusalGround::IdentityDocumentInvalid,
            RefusalGround::PersonDeceased,
        ] {
            assert_eq!(g.legal_basis(), GROUND_1);
        }
        let consent = RefusalGround::ConsentMissing.legal_basis();
        assert!(consent.en.contains("Article 8"));
        // Since the 2024 amendment the appendix is the procedure, not a "standard".
        for g in RefusalGround::ALL {
            let basis = g.legal_basis();
            assert!(!basis.en.contains("standard"), "{g:?}");
            assert!(!basis.ru.contains("стандарт"), "{g:?}");
            assert!(!basis.kk.contains("стандарт"), "{g:?}");
        }
        assert!(consent.kk.contains("қосымша") && consent.kk.contains("9-жол"));
    }
}

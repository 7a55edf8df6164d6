//! Everything a person reads, in Kazakh (the default), Russian and English.

pub mod complaints;
pub mod document;
pub mod eds;
mod en;
mod kk;
pub mod number_uses;
mod ru;
pub mod timer;

pub use document::document_texts;
pub use timer::timer_texts;

use serde::{Deserialize, Serialize};

use crate::api_problem::ApiProblem;
use crate::end_reason::EndReason;
use crate::wire::{DocumentKindView, PermissionState, UseChannel};

/// The cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "nomir_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, as its speakers write it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Kk => &kk::TEXTS,
            Lang::Ru => &ru::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// The text message that carries a one-time code, in Kazakh and Russian
/// (the language the citizen reads the portal in is not known to the SMS).
pub fn sms_code_text(code: &str) -> String {
    let (kk, ru) = (Lang::Kk.texts(), Lang::Ru.texts());
    format!(
        "Nomir: {} {code}. {} / {} {code}. {}",
        kk.sms_code, kk.sms_keep_secret, ru.sms_code, ru.sms_keep_secret
    )
}

/// The sign-in code message, in Kazakh and Russian: what it is for, and
/// that nobody, the service included, ever asks for it.
pub fn sms_sign_in_code_text(code: &str) -> String {
    let (kk, ru) = (Lang::Kk.texts(), Lang::Ru.texts());
    format!(
        "Nomir: {} {code}. {} / {} {code}. {}",
        number_uses::texts(Lang::Kk).sms_sign_in_code,
        kk.sms_keep_secret,
        number_uses::texts(Lang::Ru).sms_sign_in_code,
        ru.sms_keep_secret
    )
}

/// The message to the old number after a change, in Kazakh and Russian.
pub fn sms_unbound_text() -> String {
    let (kk, ru) = (Lang::Kk.texts(), Lang::Ru.texts());
    format!(
        "Nomir: {} / {}",
        kk.sms_number_unbound, ru.sms_number_unbound
    )
}

/// One language's strings. Adding a field makes every language fail to
/// compile until it is translated.
pub struct Texts {
    pub service_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_cabinet: &'static str,
    pub nav_demo_phone: &'static str,
    pub sign_out: &'static str,
    pub lang_switch_label: &'static str,
    pub demo_banner: &'static str,
    pub demo_clock_moved: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_steps_title: &'static str,
    pub home_steps: [&'static str; 4],
    pub home_facts_title: &'static str,
    pub home_facts: [&'static str; 3],
    pub home_cta_sign_in: &'static str,
    pub home_cta_cabinet: &'static str,

    pub sign_in_title: &'static str,
    pub iin_label: &'static str,
    pub iin_hint: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub demo_accounts_hint: &'static str,
    pub err_credentials: &'static str,
    pub err_locked: &'static str,
    pub err_busy: &'static str,
    pub err_iin_empty: &'static str,
    pub err_iin_digits: &'static str,
    pub err_iin_length: &'static str,
    pub err_iin_check: &'static str,
    pub err_iin_bin: &'static str,
    pub err_password_empty: &'static str,
    pub err_malformed: &'static str,
    pub err_unexpected: &'static str,
    pub signed_out: &'static str,

    pub cabinet_title: &'static str,
    pub cabinet_person: &'static str,
    pub cabinet_name: &'static str,
    pub cabinet_iin: &'static str,
    pub cabinet_number_title: &'static str,
    pub cabinet_number: &'static str,
    pub cabinet_no_number: &'static str,
    pub cabinet_operator: &'static str,
    pub cabinet_bound_at: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub history_until: &'static str,
    pub history_current: &'static str,
    pub history_reassigned: &'static str,
    pub not_signed_in: &'static str,
    pub loading: &'static str,

    pub demo_phone_title: &'static str,
    pub demo_phone_intro: &'static str,
    pub demo_phone_empty: &'static str,
    pub demo_phone_unavailable: &'static str,
    pub demo_phone_received: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,

    pub footer_provider_label: &'static str,
    pub footer_provider: &'static str,
    pub footer_contact_label: &'static str,
    pub footer_contact: &'static str,
    pub footer_free: &'static str,

    pub number_title_bind: &'static str,
    pub number_title_change: &'static str,
    pub number_label: &'static str,
    pub number_hint: &'static str,
    pub consent_label: &'static str,
    pub consent_hint: &'static str,
    pub get_code_button: &'static str,
    pub consent_title: &'static str,
    pub consent_given: &'static str,
    pub consent_none: &'static str,
    pub consent_revoke: &'static str,
    pub consent_revoked: &'static str,
    pub request_title: &'static str,
    pub request_number: &'static str,
    pub open_request_text: &'static str,
    pub open_request_continue: &'static str,
    pub request_term: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_submit: &'static str,
    pub code_valid_until: &'static str,
    pub tries_left: &'static str,
    pub resend_button: &'static str,
    pub resend_after: &'static str,
    pub sign_title: &'static str,
    pub sign_intro: &'static str,
    /// A change of number started in the mobile app or a bank's app, at
    /// its biometrics: it is finished there, not on the portal.
    pub in_app_title: &'static str,
    pub in_app_text: &'static str,
    /// A bank's request (§7): the portal takes no step of it.
    pub at_bank_title: &'static str,
    pub at_bank_text: &'static str,
    pub sign_button: &'static str,
    pub signing: &'static str,
    pub signer_cancelled: &'static str,
    pub signer_failed: &'static str,
    pub result_bound_title: &'static str,
    pub result_bound_text: &'static str,
    pub result_refused_title: &'static str,
    pub result_reason: &'static str,
    pub result_basis: &'static str,
    /// The heading when the service was not performed (not a refusal).
    pub result_not_performed_title: &'static str,
    /// Appendix row 7: the banner before a maintenance break.
    pub maint_upcoming_title: &'static str,
    /// The notice during a break (pages, and the 503 page for actions).
    pub maint_paused_title: &'static str,
    pub maint_from: &'static str,
    pub maint_until: &'static str,
    /// The time zone the times are given in.
    pub maint_time_zone: &'static str,
    /// What a break means for the citizen's actions and requests.
    pub maint_kept: &'static str,
    /// The back office's list of announced breaks.
    pub maint_schedule_title: &'static str,
    pub maint_schedule_empty: &'static str,
    /// The label of the rule a not-performed request did not meet.
    pub result_requirement: &'static str,
    pub result_nothing_bound: &'static str,
    pub result_contact: &'static str,
    pub result_expired_title: &'static str,
    pub result_expired_text: &'static str,
    pub result_withdrawn_title: &'static str,
    pub result_withdrawn_text: &'static str,
    pub back_to_cabinet: &'static str,
    pub request_not_found: &'static str,
    pub err_number_empty: &'static str,
    pub err_number_chars: &'static str,
    pub err_number_length: &'static str,
    pub err_number_foreign: &'static str,
    pub err_number_landline: &'static str,
    pub err_number_not_mobile: &'static str,
    pub err_already_bound: &'static str,
    pub err_too_soon: &'static str,
    pub err_sms_unavailable: &'static str,
    pub err_number_not_yours: &'static str,
    /// `{hours}`: the SIM swap window.
    pub err_sim_swapped: &'static str,
    pub err_operator_unavailable: &'static str,
    pub err_open_elsewhere: &'static str,
    pub err_code_empty: &'static str,
    pub err_code_malformed: &'static str,
    pub err_code_wrong: &'static str,
    pub err_code_expired: &'static str,
    pub err_step: &'static str,
    /// The error summary's heading (GOV.UK "There is a problem").
    pub error_title: &'static str,
    pub err_not_signed_in: &'static str,
    pub err_signature_check_unavailable: &'static str,
    pub err_wrong_key_sign: &'static str,
    pub err_wrong_key_auth: &'static str,
    pub err_legal_entity_key: &'static str,
    pub err_too_large: &'static str,
    pub err_unreachable: &'static str,
    /// Answers of the security middleware and small server pages.
    pub page_cross_site: &'static str,
    pub page_unknown_language: &'static str,
    pub page_demo_clock_step: &'static str,
    pub page_home_link: &'static str,
    /// The text message with the code: "<sms_code> 123456. <sms_keep_secret>".
    pub sms_code: &'static str,
    pub sms_keep_secret: &'static str,
    /// The text message to a number whose binding ended because another
    /// number was bound: "Nomir: <sms_number_unbound>".
    pub sms_number_unbound: &'static str,
    /// The EDS step without JavaScript: what it needs and what to do.
    pub sign_needs_script: &'static str,
    pub code_sent_status: &'static str,
    /// The code step, while the outbox still tries the SMS.
    pub sms_delayed: &'static str,
    /// The code step, once the SMS is given up.
    pub sms_not_delivered: &'static str,
    pub new_code_sent: &'static str,
    /// What happened, for each ending without a binding (an exhaustive match per language).
    pub complaints: &'static complaints::ComplaintTexts,
    pub eds: &'static eds::EdsTexts,
    /// The bound number at work's errors (its page texts are in
    /// [`number_uses`]).
    pub err_sign_in_code_gone: &'static str,
    pub err_needs_number: &'static str,
    pub err_no_number_to_sign_in: &'static str,
    pub err_purpose_unknown: &'static str,
    pub ground_reason: fn(EndReason) -> &'static str,
    /// The rule each ending rests on: the row 9 ground of a refusal, or the
    /// requirement a not-performed request did not meet.
    pub ground_basis: fn(EndReason) -> &'static str,
    /// The `detail` of each JSON API problem (an exhaustive match per language).
    pub problem_detail: fn(ApiProblem) -> &'static str,
    /// The cabinet's view of every use of the account.
    pub err_permission_not_found: &'static str,
    pub api_docs_title: &'static str,
    pub api_docs_intro: &'static str,
    pub api_docs_download: &'static str,
    pub api_docs_operations: &'static str,
    pub api_docs_request_body: &'static str,
    pub api_docs_responses: &'static str,
    pub uses_title: &'static str,
    pub uses_intro: &'static str,
    pub uses_none: &'static str,
    pub uses_channel: &'static str,
    pub uses_requests: &'static str,
    pub uses_bound: &'static str,
    pub uses_last: &'static str,
    pub perms_title: &'static str,
    pub perms_intro: &'static str,
    pub perms_none: &'static str,
    pub perm_bank: &'static str,
    pub perm_documents: &'static str,
    pub perm_granted: &'static str,
    pub perm_expires: &'static str,
    pub perm_state: &'static str,
    pub perm_revoke: &'static str,
    pub perm_revoked: &'static str,
    pub use_channel: fn(UseChannel) -> &'static str,
    pub document_kind: fn(DocumentKindView) -> &'static str,
    pub permission_state: fn(PermissionState) -> &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_is_the_default_and_codes_round_trip() {
        assert_eq!(Lang::default(), Lang::Kk);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn the_languages_differ() {
        assert_ne!(
            Lang::Kk.texts().sign_in_title,
            Lang::Ru.texts().sign_in_title
        );
        assert_ne!(
            Lang::Ru.texts().sign_in_title,
            Lang::En.texts().sign_in_title
        );
    }
}

//! Types that cross the wire between the server and the pages.

use serde::{Deserialize, Serialize};

/// The cookie that holds the session token (HttpOnly; set by the server).
pub const SESSION_COOKIE: &str = "nomir_session";
/// The cookie that ties an EDS sign-in challenge to the browser that asked
/// for it (a random binder; the server keeps only its hash).
pub const EDS_BINDER_COOKIE: &str = "nomir_eds_binder";
/// The cookie that ties a password sign-in waiting for its SMS code to the
/// browser (a random token; the server keeps only its hash).
pub const SIGN_IN_ATTEMPT_COOKIE: &str = "nomir_sign_in_code";

/// A password sign-in waiting for the code sent to the bound number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInCodeView {
    pub number_masked: String,
    /// Local times, as the page shows them.
    pub valid_until: String,
    pub resend_at: String,
}

/// A name in each language (configured data, such as a notification
/// purpose's); the page shows its own language's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Kk => &self.kk,
            crate::i18n::Lang::Ru => &self.ru,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

impl From<&crate::domain::notification::NotificationPurpose> for Names {
    fn from(p: &crate::domain::notification::NotificationPurpose) -> Self {
        Self {
            kk: p.name_kk.clone(),
            ru: p.name_ru.clone(),
            en: p.name_en.clone(),
        }
    }
}

/// One message written for the citizen, as the cabinet lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub when: String,
    pub number_masked: String,
    pub kind: crate::domain::sms::SmsKind,
    /// The state service's name, for a notification.
    pub from: Option<String>,
    /// A notification's purpose.
    pub purpose: Option<Names>,
    /// A notification's text (a code's is never shown).
    pub text: Option<String>,
}

/// One notification purpose and whether the citizen turned it off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferenceView {
    pub code: String,
    pub name: Names,
    pub optional: bool,
    pub off: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CabinetView {
    pub name_cyrillic: String,
    pub name_latin: String,
    pub iin_masked: String,
    pub active: Option<BindingView>,
    pub history: Vec<BindingView>,
    /// When consent to access restricted personal data was given, if it stands.
    pub consent_given_at: Option<String>,
    /// The request in progress, if any, so the citizen can go back to it.
    pub open_request: Option<OpenRequestView>,
    /// Every channel that started a request for this account, latest first.
    pub uses: Vec<UseView>,
    /// Banks' permissions to view the citizen's documents, newest first.
    pub permissions: Vec<PermissionItem>,
    /// Whether a password sign-in also needs a code sent to the bound number.
    pub second_factor: bool,
    /// The messages written for the citizen, newest first.
    pub messages: Vec<MessageView>,
    /// The notification purposes, and which the citizen turned off.
    pub preferences: Vec<PreferenceView>,
}

/// Where a request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UseChannel {
    Portal,
    MobileApp,
    Bank,
}

/// How one channel (the portal, the mobile app, a bank) used the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseView {
    pub channel: UseChannel,
    /// The app's or bank's name; `None` for the portal.
    pub client_name: Option<String>,
    pub started: u32,
    pub bound: u32,
    /// Local time (Astana) of the latest request.
    pub last_at: String,
}

/// A kind of digital document a bank may view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKindView {
    IdentityCard,
    Passport,
    DriverLicence,
    VehicleRegistration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PermissionState {
    /// Asked with a binding still in progress.
    Pending,
    InForce,
    Revoked,
    Expired,
    /// Its binding ended without a number bound.
    NotGranted,
}

/// A bank's permission to view the citizen's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionItem {
    pub id: String,
    pub bank: String,
    pub documents: Vec<DocumentKindView>,
    pub state: PermissionState,
    /// Local time (Astana).
    pub granted_at: Option<String>,
    pub expires_at: String,
}

/// A request still in progress, as the cabinet links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequestView {
    pub id: String,
    /// `+7 701 123 45 67`
    pub number: String,
    /// Local time (Astana) the 10-minute term ends, `10:25`.
    pub term_ends_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingView {
    /// `+7 701 123 45 67`
    pub number: String,
    pub operator: String,
    /// Local time (Astana), `25.11.2026 10:15`.
    pub bound_at: String,
    pub ended_at: Option<String>,
    /// It ended because the operator reassigned the number to someone else.
    pub reassigned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneView {
    pub number: String,
    pub messages: Vec<SmsView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsView {
    pub received_at: String,
    pub body: String,
}

/// A binding request as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: String,
    /// `+7 701 123 45 67`
    pub number: String,
    pub is_change: bool,
    /// When the 10-minute term ends (Astana time, `HH:MM`).
    pub term_ends_at: String,
    pub step: RequestStep,
}

/// The code step's times in Unix seconds of the service's own clock (the
/// demo clock included): what the page's live timers count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepClock {
    /// The service's time when the page was made.
    pub now: i64,
    /// When the request's term ends (10 minutes, lengthened by breaks).
    pub term_ends: i64,
    /// When a new code may be asked for.
    pub resend_at: i64,
}

/// Where the code's SMS stands, as the code step tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SmsNotice {
    Sent,
    /// The gateway has not taken it yet; the outbox keeps trying.
    Delayed,
    /// Given up: a new code must be asked for.
    NotDelivered,
}

impl SmsNotice {
    /// The API's name for it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Delayed => "delayed",
            Self::NotDelivered => "not_delivered",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStep {
    /// Waiting for the code sent by SMS.
    Code {
        valid_until: String,
        tries_left: u32,
        resend_at: String,
        /// The same times as the live timers count them.
        clock: StepClock,
        /// Whether the code's SMS went, or waits for the gateway.
        sms: SmsNotice,
    },
    /// Waiting for the EDS: the document to sign (base64) and the signer's address.
    Sign {
        document_base64: String,
        iin: String,
        signer_url: String,
    },
    /// A change of number started in an app, waiting for its biometrics
    /// there (Rules §8: biometrics, then the EDS).
    InApp,
    /// A bank's request (Rules §7): the citizen's code and biometrics go to
    /// the bank's app, and the permission it asked for takes effect only
    /// there; the portal takes no step of it.
    AtBank,
    Bound {
        operator: String,
    },
    /// Ended without a binding (refused, or not performed): the reason and
    /// its rule come from the translations.
    Ended {
        reason: crate::end_reason::EndReason,
    },
    Expired,
    /// Replaced by a newer request of the same account.
    Withdrawn,
}

/// An EDS sign-in challenge as the page needs it: its id (a hidden field)
/// and the text NCALayer signs, base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdsChallenge {
    pub id: String,
    pub document_base64: String,
    /// Where the page reaches NCALayer.
    pub signer_url: String,
}

/// Appendix row 7: what every page says about maintenance, the server
/// having put it in the request's extensions. Times as Kazakhstan's clocks
/// read them, and in RFC 3339 for the `<time>` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceBanner {
    /// True during the window: the service is paused until `until`.
    pub paused: bool,
    /// When it starts (shown before the window only).
    pub from: Option<ShownTime>,
    pub until: ShownTime,
}

/// A moment as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownTime {
    /// `20.12.2026 02:00`, in Kazakhstan (UTC+5).
    pub local: String,
    /// RFC 3339.
    pub iso: String,
}

/// An announced maintenance window, as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowItem {
    pub from: ShownTime,
    pub until: ShownTime,
}

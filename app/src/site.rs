//! What every page needs to know about the request: its language and
//! whether the service runs in demo mode.

use leptos::prelude::*;

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Site {
    pub lang: Lang,
    pub demo: bool,
    /// How many minutes the demo clock has been moved forward (0: not moved).
    pub clock_moved_minutes: i64,
}

/// How far demo mode's clock has been moved, in minutes; the server
/// provides it as context (demo mode only).
#[derive(Clone)]
pub struct DemoClockShift(pub std::sync::Arc<dyn Fn() -> i64 + Send + Sync>);

/// Whether the server runs in demo mode; the server provides it as context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMode(pub bool);

/// Where pages reach NCALayer; the server provides it (CSP needs it too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerUrl(pub String);

impl Site {
    /// On the server: the language cookie, and the demo flag from context.
    #[cfg(feature = "ssr")]
    pub fn from_request() -> Self {
        let lang = crate::cookies::from_context(crate::i18n::LANG_COOKIE)
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_default();
        let demo = use_context::<DemoMode>().is_some_and(|d| d.0);
        let clock_moved_minutes = use_context::<DemoClockShift>().map_or(0, |s| (s.0)());
        Self {
            lang,
            demo,
            clock_moved_minutes,
        }
    }
}

pub fn use_site() -> Site {
    use_context::<Site>().unwrap_or_default()
}

/// Appendix row 7: the maintenance banner the server put in this request's
/// extensions, from 24 hours before a window until its end.
/// (Pages render on the server only; the WASM has no banner to read.)
pub fn maintenance_banner() -> Option<crate::wire::MaintenanceBanner> {
    #[cfg(feature = "ssr")]
    return use_context::<http::request::Parts>().and_then(|p| {
        p.extensions
            .get::<crate::wire::MaintenanceBanner>()
            .cloned()
    });
    #[cfg(not(feature = "ssr"))]
    None
}

//! The code step's live times, as islands: the time left in the request's
//! term and the wait before a new code may be asked for, counted from the
//! service's own clock (the demo clock included), not the browser's.
//!
//! The server renders both from the same times, so without JavaScript the
//! page says them once, as before; once hydrated they count down each
//! second. The browser's clock only measures how much time has passed: at
//! hydration the island learns how far it is from the service's `now`.
//! A screen reader hears the time left at the start, at 5, 2 and 1
//! minutes, and at the end, never each second; nothing moves but text, so
//! `prefers-reduced-motion` has nothing to stop.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{timer_texts, Lang};

/// What the timers say, in the page's language (the islands' props travel
/// in the page, so they carry the words rather than the language tables).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerLabels {
    pub time_left: String,
    pub resend_in: String,
    pub resend_ready: String,
    /// `{}` is replaced by the minutes.
    pub announce_start: String,
    pub announce_5: String,
    pub announce_2: String,
    pub announce_1: String,
    pub expired: String,
    pub see_result: String,
}

impl TimerLabels {
    pub fn of(lang: Lang) -> Self {
        let t = timer_texts(lang);
        Self {
            time_left: t.time_left.to_owned(),
            resend_in: t.resend_in.to_owned(),
            resend_ready: t.resend_ready.to_owned(),
            announce_start: t.announce_start.to_owned(),
            announce_5: t.announce_5.to_owned(),
            announce_2: t.announce_2.to_owned(),
            announce_1: t.announce_1.to_owned(),
            expired: t.expired.to_owned(),
            see_result: t.see_result.to_owned(),
        }
    }
}

/// `m:ss`.
pub fn minutes_seconds(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// What a screen reader should hear with `left` seconds to go, given the
/// last moment it was told (`told`, in minutes: the start is `u8::MAX`):
/// the new moment and its words, when one is crossed.
pub fn announcement(left: i64, told: u8, labels: &TimerLabels) -> Option<(u8, String)> {
    let moment = match left {
        l if l <= 0 => 0,
        l if l <= 60 => 1,
        l if l <= 120 => 2,
        l if l <= 300 => 5,
        _ => u8::MAX,
    };
    if moment >= told {
        return None;
    }
    let words = match moment {
        0 => labels.expired.clone(),
        1 => labels.announce_1.clone(),
        2 => labels.announce_2.clone(),
        _ => labels.announce_5.clone(),
    };
    Some((moment, words))
}

/// The browser's clock, in seconds.
#[cfg(feature = "hydrate")]
fn browser_now() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// Calls `each` with the service's time now and then every second, once
/// hydrated (never on the server). Stops when `alive` says the island's
/// element has left the page (the navigator replaced it).
fn every_second(
    service_now: i64,
    anchor: NodeRef<leptos::html::Span>,
    each: impl Fn(i64) + Clone + 'static,
) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use std::cell::Cell;
        use std::rc::Rc;
        // The service's clock minus the browser's, learnt once.
        let skew = service_now - browser_now();
        each(browser_now() + skew);
        let handle: Rc<Cell<Option<IntervalHandle>>> = Rc::default();
        let held = handle.clone();
        let each = each.clone();
        let tick = move || {
            let connected = anchor.get_untracked().is_some_and(|e| e.is_connected());
            if !connected {
                if let Some(h) = held.take() {
                    h.clear();
                }
                return;
            }
            each(browser_now() + skew);
        };
        handle.set(set_interval_with_handle(tick, std::time::Duration::from_secs(1)).ok());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (service_now, anchor, each);
}

/// How often the step asks whether its request moved on elsewhere.
const WATCH_EVERY: i64 = 5;

/// Whether the request is still at its code step, as
/// `GET /cabinet/request/{id}/step` says (`None`: no answer now). The
/// answer is `{"step":"<name>"}`, one field, read without a JSON parser:
/// one would weigh more in the WASM than everything else here.
#[cfg(feature = "hydrate")]
async fn still_at_code(url: &str) -> Option<bool> {
    let answer = gloo_net::http::Request::get(url).send().await.ok()?;
    if !answer.ok() {
        return None;
    }
    let text = answer.text().await.ok()?;
    Some(text.contains(r#""step":"code""#))
}

/// Every [`WATCH_EVERY`] seconds, asks whether the request moved on (the
/// code entered in another tab, the request finished in the app) and, if
/// it did, shows the page again in place.
fn watch(step_href: String, in_flight: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    if !in_flight.get_untracked() {
        in_flight.set(true);
        leptos::task::spawn_local(async move {
            let moved_on = still_at_code(&step_href).await == Some(false);
            in_flight.set(false);
            if moved_on {
                crate::navigation::refresh();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (step_href, in_flight);
}

/// The time left in the request's term; at its end, a notice with a link
/// to the request's result (the page, loaded again, shows it). Every few
/// seconds it also asks whether the request moved on elsewhere, and then
/// shows its new step in place.
#[island]
pub fn CodeTimer(
    now: i64,
    ends: i64,
    result_href: String,
    labels: TimerLabels,
) -> impl IntoView {
    let left = RwSignal::new((ends - now).max(0));
    let in_flight = RwSignal::new(false);
    let step_href = format!("{result_href}/step");
    let heard = RwSignal::new(String::new());
    let told = RwSignal::new(u8::MAX);
    let anchor = NodeRef::<leptos::html::Span>::new();
    let words = labels.clone();
    let started = RwSignal::new(false);
    every_second(now, anchor, move |service_now| {
        let l = (ends - service_now).max(0);
        left.set(l);
        if (service_now - now) % WATCH_EVERY == WATCH_EVERY - 1 {
            watch(step_href.clone(), in_flight);
        }
        if !started.get_untracked() {
            started.set(true);
            let minutes = (l + 59) / 60;
            heard.set(words.announce_start.replace("{}", &minutes.to_string()));
            // The start says the time; the next moment is the first crossed after it.
            told.set(announcement(l, u8::MAX, &words).map_or(u8::MAX, |(m, _)| m));
            return;
        }
        if let Some((moment, text)) = announcement(l, told.get_untracked(), &words) {
            told.set(moment);
            heard.set(text);
        }
    });
    let TimerLabels {
        time_left,
        expired,
        see_result,
        ..
    } = labels;
    view! {
        <p class="hint timer" data-testid="code-timer">
            {time_left}": "
            <span node_ref=anchor data-testid="time-left">{move || minutes_seconds(left.get())}</span>
        </p>
        <p class="visually-hidden" role="status" data-testid="timer-announcement">{move || heard.get()}</p>
        {move || (left.get() == 0).then(|| view! {
            <p class="notice" data-testid="code-expired">
                {expired.clone()}" "<a href=result_href.clone()>{see_result.clone()}</a>
            </p>
        })}
    }
}

/// "Send a new code": the button and the wait before it may be pressed.
/// Without JavaScript the button is always on (the server says when it is
/// too early); with it, the button turns on at the second the service
/// allows, and the wait counts down beside it.
#[island]
pub fn ResendButton(now: i64, resend_at: i64, label: String, labels: TimerLabels) -> impl IntoView {
    let scripted = RwSignal::new(false);
    let wait = RwSignal::new((resend_at - now).max(0));
    let anchor = NodeRef::<leptos::html::Span>::new();
    every_second(now, anchor, move |service_now| {
        scripted.set(true);
        wait.set((resend_at - service_now).max(0));
    });
    let TimerLabels {
        resend_in,
        resend_ready,
        ..
    } = labels;
    let line = move || match (scripted.get(), wait.get()) {
        (false, _) => String::new(),
        (true, 0) => resend_ready.clone(),
        (true, w) => format!("{resend_in} {}", minutes_seconds(w)),
    };
    view! {
        <p class="hint status-line" data-testid="resend-wait"><span node_ref=anchor>{line}</span></p>
        <button type="submit" class="secondary" data-testid="resend-button"
            disabled=move || { scripted.get() && wait.get() > 0 }>
            {label}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_as_minutes_and_seconds() {
        assert_eq!(minutes_seconds(600), "10:00");
        assert_eq!(minutes_seconds(61), "1:01");
        assert_eq!(minutes_seconds(0), "0:00");
        assert_eq!(minutes_seconds(-5), "0:00");
    }

    #[test]
    fn a_screen_reader_hears_5_2_1_minutes_and_the_end_once_each() {
        let labels = TimerLabels::of(Lang::En);
        let mut told = u8::MAX;
        let mut heard = Vec::new();
        for left in (0..=600).rev() {
            if let Some((moment, words)) = announcement(left, told, &labels) {
                told = moment;
                heard.push((left, words));
            }
        }
        let at: Vec<i64> = heard.iter().map(|(l, _)| *l).collect();
        assert_eq!(at, [300, 120, 60, 0]);
        assert_eq!(heard[3].1, labels.expired);
        // Joining late (3 minutes left) hears only what comes after.
        assert_eq!(announcement(180, 5, &labels), None);
        assert_eq!(announcement(120, 5, &labels).map(|(m, _)| m), Some(2));
    }
}

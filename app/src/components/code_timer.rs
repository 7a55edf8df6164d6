//! The code step's live times: the time left in the request's
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
use serde::Serialize;

use crate::i18n::{timer_texts, Lang};

/// What the timers say, in the page's language (an island's data travels
/// in the page, so it carries the words rather than the language tables).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

    #[cfg(feature = "hydrate")]
    pub fn read(js: &super::island_data::Js) -> Self {
        Self {
            time_left: js.text("time_left"),
            resend_in: js.text("resend_in"),
            resend_ready: js.text("resend_ready"),
            announce_start: js.text("announce_start"),
            announce_5: js.text("announce_5"),
            announce_2: js.text("announce_2"),
            announce_1: js.text("announce_1"),
            expired: js.text("expired"),
            see_result: js.text("see_result"),
        }
    }
}

/// The term's timer's data: the service's time, the term's end (Unix
/// seconds) and the request's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermData {
    pub now: i64,
    pub ends: i64,
    pub result_href: String,
    pub labels: TimerLabels,
}

impl TermData {
    #[cfg(feature = "hydrate")]
    pub fn read(js: &super::island_data::Js) -> Self {
        Self {
            now: js.int("now"),
            ends: js.int("ends"),
            result_href: js.text("result_href"),
            labels: TimerLabels::read(&js.at("labels")),
        }
    }
}

/// The resend button's data: the service's time, when a new code may be
/// asked for (Unix seconds), and the button's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResendData {
    pub now: i64,
    pub resend_at: i64,
    pub label: String,
    pub labels: TimerLabels,
}

impl ResendData {
    #[cfg(feature = "hydrate")]
    pub fn read(js: &super::island_data::Js) -> Self {
        Self {
            now: js.int("now"),
            resend_at: js.int("resend_at"),
            label: js.text("label"),
            labels: TimerLabels::read(&js.at("labels")),
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

/// Calls `each` with the browser's time now and then every second, once
/// hydrated (never on the server). Stops when the island's element
/// (`anchor`) has left the page (the navigator replaced it).
fn every_second(anchor: NodeRef<leptos::html::Span>, each: impl Fn(i64) + Clone + 'static) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use std::cell::Cell;
        use std::rc::Rc;
        each(browser_now());
        let handle: Rc<Cell<Option<IntervalHandle>>> = Rc::default();
        let held = handle.clone();
        let each = each.clone();
        let tick = move || {
            if !connected(anchor) {
                if let Some(h) = held.take() {
                    h.clear();
                }
                return;
            }
            each(browser_now());
        };
        handle.set(set_interval_with_handle(tick, std::time::Duration::from_secs(1)).ok());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (anchor, each);
}

/// Whether the island's element is still on the page.
#[cfg(feature = "hydrate")]
fn connected(anchor: NodeRef<leptos::html::Span>) -> bool {
    anchor.get_untracked().is_some_and(|e| e.is_connected())
}

/// How often the step asks whether its request moved on (seconds), and
/// how long an unanswered ask is waited for before asking again.
const WATCH_EVERY: i64 = 5;
const WATCH_GIVE_UP: i64 = 20;

/// What `GET /cabinet/request/{id}/step` said.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Still at the code step, with the service's time and the term's end.
    Code { now: i64, term_ends: i64 },
    /// Anywhere else, or no longer this citizen's to see (signed out).
    MovedOn,
}

/// The number after `"key":` in a flat JSON object.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn number(text: &str, key: &str) -> Option<i64> {
    let at = text.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// Reads the step endpoint's answer (`None`: no usable answer). The JSON
/// is one flat object, read without a JSON parser: one would weigh more
/// in the WASM than everything else here.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn read_step(status: u16, text: &str) -> Option<Step> {
    match status {
        200 if text.contains(r#""step":"code""#) => Some(Step::Code {
            now: number(text, "now")?,
            term_ends: number(text, "term_ends")?,
        }),
        200 | 401 | 404 => Some(Step::MovedOn),
        _ => None,
    }
}

#[cfg(feature = "hydrate")]
async fn ask(url: &str) -> Option<Step> {
    let answer = gloo_net::http::Request::get(url).send().await.ok()?;
    let status = answer.status();
    let text = answer.text().await.ok()?;
    read_step(status, &text)
}

/// The code step's watch on its request: the service's clock as last
/// learnt (its time minus the browser's), the term's end, and the ask on
/// its way, if any.
#[derive(Clone, Copy)]
struct Watch {
    skew: RwSignal<Option<i64>>,
    ends: RwSignal<i64>,
    asked_at: RwSignal<Option<i64>>,
    last_ask: RwSignal<i64>,
    /// Set once the request moved on: nothing more is asked or shown.
    done: RwSignal<bool>,
}

impl Watch {
    /// Asks the endpoint when it is time (every [`WATCH_EVERY`] seconds of
    /// the browser's clock, whichever way it jumps; again after
    /// [`WATCH_GIVE_UP`] without an answer).
    fn maybe_ask(
        self,
        browser: i64,
        step_href: &str,
        page: &str,
        anchor: NodeRef<leptos::html::Span>,
    ) {
        if self.done.get_untracked() {
            return;
        }
        let since = browser - self.last_ask.get_untracked();
        if (0..WATCH_EVERY).contains(&since) {
            return;
        }
        if let Some(at) = self.asked_at.get_untracked() {
            if (0..WATCH_GIVE_UP).contains(&(browser - at)) {
                return;
            }
        }
        self.last_ask.set(browser);
        self.asked_at.set(Some(browser));
        #[cfg(feature = "hydrate")]
        {
            let (step_href, page) = (step_href.to_owned(), page.to_owned());
            leptos::task::spawn_local(async move {
                let step = ask(&step_href).await;
                // A newer ask, or a page already replaced, decides instead.
                if self.asked_at.get_untracked() != Some(browser) || !connected(anchor) {
                    return;
                }
                self.asked_at.set(None);
                match step {
                    Some(Step::Code { now, term_ends }) => {
                        // Re-learnt only when off by more than the
                        // answer's own delay could explain, so the
                        // countdown does not jitter by a second.
                        let learnt = now - browser_now();
                        if self
                            .skew
                            .get_untracked()
                            .is_none_or(|s| (s - learnt).abs() > 2)
                        {
                            self.skew.set(Some(learnt));
                        }
                        self.ends.set(term_ends);
                    }
                    Some(Step::MovedOn) if !self.done.get_untracked() => {
                        self.done.set(true);
                        crate::navigation::refresh(&page);
                    }
                    _ => {}
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (step_href, page, anchor);
    }
}

/// The time left in the request's term; at its end, a notice with a link
/// to the request's result (the page, loaded again, shows it). Every few
/// seconds it also asks the service for its step: the term may have grown
/// (a maintenance break), the clock is learnt again, and once the request
/// moved on elsewhere (another tab, the app) its new step is shown in
/// place.
#[component]
pub fn CodeTimer(data: TermData) -> impl IntoView {
    let TermData {
        now,
        ends,
        result_href,
        labels,
    } = data;
    let watch = Watch {
        skew: RwSignal::new(None),
        ends: RwSignal::new(ends),
        asked_at: RwSignal::new(None),
        last_ask: RwSignal::new(i64::MIN / 2),
        done: RwSignal::new(false),
    };
    let left = RwSignal::new((ends - now).max(0));
    let heard = RwSignal::new(String::new());
    let told = RwSignal::new(u8::MAX);
    let anchor = NodeRef::<leptos::html::Span>::new();
    let words = labels.clone();
    let started = RwSignal::new(false);
    let step_href = format!("{result_href}/step");
    let page = result_href.clone();
    every_second(anchor, move |browser| {
        // The first tick learns the clock from the page; asks correct it.
        let skew = watch.skew.get_untracked().unwrap_or(now - browser);
        watch.skew.set(Some(skew));
        let l = (watch.ends.get_untracked() - (browser + skew)).max(0);
        left.set(l);
        if !started.get_untracked() {
            started.set(true);
            // Said only at a request's start, not again after each step
            // shown in place (a wrong code, a new code).
            if l >= START_WINDOW {
                let minutes = (l + 30) / 60;
                heard.set(words.announce_start.replace("{}", &minutes.to_string()));
            }
            told.set(announcement(l, u8::MAX, &words).map_or(u8::MAX, |(m, _)| m));
        } else if let Some((moment, text)) = announcement(l, told.get_untracked(), &words) {
            told.set(moment);
            heard.set(text);
        }
        watch.maybe_ask(browser, &step_href, &page, anchor);
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

/// How much of the term must be left for the start to be announced: the
/// first minute, when the page comes right after "get code".
const START_WINDOW: i64 = 540;

/// "Send a new code": the button and the wait before it may be pressed.
/// Without JavaScript the button is always on (the server says when it is
/// too early); with it, the button says it is unavailable
/// (`aria-disabled`, still reachable with the keyboard and described by
/// the wait) until a second after the service allows it, and the wait
/// counts down beside it; a screen reader hears when it turns on.
#[component]
pub fn ResendButton(data: ResendData) -> impl IntoView {
    let ResendData {
        now,
        resend_at,
        label,
        labels,
    } = data;
    let scripted = RwSignal::new(false);
    // A second's margin: the browser's clock is read to the second.
    let wait = RwSignal::new((resend_at + 1 - now).max(0));
    let heard = RwSignal::new(String::new());
    let anchor = NodeRef::<leptos::html::Span>::new();
    let ready_words = labels.resend_ready.clone();
    let skew = RwSignal::new(None::<i64>);
    every_second(anchor, move |browser| {
        let sk = skew.get_untracked().unwrap_or(now - browser);
        skew.set(Some(sk));
        let was = wait.get_untracked();
        let w = (resend_at + 1 - (browser + sk)).max(0);
        wait.set(w);
        if scripted.get_untracked() && was > 0 && w == 0 {
            heard.set(ready_words.clone());
        }
        scripted.set(true);
    });
    let waiting = move || scripted.get() && wait.get() > 0;
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
        <p class="hint status-line" id="resend-wait" data-testid="resend-wait"><span node_ref=anchor>{line}</span></p>
        <p class="visually-hidden" role="status">{move || heard.get()}</p>
        <button type="submit" class="secondary" data-testid="resend-button"
            aria-disabled=move || waiting().to_string()
            aria-describedby="resend-wait"
            on:click=move |ev| { if waiting() { ev.prevent_default(); } }>
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
    fn the_step_answer_is_read_without_a_json_parser() {
        assert_eq!(
            read_step(
                200,
                r#"{"step":"code","now":100,"term_ends":700,"resend_at":160}"#
            ),
            Some(Step::Code {
                now: 100,
                term_ends: 700
            })
        );
        assert_eq!(read_step(200, r#"{"step":"sign"}"#), Some(Step::MovedOn));
        assert_eq!(
            read_step(401, r#"{"error":"not_signed_in"}"#),
            Some(Step::MovedOn)
        );
        assert_eq!(read_step(404, ""), Some(Step::MovedOn));
        assert_eq!(read_step(503, r#"{"error":"unavailable"}"#), None);
        assert_eq!(read_step(200, r#"{"step":"code","now":"x"}"#), None);
        assert_eq!(number(r#"{"a":-5,"b":7}"#, "a"), Some(-5));
        assert_eq!(number(r#"{"a":-5,"b":7}"#, "b"), Some(7));
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

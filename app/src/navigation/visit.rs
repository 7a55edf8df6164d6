//! What a form sent or a link followed asks of the server, and whether it
//! is ours to fetch: anything unusual is left to the browser.

use gloo_net::http::Request;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, FormData, HtmlFormElement, MouseEvent, SubmitEvent, UrlSearchParams};

/// How the new page enters the history.
#[derive(Clone, Copy)]
pub enum History {
    /// A new step: a new entry.
    Push,
    /// Back or forward: the entry is already there, with where the page
    /// was scrolled to when it was left.
    Replace { scrolled: Option<f64> },
}

pub struct Visit {
    url: String,
    /// The form's fields for a post; `None` for a page read.
    body: Option<UrlSearchParams>,
    pub history: History,
}

/// The server's answer to a visit.
pub struct Answer {
    /// The page's address: where the answer came from after redirects,
    /// with the part of the page the visit named (`#…`, which an answer's
    /// address never has).
    pub url: String,
    pub html: String,
    /// Whether a post was answered with a redirect, so the outcome is a
    /// page that can be read again.
    pub redirected: bool,
    pub is_html: bool,
}

/// What came back when no page can be shown from it.
pub enum Failure {
    /// Nothing came: the post may or may not have reached the server.
    NoAnswer,
    /// An answer came from this address, but its page could not be read.
    Unread { url: String, redirected: bool },
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn origin() -> Option<String> {
    window()?.location().origin().ok()
}

/// An address on this site, absolute, or `None`.
fn same_site(href: &str) -> Option<web_sys::Url> {
    let base = window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(href, &base).ok()?;
    (Some(url.origin()) == origin()).then_some(url)
}

/// The link a plain left click (no key held, not handled already) is on:
/// other clicks open tabs and windows, the browser's to do.
pub fn link_clicked(ev: &MouseEvent) -> Option<Element> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("a[href]")
        .ok()?
}

impl Visit {
    /// A form sent with the usual encoding, to this site, in this window.
    pub fn of_submit(ev: &SubmitEvent) -> Option<Self> {
        if ev.default_prevented() {
            return None;
        }
        let form = ev.target()?.dyn_into::<HtmlFormElement>().ok()?;
        // A submit button that names itself or overrides the form is the
        // browser's to send exactly.
        if let Some(button) = ev.submitter() {
            let overrides = [
                "name",
                "formaction",
                "formmethod",
                "formenctype",
                "formtarget",
            ];
            if overrides.iter().any(|a| button.has_attribute(a)) {
                return None;
            }
        }
        let target = form.target();
        if !(target.is_empty() || target == "_self")
            || form.enctype() != "application/x-www-form-urlencoded"
        {
            return None;
        }
        let url = same_site(&form.action())?;
        let fields = fields_of(&form)?;
        match form.method().as_str() {
            "get" => {
                url.set_search(&String::from(fields.to_string()));
                Some(Self::read(url.href(), History::Push))
            }
            "post" => Some(Self {
                url: url.href(),
                body: Some(fields),
                history: History::Push,
            }),
            _ => None,
        }
    }

    /// A link to another page of this site, to open in this window.
    pub fn of_link(link: &Element) -> Option<Self> {
        let target = link.get_attribute("target").unwrap_or_default();
        let external = link
            .get_attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "external"));
        if !(target.is_empty() || target == "_self") || external || link.has_attribute("download") {
            return None;
        }
        let url = same_site(&link.get_attribute("href")?)?;
        Some(Self::read(url.href(), History::Push))
    }

    /// The page at `path` (the one shown, without an earlier error in its
    /// address), read again where it is scrolled to: it changed elsewhere.
    pub fn of_refresh(path: &str) -> Option<Self> {
        let url = same_site(path)?;
        let scrolled = web_sys::window().and_then(|w| w.scroll_y().ok());
        Some(Self::read(url.href(), History::Replace { scrolled }))
    }

    /// Back or forward: the page now in the address bar.
    pub fn of_history(scrolled: Option<f64>) -> Self {
        Self::read(here(), History::Replace { scrolled })
    }

    fn read(url: String, history: History) -> Self {
        Self {
            url,
            body: None,
            history,
        }
    }

    pub fn is_post(&self) -> bool {
        self.body.is_some()
    }

    /// Whether the answer is a page to put in place of this one: HTML from
    /// this site, for a page read or a post that was redirected (a post
    /// answered directly has no address that shows it again).
    pub fn shows_in_place(&self, answer: &Answer) -> bool {
        answer.is_html && same_site(&answer.url).is_some() && (!self.is_post() || answer.redirected)
    }

    /// Fetches the page.
    pub async fn send(&self) -> Result<Answer, Failure> {
        let request = match &self.body {
            Some(body) => Request::post(&self.url)
                .header("Accept", "text/html")
                .body(body.clone())
                .map_err(|_| Failure::NoAnswer)?,
            None => Request::get(&self.url)
                .header("Accept", "text/html")
                .build()
                .map_err(|_| Failure::NoAnswer)?,
        };
        let (_, part) = split_part(&self.url);
        let response = request.send().await.map_err(|_| Failure::NoAnswer)?;
        let redirected = response.redirected();
        let url = format!("{}{part}", response.url());
        let is_html = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.starts_with("text/html"));
        let html = if is_html {
            match response.text().await {
                Ok(html) => html,
                Err(_) => return Err(Failure::Unread { url, redirected }),
            }
        } else {
            String::new()
        };
        Ok(Answer {
            url,
            html,
            redirected,
            is_html,
        })
    }

    /// No page can be shown from what came back: a full page load shows
    /// the outcome. A page read, or a post answered with a redirect, is
    /// loaded from its address. A post is never sent again, since it may
    /// have been done already: with no answer, this page is loaded afresh
    /// (and shows the state the post left, if any).
    pub fn fail(&self, failure: Failure) {
        match failure {
            Failure::Unread { url, redirected } if !self.is_post() || redirected => self.load(&url),
            Failure::NoAnswer if !self.is_post() => self.load(&self.url),
            _ => reload(),
        }
    }

    /// The answer could not be put in place: as [`Self::fail`], except that
    /// a post answered directly with a page (never a server function's way)
    /// is shown as it came.
    pub fn load_answer(&self, answer: Answer) {
        if !self.is_post() || answer.redirected {
            self.load(&answer.url);
        } else if answer.is_html {
            super::swap::show_whole(&answer.html);
        } else {
            reload();
        }
    }

    /// A full page load of `url`, entering the history as this visit does.
    fn load(&self, url: &str) {
        let Some(location) = window().map(|w| w.location()) else {
            return;
        };
        let _ = match self.history {
            History::Push => location.assign(url),
            History::Replace { .. } => location.replace(url),
        };
    }
}

fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// The address in the address bar.
pub fn here() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// An address, and the part of the page it names (`#…`, or empty).
pub fn split_part(url: &str) -> (&str, &str) {
    url.find('#').map_or((url, ""), |i| url.split_at(i))
}

/// The form's fields as a URL-encoded body, or `None` if one is a file.
fn fields_of(form: &HtmlFormElement) -> Option<UrlSearchParams> {
    let data = FormData::new_with_form(form).ok()?;
    let params = UrlSearchParams::new().ok()?;
    for entry in js_sys::try_iter(&data).ok()??.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (key, value) = (pair.get(0).as_string()?, pair.get(1).as_string()?);
        params.append(&key, &value);
    }
    Some(params)
}

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
    /// Back or forward: the entry is already there.
    Replace,
}

pub struct Visit {
    url: String,
    /// The form's fields for a post; `None` for a page read.
    body: Option<UrlSearchParams>,
    /// The form a post came from, sent natively if the fetch fails.
    form: Option<HtmlFormElement>,
    pub history: History,
}

/// The server's answer to a visit.
pub struct Answer {
    /// Where the answer came from, after redirects: the page's address.
    pub url: String,
    pub html: String,
    /// Whether a post was answered with a redirect, so the outcome is a
    /// page that can be read again.
    pub redirected: bool,
    pub is_html: bool,
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
            let overrides = ["name", "formaction", "formmethod", "formenctype", "formtarget"];
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
                form: Some(form),
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
        if !(target.is_empty() || target == "_self") || external || link.has_attribute("download")
        {
            return None;
        }
        let url = same_site(&link.get_attribute("href")?)?;
        Some(Self::read(url.href(), History::Push))
    }

    /// Back or forward: the page now in the address bar.
    pub fn of_history() -> Self {
        let url = window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        Self::read(url, History::Replace)
    }

    fn read(url: String, history: History) -> Self {
        Self {
            url,
            body: None,
            form: None,
            history,
        }
    }

    /// Fetches the page; `Err` when no answer came (offline, refused).
    pub async fn send(&self) -> Result<Answer, ()> {
        let request = match &self.body {
            Some(body) => Request::post(&self.url)
                .header("Accept", "text/html")
                .body(body.clone())
                .map_err(|_| ())?,
            None => Request::get(&self.url)
                .header("Accept", "text/html")
                .build()
                .map_err(|_| ())?,
        };
        let response = request.send().await.map_err(|_| ())?;
        let is_html = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.starts_with("text/html"));
        let html = if is_html {
            response.text().await.map_err(|_| ())?
        } else {
            String::new()
        };
        Ok(Answer {
            url: response.url(),
            html,
            redirected: response.redirected(),
            is_html,
        })
    }

    /// No answer came: the browser does it as it would have without us.
    pub fn load_natively(&self) {
        match &self.form {
            // `submit()` sends without a submit event, so not to us again.
            Some(form) => {
                let _ = form.submit();
            }
            None => assign(&self.url),
        }
    }

    /// The answer could not be put in place: a full page load shows it.
    /// A page read, or a post answered with a redirect, is loaded from its
    /// address; a post answered directly (never a server function's way) is
    /// shown as it came, since sending it again could repeat it.
    pub fn load_answer(&self, answer: &Answer) {
        if self.body.is_none() || answer.redirected {
            assign(&answer.url);
        } else if answer.is_html {
            super::swap::show_whole(&answer.html);
        } else {
            // Neither a page nor an address to load: this page, afresh.
            if let Some(w) = window() {
                let _ = w.location().reload();
            }
        }
    }
}

fn assign(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().assign(url);
    }
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

//! Help with the procedure's fields as the citizen types: the number, the
//! code, and the IIN and password of signing in. It has no view of its
//! own: it marks a form that is already on the page (the same form, fields,
//! error summary and field errors as without JavaScript), either as an
//! island of its own in a form the server renders ([`FieldHelp`]) or from
//! inside the island that renders the form ([`help`]: the binding card's
//! number, the request step's code). Once the WASM runs it
//!
//! - shows the number back as `+7 701 123 45 67` once it is whole, however
//!   it was typed (`8 701…`, `+7 (701) …`, spaces);
//! - leaves only the six-digit code of a pasted SMS in the code field;
//! - before the form is sent, checks each field with the core's own
//!   parsers, in the server's order, and shows the first error beside its
//!   field and in the error summary, with the server's text for that same
//!   typed error (the server puts the texts in the island's data, so the
//!   WASM carries no translations) and the markup of [`ErrorSummary`].
//!
//! What only the server can decide (the numbering plan's mobile ranges,
//! the password, the code itself) is left to it; its answer comes back as
//! a page, as without JavaScript. The server checks two things before the
//! fields, which the browser does not know: that the session is still on,
//! and that the service is not in a maintenance break. A citizen in either
//! case who also typed a wrong field hears of the field first, then, once
//! it is corrected, of the session or the break.
//!
//! Why it changes the form in place rather than rendering the fields
//! itself: the sign-in forms stay the server's HTML, and one helper serves
//! them and the islands' forms alike.
//!
//! [`ErrorSummary`]: super::ErrorSummary

use super::island_data::{carry, island_data, IslandData};
use leptos::prelude::*;

use crate::error::PortalError;
use crate::i18n::Texts;

/// What a field holds, which says how it is shown, helped and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Iin,
    Password,
    Code,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Iin => "iin",
            Kind::Password => "password",
            Kind::Code => "code",
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn of_id(id: &str) -> Option<Self> {
        [Kind::Number, Kind::Iin, Kind::Password, Kind::Code]
            .into_iter()
            .find(|k| k.id() == id)
    }

    /// The errors the browser can find in this field: the server gives
    /// their texts with the form.
    pub fn findable(self) -> &'static [PortalError] {
        use crate::error::StepError as S;
        use PortalError::Step;
        match self {
            Kind::Number => &[
                Step(S::NumberEmpty),
                Step(S::NumberCharacters),
                Step(S::NumberLength),
                Step(S::NumberForeign),
                Step(S::NumberLandline),
            ],
            Kind::Iin => &[
                Step(S::IinEmpty),
                Step(S::IinNotDigits),
                Step(S::IinLength),
                Step(S::IinCheckDigit),
                Step(S::IinOfBusiness),
            ],
            Kind::Code => &[Step(S::CodeEmpty), Step(S::CodeMalformed)],
            Kind::Password => &[PortalError::PasswordEmpty],
        }
    }
}

/// The error a field's value has, as the server would find it first.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn check(kind: Kind, value: &str) -> Option<PortalError> {
    use nomir_core::domain::{Iin, Msisdn, OtpCode};
    use nomir_core::step_error::StepError;
    let step = match kind {
        Kind::Number => Msisdn::shape(value).err().map(StepError::from),
        Kind::Iin => Iin::parse(value).err().map(StepError::from),
        Kind::Code => OtpCode::parse(value).err().map(StepError::from),
        Kind::Password => return value.is_empty().then_some(PortalError::PasswordEmpty),
    };
    step.map(PortalError::Step)
}

/// What a field shows back as the citizen types or pastes (`finished`:
/// once they leave it): the number in its read form once whole, the code
/// out of a pasted message.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn shown_back(kind: Kind, value: &str, finished: bool) -> Option<String> {
    use nomir_core::domain::{Msisdn, OtpCode};
    match kind {
        Kind::Number => Msisdn::format_typed(value, finished).filter(|f| f != value),
        Kind::Code if value.trim().len() > OtpCode::LENGTH => OtpCode::from_pasted(value),
        _ => None,
    }
}

/// The helper for the fields `kinds` of the form it is put in, listed in
/// the order the server checks them.
#[component]
pub fn FieldHelp(kinds: &'static [Kind], t: &'static Texts) -> impl IntoView {
    let data = carry(HelpData::of(kinds, t));
    view! { {data} <Helper/> }
}

impl HelpData {
    pub fn of(kinds: &'static [Kind], t: &'static Texts) -> Self {
        let ids: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
        let messages: Vec<String> = kinds
            .iter()
            .flat_map(|k| k.findable())
            .map(|e| e.message(t).replace('\n', " "))
            .collect();
        HelpData {
            kinds: ids.join(" "),
            messages: messages.join("\n"),
            title: t.error_title.to_owned(),
        }
    }
}

/// `kinds`: the fields' ids, by spaces; `messages`: the texts of the errors
/// the browser can find in them, a line each, field by field in
/// [`Kind::findable`]'s order; `title`: the error summary's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HelpData {
    kinds: String,
    messages: String,
    title: String,
}

impl IslandData for HelpData {
    const ID: &'static str = "field-help-data";

    #[cfg(feature = "hydrate")]
    fn read(js: &super::island_data::Js) -> Self {
        Self {
            kinds: js.text("kinds"),
            messages: js.text("messages"),
            title: js.text("title"),
        }
    }
}

/// The helper as an island of its own.
#[island]
fn Helper() -> impl IntoView {
    help(island_data());
}

/// Installs the helper, from whichever island is hydrating.
pub fn help(data: HelpData) {
    let HelpData {
        kinds,
        messages,
        title,
    } = data;
    #[cfg(feature = "hydrate")]
    {
        let mut texts = messages.lines();
        let fields = kinds
            .split(' ')
            .filter_map(Kind::of_id)
            .map(|k| {
                let mine = texts.by_ref().take(k.findable().len()).map(str::to_owned);
                (k, mine.collect())
            })
            .collect();
        browser::install(fields, title);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (kinds, messages, title);
}

/// The browser's side: reading and marking the server's form.
#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;

    use leptos::prelude::document;
    use leptos::wasm_bindgen::prelude::Closure;
    use leptos::wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement};

    use super::{check, shown_back, Kind};

    type Listener = Closure<dyn Fn(Event)>;

    thread_local! {
        /// The listeners of each form helped, kept while the form is on the
        /// page: a step shown in place replaces the form, and the next
        /// helper installed lets the old ones go.
        static KEPT: RefCell<Vec<(HtmlFormElement, Vec<Listener>)>> = const { RefCell::new(Vec::new()) };
    }

    fn input(id: &str) -> Option<HtmlInputElement> {
        document().get_element_by_id(id)?.dyn_into().ok()
    }

    pub fn install(fields: Vec<(Kind, Vec<String>)>, title: String) {
        let Some(form) = fields
            .first()
            .and_then(|(k, _)| input(k.id()))
            .and_then(|i| i.form())
        else {
            return;
        };
        let mut listeners = Vec::new();
        for (kind, _) in &fields {
            let kind = *kind;
            let Some(field) = input(kind.id()) else {
                continue;
            };
            let show = Listener::new(move |ev: Event| show_back(&ev, kind));
            for event in ["input", "change"] {
                let _ =
                    field.add_event_listener_with_callback(event, show.as_ref().unchecked_ref());
            }
            listeners.push(show);
        }
        // The form's own listener runs before the navigator's (on the document).
        let checked = form.clone();
        let on_submit = Listener::new(move |ev: Event| {
            let found = first_error(&checked, &fields);
            if found.is_some() {
                ev.prevent_default();
            }
            // A form that goes is cleared of the errors shown before.
            mark(&checked, &fields, found, &title);
        });
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        listeners.push(on_submit);
        KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            kept.retain(|(form, _)| form.is_connected());
            kept.push((form, listeners));
        });
    }

    fn first_error(
        form: &HtmlFormElement,
        fields: &[(Kind, Vec<String>)],
    ) -> Option<(Kind, String)> {
        fields.iter().find_map(|(kind, messages)| {
            let field: HtmlInputElement = form.elements().named_item(kind.id())?.dyn_into().ok()?;
            let found = check(*kind, &field.value())?;
            // An error without a text from the server is left to the server.
            let at = kind.findable().iter().position(|e| *e == found)?;
            Some((*kind, messages.get(at)?.clone()))
        })
    }

    fn element(tag: &str, attrs: &[(&str, &str)], text: &str) -> Option<Element> {
        let e = document().create_element(tag).ok()?;
        for (name, value) in attrs {
            let _ = e.set_attribute(name, value);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    }

    /// Shows the error found as the server's page would: beside the field
    /// (with the field's `aria-invalid` and `aria-describedby`) and in the
    /// error summary where the server puts it, which takes focus. Errors
    /// shown before are taken away, and with no error found nothing is left.
    fn mark(
        form: &HtmlFormElement,
        fields: &[(Kind, Vec<String>)],
        found: Option<(Kind, String)>,
        title: &str,
    ) {
        let wrong = found.as_ref().map(|(k, _)| *k);
        for (k, _) in fields {
            let Some(field) = input(k.id()) else { continue };
            let error_id = format!("{}-error", k.id());
            if let Some(old) = document().get_element_by_id(&error_id) {
                old.remove();
            }
            let described: Vec<String> = field
                .get_attribute("aria-describedby")
                .unwrap_or_default()
                .split_whitespace()
                .filter(|w| *w != error_id)
                .map(str::to_owned)
                .chain((wrong == Some(*k)).then(|| error_id.clone()))
                .collect();
            let _ = if described.is_empty() {
                field.remove_attribute("aria-describedby")
            } else {
                field.set_attribute("aria-describedby", &described.join(" "))
            };
            let _ = field.set_attribute(
                "aria-invalid",
                if wrong == Some(*k) { "true" } else { "false" },
            );
            if let (Some((_, message)), true) = (&found, wrong == Some(*k)) {
                if let Some(p) =
                    element("p", &[("class", "field-error"), ("id", &error_id)], message)
                {
                    let _ = field.before_with_node_1(&p);
                }
            }
        }
        let old = document().query_selector(".error-summary").ok().flatten();
        let Some((kind, message)) = found else {
            if let Some(old) = old {
                old.remove();
            }
            return;
        };
        let Some(summary) = summary(kind, &message, title) else {
            return;
        };
        match old {
            Some(old) => {
                let _ = old.replace_with_with_node_1(&summary);
            }
            // Where the server's page has it: before the card the form is
            // in (the cabinet), else under the page's heading.
            None => {
                let _ = match (
                    form.closest("section.card").ok().flatten(),
                    document().query_selector("main h1").ok().flatten(),
                ) {
                    (Some(card), _) => card.before_with_node_1(&summary),
                    (None, Some(heading)) => heading.after_with_node_1(&summary),
                    (None, None) => form.before_with_node_1(&summary),
                };
            }
        }
        if let Ok(summary) = summary.dyn_into::<HtmlElement>() {
            let _ = summary.focus();
        }
    }

    /// The markup of `ErrorSummary`, with a link to the field.
    fn summary(kind: Kind, message: &str, title: &str) -> Option<Element> {
        let summary = element(
            "div",
            &[
                ("class", "error-summary"),
                ("tabindex", "-1"),
                ("aria-labelledby", "error-summary-title"),
                ("data-testid", "error-summary"),
            ],
            "",
        )?;
        let href = format!("#{}", kind.id());
        let h2 = element("h2", &[("id", "error-summary-title")], title)?;
        let ul = element("ul", &[("class", "error-list")], "")?;
        let li = element("li", &[], "")?;
        let a = element("a", &[("href", &href)], message)?;
        li.append_child(&a).ok()?;
        ul.append_child(&li).ok()?;
        summary.append_child(&h2).ok()?;
        summary.append_child(&ul).ok()?;
        Some(summary)
    }

    /// Puts the read form of what was typed in the field, when there is one.
    fn show_back(ev: &Event, kind: Kind) {
        let Some(field) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let value = field.value();
        // Leaving the field, or pasting into it, ends what is being typed.
        let pasted = js_sys::Reflect::get(ev, &"inputType".into())
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "insertFromPaste");
        let finished = pasted || ev.type_() == "change";
        // Only with the caret at the end: an edit in the middle is not
        // rewritten under the citizen's fingers.
        let at_end =
            field.selection_start().ok().flatten() == Some(value.encode_utf16().count() as u32);
        if let Some(new) = shown_back(kind, &value, finished) {
            if at_end || finished {
                field.set_value(&new);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::StepError;

    #[test]
    fn the_browser_finds_the_errors_the_server_would_find_first() {
        assert_eq!(
            check(Kind::Number, ""),
            Some(PortalError::Step(StepError::NumberEmpty))
        );
        assert_eq!(
            check(Kind::Number, "8 701"),
            Some(PortalError::Step(StepError::NumberLength))
        );
        assert_eq!(
            check(Kind::Number, "8 727 123 45 67"),
            Some(PortalError::Step(StepError::NumberLandline))
        );
        assert_eq!(check(Kind::Number, "+7 (701) 123-45-67"), None);
        assert_eq!(
            check(Kind::Iin, "900101300026"),
            Some(PortalError::Step(StepError::IinCheckDigit))
        );
        assert_eq!(
            check(Kind::Code, "12345"),
            Some(PortalError::Step(StepError::CodeMalformed))
        );
        assert_eq!(check(Kind::Password, ""), Some(PortalError::PasswordEmpty));
        for kind in [Kind::Number, Kind::Iin, Kind::Code, Kind::Password] {
            let found = check(kind, "").expect("an empty field is an error");
            assert!(kind.findable().contains(&found), "{kind:?}: {found:?}");
        }
    }

    #[test]
    fn what_is_typed_is_shown_back_in_its_read_form() {
        let typing = |kind, value| shown_back(kind, value, false);
        let read = Some("+7 701 123 45 67".to_owned());
        assert_eq!(typing(Kind::Number, "87011234567"), read);
        assert_eq!(typing(Kind::Number, "+7 701 123 45 67"), None);
        assert_eq!(typing(Kind::Number, "8 701"), None);
        assert_eq!(typing(Kind::Number, "7701123456"), None);
        assert_eq!(shown_back(Kind::Number, "7011234567", true), read);
        let pasted = typing(Kind::Code, "Код: 482915. Код: 482915");
        assert_eq!(pasted.as_deref(), Some("482915"));
        assert_eq!(typing(Kind::Code, "482915"), None);
        assert_eq!(typing(Kind::Iin, "900101300025"), None);
    }
}

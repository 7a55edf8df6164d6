//! The cabinet's binding card, rendered by a WASM island: the bound
//! number (or none), the request under way, the error of the form just
//! posted, and the number form with the consent question (Rules §5.2, §8;
//! appendix row 9, ground 2).
//!
//! The server renders it with the cabinet's data and words in the page's
//! language ([`CardData`], made in `cabinet.rs`); the browser hydrates the
//! same view from the same data. The form is a plain form posting to the
//! `request_code` server function, as `ActionForm` would: it works with or
//! without the WASM.

use leptos::either::Either;
use leptos::prelude::*;
use serde::Serialize;

use crate::components::island_data::{island_data, IslandData};
use crate::components::{help, ErrorBox, HelpData, Kind, ShownError, TextField};
use crate::error::{Field, PortalError};
use crate::i18n::Texts;
use crate::server_fns::RequestCode;
use crate::wire::CabinetView;
use leptos::server_fn::ServerFn;

/// The bound number, its operator and since when, each with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bound {
    pub number_label: String,
    pub number: String,
    pub operator_label: String,
    pub operator: String,
    pub since_label: String,
    pub since: String,
}

/// The request under way, if any: what the notice says and where it goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenRequest {
    pub text: String,
    pub href: String,
    pub link: String,
}

/// The card's data, in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct CardData {
    pub number_title: String,
    pub bound: Option<Bound>,
    pub no_number: String,
    pub open_request: Option<OpenRequest>,
    /// The error of the cabinet's form just posted, whichever it was.
    pub error: Option<ShownError>,
    pub error_title: String,
    pub form: FormWords,
    pub help: HelpData,
}

/// The number form's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormWords {
    pub title: String,
    pub number_label: String,
    pub number_hint: String,
    pub consent_label: String,
    pub consent_hint: String,
    pub button: String,
}

impl CardData {
    /// The card of the cabinet `c`, with the error of the form just posted.
    pub fn of(c: &CabinetView, t: &'static Texts, error: Option<PortalError>) -> Self {
        let bound = c.active.clone().map(|b| Bound {
            number_label: t.cabinet_number.to_owned(),
            number: b.number,
            operator_label: t.cabinet_operator.to_owned(),
            operator: b.operator,
            since_label: t.cabinet_bound_at.to_owned(),
            since: b.bound_at,
        });
        let open_request = c.open_request.clone().map(|r| OpenRequest {
            text: format!(
                "{} {}. {} {}. ",
                t.open_request_text, r.number, t.request_term, r.term_ends_at
            ),
            href: format!("/cabinet/request/{}", r.id),
            link: t.open_request_continue.to_owned(),
        });
        let title = if c.active.is_some() {
            t.number_title_change
        } else {
            t.number_title_bind
        };
        Self {
            number_title: t.cabinet_number_title.to_owned(),
            bound,
            no_number: t.cabinet_no_number.to_owned(),
            open_request,
            error: error.map(|e| ShownError::of(e, t)),
            error_title: t.error_title.to_owned(),
            form: FormWords {
                title: title.to_owned(),
                number_label: t.number_label.to_owned(),
                number_hint: t.number_hint.to_owned(),
                consent_label: t.consent_label.to_owned(),
                consent_hint: t.consent_hint.to_owned(),
                button: t.get_code_button.to_owned(),
            },
            help: HelpData::of(&[Kind::Number], t),
        }
    }
}

impl IslandData for CardData {
    const ID: &'static str = "binding-card-data";

    #[cfg(feature = "hydrate")]
    fn read(js: &crate::components::island_data::Js) -> Self {
        let b = js.at("bound");
        let f = js.at("form");
        let o = js.at("open_request");
        Self {
            number_title: js.text("number_title"),
            bound: js.is_object("bound").then(|| Bound {
                number_label: b.text("number_label"),
                number: b.text("number"),
                operator_label: b.text("operator_label"),
                operator: b.text("operator"),
                since_label: b.text("since_label"),
                since: b.text("since"),
            }),
            no_number: js.text("no_number"),
            open_request: js.is_object("open_request").then(|| OpenRequest {
                text: o.text("text"),
                href: o.text("href"),
                link: o.text("link"),
            }),
            error: js
                .is_object("error")
                .then(|| ShownError::read(&js.at("error"))),
            error_title: js.text("error_title"),
            form: FormWords {
                title: f.text("title"),
                number_label: f.text("number_label"),
                number_hint: f.text("number_hint"),
                consent_label: f.text("consent_label"),
                consent_hint: f.text("consent_hint"),
                button: f.text("button"),
            },
            help: HelpData::read(&js.at("help")),
        }
    }
}

/// The card, hydrated from the data the server put in the page.
#[island]
pub fn BindingCard() -> impl IntoView {
    let data: CardData = island_data();
    view! { <CardView data/> }
}

#[component]
fn CardView(data: CardData) -> impl IntoView {
    let CardData {
        number_title,
        bound,
        no_number,
        open_request,
        error,
        error_title,
        form,
        help: helped,
    } = data;
    help(helped);
    let number_error = error.as_ref().and_then(|e| e.about(Field::Number));
    let number = match bound {
        Some(b) => Either::Left(view! {
            <dl class="facts">
                <dt>{b.number_label}</dt>
                <dd data-testid="bound-number">{b.number}</dd>
                <dt>{b.operator_label}</dt>
                <dd>{b.operator}</dd>
                <dt>{b.since_label}</dt>
                <dd>{b.since}</dd>
            </dl>
        }),
        None => Either::Right(view! { <p data-testid="no-number">{no_number}</p> }),
    };
    view! {
        <section aria-labelledby="number-heading" class="card">
            <h2 id="number-heading">{number_title}</h2>
            {number}
        </section>
        {open_request.map(|r| view! {
            <p class="notice" role="status" data-testid="open-request">
                {r.text}<a href=r.href>{r.link}</a>
            </p>
        })}
        {error.map(|e| view! { <ErrorBox error=e title=error_title/> })}
        <section aria-labelledby="bind-heading" class="card">
            <h2 id="bind-heading">{form.title}</h2>
            <form method="post" action=RequestCode::PATH class="form" novalidate>
                <div class="field">
                    <label for="number">{form.number_label}</label>
                    <p class="hint" id="number-hint">{form.number_hint}</p>
                    <TextField field=Field::Number hinted=true message=number_error/>
                </div>
                <div class="field checkbox">
                    <input id="consent" name="consent" type="checkbox" value="yes" aria-describedby="consent-hint"/>
                    <label for="consent">{form.consent_label}</label>
                </div>
                <p class="hint" id="consent-hint">{form.consent_hint}</p>
                <button type="submit">{form.button}</button>
            </form>
        </section>
    }
}

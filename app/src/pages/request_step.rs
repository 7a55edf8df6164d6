//! The request's step, rendered by a WASM island: the code step (the code
//! entry, tries left, the term and resend timers, a new code), the EDS
//! step, and each outcome.
//!
//! The server renders the island with the request and the words of its
//! step in the page's language ([`StepData`], made in `request.rs`); the
//! browser hydrates the same view from the same data. Its forms are plain
//! forms posting to the same server functions as `ActionForm`s would, so
//! without JavaScript they post and the server answers with the next
//! page, and with it the navigator posts them and puts the answer in place.

use leptos::either::EitherOf6;
use leptos::prelude::*;
use serde::Serialize;

use crate::components::island_data::{island_data, IslandData};
use crate::components::{
    help, CodeTimer, ErrorBox, HelpData, ResendButton, ResendData, ShownError, SignData, SignView,
    StepHeading, TermData, TextField, CMS_FIELD,
};
use crate::error::Field;
use crate::server_fns::{CertifyRequest, ConfirmCode, ResendCode};
use leptos::server_fn::ServerFn;

/// A link: where to, and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// The request's facts: its number and its term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub number_label: String,
    pub number: String,
    pub term_label: String,
    pub term: String,
}

/// Everything the step shows, in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct StepData {
    pub heading: String,
    pub facts: Facts,
    /// The error of the form just posted (the code and EDS steps only).
    pub error: Option<ShownError>,
    pub error_title: String,
    pub body: Body,
    /// The result document (outcomes only).
    pub document: Option<Link>,
    pub complain: Link,
    pub back: Link,
}

/// What the step is. One value a page, never kept in a collection, so the
/// size of its largest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind")]
pub enum Body {
    Code(CodeData),
    Sign {
        id: String,
        intro: String,
        sign: SignData,
    },
    /// The request goes on elsewhere (the app, a bank): a notice only.
    Notice {
        text: String,
        testid: String,
    },
    Bound {
        text: String,
        operator_label: String,
        operator: String,
    },
    Ended(EndedData),
    /// Expired or withdrawn: what happened, a paragraph each.
    Plain {
        paragraphs: Vec<String>,
    },
}

/// The code step.
#[derive(Debug, Clone, Serialize)]
pub struct CodeData {
    pub id: String,
    /// "A code was sent" or "a new code was sent".
    pub status: String,
    /// The SMS is late or was not delivered.
    pub sms: Option<String>,
    pub label: String,
    /// The hint: what to enter and until when.
    pub hint: String,
    pub tries_label: String,
    pub tries_left: u32,
    pub submit: String,
    /// "A new code can be asked for at ...".
    pub resend_after: String,
    pub timer: TermData,
    pub resend: ResendData,
    pub help: HelpData,
}

/// Why the request ended unbound, and on which ground.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndedData {
    pub ground: String,
    pub outcome: String,
    pub reason_label: String,
    pub reason: String,
    pub basis_label: String,
    pub basis: String,
    pub nothing_bound: String,
    pub contact: String,
}

impl IslandData for StepData {
    const ID: &'static str = "request-step-data";

    #[cfg(feature = "hydrate")]
    fn read(js: &crate::components::island_data::Js) -> Self {
        let link = |j: crate::components::island_data::Js| Link {
            href: j.text("href"),
            text: j.text("text"),
        };
        let f = js.at("facts");
        let b = js.at("body");
        let body = match b.text("kind").as_str() {
            "Code" => Body::Code(CodeData {
                id: b.text("id"),
                status: b.text("status"),
                sms: b.optional_text("sms"),
                label: b.text("label"),
                hint: b.text("hint"),
                tries_label: b.text("tries_label"),
                tries_left: b.int("tries_left").max(0) as u32,
                submit: b.text("submit"),
                resend_after: b.text("resend_after"),
                timer: TermData::read(&b.at("timer")),
                resend: ResendData::read(&b.at("resend")),
                help: HelpData::read(&b.at("help")),
            }),
            "Sign" => Body::Sign {
                id: b.text("id"),
                intro: b.text("intro"),
                sign: SignData::read(&b.at("sign")),
            },
            "Notice" => Body::Notice {
                text: b.text("text"),
                testid: b.text("testid"),
            },
            "Bound" => Body::Bound {
                text: b.text("text"),
                operator_label: b.text("operator_label"),
                operator: b.text("operator"),
            },
            "Ended" => Body::Ended(EndedData {
                ground: b.text("ground"),
                outcome: b.text("outcome"),
                reason_label: b.text("reason_label"),
                reason: b.text("reason"),
                basis_label: b.text("basis_label"),
                basis: b.text("basis"),
                nothing_bound: b.text("nothing_bound"),
                contact: b.text("contact"),
            }),
            _ => Body::Plain {
                paragraphs: b.texts("paragraphs"),
            },
        };
        Self {
            heading: js.text("heading"),
            facts: Facts {
                number_label: f.text("number_label"),
                number: f.text("number"),
                term_label: f.text("term_label"),
                term: f.text("term"),
            },
            error: js
                .is_object("error")
                .then(|| ShownError::read(&js.at("error"))),
            error_title: js.text("error_title"),
            body,
            document: js.is_object("document").then(|| link(js.at("document"))),
            complain: link(js.at("complain")),
            back: link(js.at("back")),
        }
    }
}

/// The step, hydrated from the data the server put in the page.
#[island]
pub fn RequestStep() -> impl IntoView {
    let data: StepData = island_data();
    view! { <StepView data/> }
}

#[component]
fn StepView(data: StepData) -> impl IntoView {
    let StepData {
        heading,
        facts,
        error,
        error_title,
        body,
        document,
        complain,
        back,
    } = data;
    let field_error = error.as_ref().and_then(|e| e.about(Field::Code));
    let summary = error.map(|e| view! { <ErrorBox error=e title=error_title/> });
    let facts = view! {
        <dl class="facts">
            <dt>{facts.number_label}</dt>
            <dd data-testid="request-number">{facts.number}</dd>
            <dt>{facts.term_label}</dt>
            <dd data-testid="request-term">{facts.term}</dd>
        </dl>
    };
    let document = document.map(|d| {
        view! {
            <p><a href=d.href download="" rel="external" data-testid="result-document">{d.text}</a></p>
        }
    });
    let back = view! {
        <p><a href=complain.href data-testid="complain-link">{complain.text}</a></p>
        <p><a href=back.href>{back.text}</a></p>
    };
    let body = match body {
        Body::Code(code) => EitherOf6::A(view! {
            {summary}
            {facts}
            <CodeStep code error=field_error/>
        }),
        Body::Sign { id, intro, sign } => EitherOf6::B(view! {
            {summary}
            {facts}
            <p>{intro}</p>
            <form method="post" action=CertifyRequest::PATH>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name=CMS_FIELD value=""/>
                <SignView data=sign/>
            </form>
        }),
        Body::Notice { text, testid } => EitherOf6::C(view! {
            {facts}
            <p class="notice" role="status" data-testid=testid>{text}</p>
        }),
        Body::Bound {
            text,
            operator_label,
            operator,
        } => EitherOf6::D(view! {
            <p class="notice" role="status">{text}</p>
            {facts}
            <dl class="facts"><dt>{operator_label}</dt><dd>{operator}</dd></dl>
        }),
        Body::Ended(e) => EitherOf6::E(view! {
            {facts}
            <dl class="facts refusal" data-ground=e.ground data-outcome=e.outcome>
                <dt>{e.reason_label}</dt>
                <dd data-testid="refusal-reason">{e.reason}</dd>
                <dt>{e.basis_label}</dt>
                <dd data-testid="refusal-basis">{e.basis}</dd>
            </dl>
            <p>{e.nothing_bound}</p>
            <p>{e.contact}</p>
        }),
        Body::Plain { paragraphs } => EitherOf6::F(view! {
            {facts}
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
        }),
    };
    view! {
        <StepHeading text=heading/>
        {body}
        {document}
        {back}
    }
}

/// "Enter a security code" (GOV.UK pattern): the code field, the tries
/// left (announced when it changes), and "send a new code".
#[component]
fn CodeStep(code: CodeData, error: Option<String>) -> impl IntoView {
    let CodeData {
        id,
        status,
        sms,
        label,
        hint,
        tries_label,
        tries_left,
        submit,
        resend_after,
        timer,
        resend,
        help: helped,
    } = code;
    help(helped);
    let resend_id = id.clone();
    view! {
        <p role="status" class="status-line" data-testid="code-status">{status}</p>
        {sms.map(|text| view! { <p class="notice" role="status" data-testid="sms-delayed">{text}</p> })}
        <form method="post" action=ConfirmCode::PATH class="form" novalidate>
            <input type="hidden" name="id" value=id/>
            <div class="field">
                <label for="code">{label}</label>
                <p class="hint" id="code-hint">
                    {hint}
                    <span aria-live="polite">{tries_label}": "<span data-testid="tries-left">{tries_left}</span></span>
                </p>
                <CodeTimer data=timer/>
                <TextField field=Field::Code hinted=true message=error/>
            </div>
            <button type="submit">{submit}</button>
        </form>
        <form method="post" action=ResendCode::PATH>
            <input type="hidden" name="id" value=resend_id/>
            <p class="hint">{resend_after}</p>
            <ResendButton data=resend/>
        </form>
    }
}

//! One binding request: the code step, the EDS step, and the outcome
//! (bound, a reasoned refusal with its legal basis, expired, withdrawn).
//! Its actions are server functions behind `ActionForm`: each posts, and
//! the page is rendered again with the request's new step (put in place by
//! the navigator, `crate::navigation`, when the WASM runs).

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::request_step::{
    Body, CodeData, EndedData, Facts, Link, RequestStep as StepIsland, StepData,
};
use crate::components::island_data::carry;
use crate::components::{
    show_errors_of, ErrorSummary, HelpData, Kind, PageTitle, ResendData, ShownError, SignData,
    SignLabels, SignTask, StepHeading, TermData, TimerLabels,
};
use crate::error::PortalError;
use crate::i18n::Lang;
use crate::server_fns::{get_request, CertifyRequest, ConfirmCode, ResendCode};
use crate::site::use_site;
use crate::wire::{RequestStep, RequestView, SmsNotice};

/// The request page's actions: the outcome of the one just posted (an
/// error travels in the address) shows on the page it returns to.
#[derive(Clone, Copy)]
struct Actions {
    confirm: ServerAction<ConfirmCode>,
    resend: ServerAction<ResendCode>,
    certify: ServerAction<CertifyRequest>,
    /// The error of the action just posted, if it failed.
    error: RwSignal<Option<PortalError>>,
}

#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = use_site().lang;
    let t = lang.texts();
    let params = use_params_map();
    let actions = Actions {
        confirm: ServerAction::new(),
        resend: ServerAction::new(),
        certify: ServerAction::new(),
        error: RwSignal::new(None),
    };
    show_errors_of(actions.error, actions.confirm.value());
    show_errors_of(actions.error, actions.resend.value());
    show_errors_of(actions.error, actions.certify.value());
    let redirect = super::server_redirect();
    let request = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_request,
    );
    view! {
        <PageTitle text=t.request_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                match request.await {
                    Ok(Some(r)) => EitherOf4::A(view! { <Request r lang actions/> }),
                    Err(PortalError::NotSignedIn) => {
                        redirect("/sign-in");
                        EitherOf4::D(view! {
                            <Redirect path="/sign-in"/>
                            <p><a href="/sign-in">{t.not_signed_in}</a></p>
                        })
                    }
                    Ok(None) => {
                        super::set_status(404);
                        EitherOf4::B(view! {
                            <StepHeading text=t.request_title/>
                            <p>{t.request_not_found}</p>
                            <p><a href="/cabinet">{t.back_to_cabinet}</a></p>
                        })
                    }
                    Err(e) => EitherOf4::C(view! {
                        <StepHeading text=t.request_title/>
                        <ErrorSummary error=e t/>
                        <p><a href="/cabinet">{t.back_to_cabinet}</a></p>
                    }),
                }
            })
            }}
        </Transition>
    }
}

/// The request's step: the island, with what it shows put in the page.
#[component]
fn Request(r: RequestView, lang: Lang, actions: Actions) -> impl IntoView {
    let resent = use_query_map().with_untracked(|q| q.get("resent").is_some());
    let data = carry(step_data(r, lang, actions.error.get_untracked(), resent));
    view! { {data} <StepIsland/> }
}

/// What the step shows, in `lang`: the request `r`, the error of the form
/// just posted, and whether a new code was just sent.
fn step_data(r: RequestView, lang: Lang, error: Option<PortalError>, resent: bool) -> StepData {
    let t = lang.texts();
    let link = |href: String, text: &str| Link {
        href,
        text: text.to_owned(),
    };
    let document = link(
        format!("/cabinet/request/{}/result.pdf", r.id),
        crate::i18n::document_texts(lang).download,
    );
    let (heading, body, document) = match r.step {
        RequestStep::Code {
            valid_until,
            tries_left,
            resend_at,
            clock,
            sms,
        } => {
            let labels = TimerLabels::of(lang);
            let code = CodeData {
                id: r.id.clone(),
                status: if resent {
                    t.new_code_sent
                } else {
                    t.code_sent_status
                }
                .to_owned(),
                sms: match sms {
                    SmsNotice::Sent => None,
                    SmsNotice::Delayed => Some(t.sms_delayed.to_owned()),
                    SmsNotice::NotDelivered => Some(t.sms_not_delivered.to_owned()),
                },
                label: t.code_label.to_owned(),
                hint: format!("{}. {} {valid_until}. ", t.code_hint, t.code_valid_until),
                tries_label: t.tries_left.to_owned(),
                tries_left,
                submit: t.code_submit.to_owned(),
                resend_after: format!("{} {resend_at}", t.resend_after),
                timer: TermData {
                    now: clock.now,
                    ends: clock.term_ends,
                    result_href: format!("/cabinet/request/{}", r.id),
                    labels: labels.clone(),
                },
                resend: ResendData {
                    now: clock.now,
                    resend_at: clock.resend_at,
                    label: t.resend_button.to_owned(),
                    labels,
                },
                help: HelpData::of(&[Kind::Code], t),
            };
            (t.request_title, Body::Code(code), None)
        }
        RequestStep::Sign {
            document_base64,
            iin,
            signer_url,
        } => {
            let task = SignTask {
                document_base64,
                iin,
                signer_url,
                locale: lang.code().to_owned(),
                auth: false,
            };
            let sign = SignData {
                task,
                labels: SignLabels::from(t),
            };
            let body = Body::Sign {
                id: r.id.clone(),
                intro: t.sign_intro.to_owned(),
                sign,
            };
            (t.sign_title, body, None)
        }
        step @ (RequestStep::InApp | RequestStep::AtBank) => {
            let (title, text, testid) = if step == RequestStep::AtBank {
                (t.at_bank_title, t.at_bank_text, "at-bank")
            } else {
                (t.in_app_title, t.in_app_text, "in-app")
            };
            let body = Body::Notice {
                text: text.to_owned(),
                testid: testid.to_owned(),
            };
            (title, body, None)
        }
        RequestStep::Bound { operator } => {
            let body = Body::Bound {
                text: t.result_bound_text.to_owned(),
                operator_label: t.cabinet_operator.to_owned(),
                operator,
            };
            (t.result_bound_title, body, Some(document))
        }
        RequestStep::Ended { reason } => {
            let refusal = reason.is_refusal();
            let body = Body::Ended(EndedData {
                ground: reason.code().to_owned(),
                outcome: reason.outcome_code().to_owned(),
                reason_label: t.result_reason.to_owned(),
                reason: (t.ground_reason)(reason).to_owned(),
                basis_label: if refusal {
                    t.result_basis
                } else {
                    t.result_requirement
                }
                .to_owned(),
                basis: (t.ground_basis)(reason).to_owned(),
                nothing_bound: t.result_nothing_bound.to_owned(),
                contact: t.result_contact.to_owned(),
            });
            let title = if refusal {
                t.result_refused_title
            } else {
                t.result_not_performed_title
            };
            (title, body, Some(document))
        }
        RequestStep::Expired => {
            let paragraphs = vec![
                t.result_expired_text.to_owned(),
                t.result_contact.to_owned(),
            ];
            (
                t.result_expired_title,
                Body::Plain { paragraphs },
                Some(document),
            )
        }
        RequestStep::Withdrawn => {
            let paragraphs = vec![t.result_withdrawn_text.to_owned()];
            (t.result_withdrawn_title, Body::Plain { paragraphs }, None)
        }
    };
    // Only the code and EDS steps have forms whose errors show.
    let error = error
        .filter(|_| matches!(body, Body::Code(_) | Body::Sign { .. }))
        .map(|e| ShownError::of(e, t));
    StepData {
        heading: heading.to_owned(),
        facts: Facts {
            number_label: t.request_number.to_owned(),
            number: r.number,
            term_label: t.request_term.to_owned(),
            term: r.term_ends_at,
        },
        error,
        error_title: t.error_title.to_owned(),
        body,
        document,
        complain: link(
            format!("/cabinet/complaints/new?request={}", r.id),
            t.complaints.complain_link,
        ),
        back: link("/cabinet".to_owned(), t.back_to_cabinet),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Field;
    use crate::wire::StepClock;
    use nomir_core::end_reason::EndReason;
    use nomir_core::step_error::StepError;

    fn request(step: RequestStep) -> RequestView {
        RequestView {
            id: "r-1".to_owned(),
            number: "+7 701 123 45 67".to_owned(),
            is_change: false,
            term_ends_at: "12:10".to_owned(),
            step,
        }
    }

    fn code_step() -> RequestStep {
        RequestStep::Code {
            valid_until: "12:10".to_owned(),
            tries_left: 2,
            resend_at: "12:01".to_owned(),
            clock: StepClock {
                now: 1_000,
                term_ends: 1_600,
                resend_at: 1_060,
            },
            sms: SmsNotice::Delayed,
        }
    }

    #[test]
    fn the_code_step_carries_its_words_times_and_error_in_the_pages_language() {
        let wrong = PortalError::Step(StepError::CodeWrong { tries_left: 2 });
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let t = lang.texts();
            let d = step_data(request(code_step()), lang, Some(wrong), true);
            assert_eq!(d.heading, t.request_title);
            assert_eq!(d.facts.number, "+7 701 123 45 67");
            let shown = d.error.clone().expect("the code step shows its error");
            assert_eq!(shown.message, wrong.message(t));
            assert_eq!(shown.about(Field::Code), Some(wrong.message(t)));
            assert!(d.document.is_none());
            let Body::Code(c) = d.body else {
                panic!("not the code step: {:?}", d.body)
            };
            assert_eq!(c.status, t.new_code_sent);
            assert_eq!(c.sms.as_deref(), Some(t.sms_delayed));
            assert_eq!(c.tries_left, 2);
            assert!(c.hint.contains("12:10"), "{}", c.hint);
            assert_eq!((c.timer.now, c.timer.ends), (1_000, 1_600));
            assert_eq!(c.timer.result_href, "/cabinet/request/r-1");
            assert_eq!((c.resend.now, c.resend.resend_at), (1_000, 1_060));
            assert_eq!(c.resend.label, t.resend_button);
        }
    }

    #[test]
    fn an_outcome_shows_no_form_error_and_offers_the_result_document() {
        let t = Lang::Ru.texts();
        let ended = RequestStep::Ended {
            reason: EndReason::PersonDeceased,
        };
        let d = step_data(
            request(ended),
            Lang::Ru,
            Some(PortalError::Unexpected),
            false,
        );
        assert!(d.error.is_none());
        assert_eq!(d.heading, t.result_refused_title);
        assert_eq!(
            d.document.map(|l| l.href),
            Some("/cabinet/request/r-1/result.pdf".to_owned())
        );
        let Body::Ended(e) = d.body else {
            panic!("not an outcome: {:?}", d.body)
        };
        assert_eq!(e.ground, EndReason::PersonDeceased.code());
        assert_eq!(e.reason, (t.ground_reason)(EndReason::PersonDeceased));
        assert_eq!(e.basis_label, t.result_basis);

        let d = step_data(request(RequestStep::Withdrawn), Lang::En, None, false);
        assert!(d.document.is_none());
        let Body::Plain { paragraphs } = d.body else {
            panic!("not withdrawn: {:?}", d.body)
        };
        assert_eq!(paragraphs, [Lang::En.texts().result_withdrawn_text]);
    }
}

//! One binding request: the code step, the EDS step, and the outcome
//! (bound, a reasoned refusal with its legal basis, expired, withdrawn).
//! Its actions are server functions behind `ActionForm`: each posts, and
//! the page is rendered again with the request's new step (put in place by
//! the navigator, `crate::navigation`, when the WASM runs).

use leptos::either::{EitherOf4, EitherOf7};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::{
    show_errors_of, CodeTimer, ErrorSummary, FieldHelp, Kind, PageTitle, ResendButton, SignButton,
    SignLabels, SignTask, StepHeading, TextInput, TimerLabels, CMS_FIELD,
};
use crate::error::{Field, PortalError};
use crate::i18n::Lang;
use crate::server_fns::{get_request, CertifyRequest, ConfirmCode, ResendCode};
use crate::site::use_site;
use crate::wire::{RequestStep, RequestView, SmsNotice, StepClock};

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

impl Actions {
    fn error(self) -> Option<PortalError> {
        self.error.get()
    }
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

#[component]
fn Request(r: RequestView, lang: Lang, actions: Actions) -> impl IntoView {
    let t = lang.texts();
    let error = move || actions.error();
    let facts = view! {
        <dl class="facts">
            <dt>{t.request_number}</dt>
            <dd data-testid="request-number">{r.number.clone()}</dd>
            <dt>{t.request_term}</dt>
            <dd data-testid="request-term">{r.term_ends_at.clone()}</dd>
        </dl>
    };
    let complain = format!("/cabinet/complaints/new?request={}", r.id);
    let pdf = format!("/cabinet/request/{}/result.pdf", r.id);
    let download = crate::i18n::document_texts(lang).download;
    let document = view! {
        <p><a href=pdf download="" rel="external" data-testid="result-document">{download}</a></p>
    };
    let back = view! {
        <p><a href=complain data-testid="complain-link">{t.complaints.complain_link}</a></p>
        <p><a href="/cabinet">{t.back_to_cabinet}</a></p>
    };
    match r.step {
        RequestStep::Code {
            valid_until,
            tries_left,
            resend_at,
            clock,
            sms,
        } => EitherOf7::A(view! {
            <StepHeading text=t.request_title/>
            {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
            {facts}
            <CodeStep id=r.id.clone() valid_until tries_left resend_at clock sms lang actions/>
            {back}
        }),
        RequestStep::Sign {
            document_base64,
            iin,
            signer_url,
        } => EitherOf7::B(view! {
            <StepHeading text=t.sign_title/>
            {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
            {facts}
            <p>{t.sign_intro}</p>
            <ActionForm action=actions.certify>
                <input type="hidden" name="id" value=r.id.clone()/>
                <input type="hidden" name=CMS_FIELD value=""/>
                <SignButton
                    task=SignTask { document_base64, iin, signer_url, locale: lang.code().to_owned(), auth: false }
                    labels=SignLabels::from(t)
                />
            </ActionForm>
            {back}
        }),
        step @ (RequestStep::InApp | RequestStep::AtBank) => {
            let (title, text, id) = if step == RequestStep::AtBank {
                (t.at_bank_title, t.at_bank_text, "at-bank")
            } else {
                (t.in_app_title, t.in_app_text, "in-app")
            };
            EitherOf7::G(view! {
                <StepHeading text=title/>
                {facts}
                <p class="notice" role="status" data-testid=id>{text}</p>
                {back}
            })
        }
        RequestStep::Bound { operator } => EitherOf7::C(view! {
            <StepHeading text=t.result_bound_title/>
            <p class="notice" role="status">{t.result_bound_text}</p>
            {facts}
            <dl class="facts"><dt>{t.cabinet_operator}</dt><dd>{operator}</dd></dl>
            {document}
            {back}
        }),
        RequestStep::Ended { reason } => EitherOf7::D(view! {
            <StepHeading text=if reason.is_refusal() { t.result_refused_title } else { t.result_not_performed_title }/>
            {facts}
            <dl class="facts refusal" data-ground=reason.code() data-outcome=reason.outcome_code()>
                <dt>{t.result_reason}</dt>
                <dd data-testid="refusal-reason">{(t.ground_reason)(reason)}</dd>
                <dt>{if reason.is_refusal() { t.result_basis } else { t.result_requirement }}</dt>
                <dd data-testid="refusal-basis">{(t.ground_basis)(reason)}</dd>
            </dl>
            <p>{t.result_nothing_bound}</p>
            <p>{t.result_contact}</p>
            {document}
            {back}
        }),
        RequestStep::Expired => EitherOf7::E(view! {
            <StepHeading text=t.result_expired_title/>
            {facts}
            <p>{t.result_expired_text}</p>
            <p>{t.result_contact}</p>
            {document}
            {back}
        }),
        RequestStep::Withdrawn => EitherOf7::F(view! {
            <StepHeading text=t.result_withdrawn_title/>
            {facts}
            <p>{t.result_withdrawn_text}</p>
            {back}
        }),
    }
}

/// "Enter a security code" (GOV.UK pattern): the code field, the tries
/// left (announced when it changes), and "send a new code".
#[component]
fn CodeStep(
    id: String,
    valid_until: String,
    tries_left: u32,
    resend_at: String,
    clock: StepClock,
    sms: SmsNotice,
    lang: Lang,
    actions: Actions,
) -> impl IntoView {
    let t = lang.texts();
    let labels = TimerLabels::of(lang);
    let resend_labels = labels.clone();
    let page = format!("/cabinet/request/{id}");
    let query = use_query_map();
    let error = move || actions.error();
    let resent = move || query.with(|q| q.get("resent").is_some());
    let resend_id = id.clone();
    view! {
        <p role="status" class="status-line" data-testid="code-status">
            {move || if resent() { t.new_code_sent } else { t.code_sent_status }}
        </p>
        {match sms {
            SmsNotice::Sent => None,
            SmsNotice::Delayed => Some(view! {
                <p class="notice" role="status" data-testid="sms-delayed">{t.sms_delayed}</p>
            }),
            SmsNotice::NotDelivered => Some(view! {
                <p class="notice" role="status" data-testid="sms-delayed">{t.sms_not_delivered}</p>
            }),
        }}
        <ActionForm action=actions.confirm attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id.clone()/>
            <div class="field">
                <label for="code">{t.code_label}</label>
                <p class="hint" id="code-hint">
                    {t.code_hint}". "{t.code_valid_until}" "{valid_until}". "
                    <span aria-live="polite">{t.tries_left}": "<span data-testid="tries-left">{tries_left}</span></span>
                </p>
                <CodeTimer now=clock.now ends=clock.term_ends result_href=page labels/>
                <TextInput field=Field::Code hinted=true error=Signal::derive(error) t/>
            </div>
            <FieldHelp kinds=&[Kind::Code] t/>
            <button type="submit">{t.code_submit}</button>
        </ActionForm>
        <ActionForm action=actions.resend>
            <input type="hidden" name="id" value=resend_id/>
            <p class="hint">{t.resend_after}" "{resend_at}</p>
            <ResendButton now=clock.now resend_at=clock.resend_at label=t.resend_button.to_owned() labels=resend_labels/>
        </ActionForm>
    }
}

//! One binding request: the code step, the EDS step, and the outcome
//! (bound, a reasoned refusal with its legal basis, or expired).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::{PageTitle, SignButton, SignTask};
use crate::i18n::Lang;
use crate::server_fns::get_request;
use crate::site::use_site;
use crate::wire::{RequestStep, RequestView};

#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = use_site().lang;
    let t = lang.texts();
    let params = use_params_map();
    let request = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_request,
    );
    view! {
        <PageTitle text=t.request_title/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match request.await {
                    Ok(Some(r)) => view! { <Request r lang/> }.into_any(),
                    Ok(None) => {
                        super::set_status(404);
                        view! {
                            <h1>{t.request_title}</h1>
                            <p>{t.request_not_found}</p>
                            <p><a href="/cabinet">{t.back_to_cabinet}</a></p>
                        }.into_any()
                    }
                    Err(_) => view! { <p class="error-summary" role="alert">{t.err_unexpected}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Request(r: RequestView, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let query = use_query_map();
    let error = query
        .with_untracked(|q| q.get("error"))
        .and_then(|c| t.error_message(&c));
    let facts = view! {
        <dl class="facts">
            <dt>{t.request_number}</dt>
            <dd data-testid="request-number">{r.number.clone()}</dd>
        </dl>
    };
    let back = view! { <p><a href="/cabinet">{t.back_to_cabinet}</a></p> };
    match r.step {
        RequestStep::Code { valid_until, tries_left, resend_at } => {
            let code_action = format!("/cabinet/request/{}/code", r.id);
            let resend_action = format!("/cabinet/request/{}/resend", r.id);
            view! {
                <h1>{t.request_title}</h1>
                {facts}
                <p>{t.code_sent_to}" "{t.request_term}" "{r.term_ends_at}"."</p>
                {error.map(|m| view! { <p class="error-summary" role="alert" id="code-error">{m}</p> })}
                <form method="post" action=code_action class="form">
                    <div class="field">
                        <label for="code">{t.code_label}</label>
                        <p class="hint" id="code-hint">
                            {t.code_hint}". "{t.code_valid_until}" "{valid_until}". "{t.tries_left}": "
                            <span data-testid="tries-left">{tries_left}</span>
                        </p>
                        <input
                            id="code"
                            name="code"
                            type="text"
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            aria-required="true"
                            aria-describedby=if error.is_some() { "code-hint code-error" } else { "code-hint" }
                            aria-invalid=error.is_some().to_string()
                        />
                    </div>
                    <button type="submit">{t.code_submit}</button>
                </form>
                <form method="post" action=resend_action>
                    <p class="hint">{t.resend_after}" "{resend_at}</p>
                    <button type="submit" class="secondary">{t.resend_button}</button>
                </form>
                {back}
            }
            .into_any()
        }
        RequestStep::Sign { document_base64, iin, signer_url } => view! {
            <h1>{t.sign_title}</h1>
            {facts}
            <p>{t.sign_intro}" "{t.request_term}" "{r.term_ends_at}"."</p>
            {error.map(|m| view! { <p class="error-summary" role="alert">{m}</p> })}
            <SignButton task=SignTask { request_id: r.id.clone(), document_base64, iin, signer_url, locale: lang.code() } t/>
            {back}
        }
        .into_any(),
        RequestStep::Bound { operator } => view! {
            <h1>{t.result_bound_title}</h1>
            <p class="notice" role="status">{t.result_bound_text}</p>
            {facts}
            <dl class="facts"><dt>{t.cabinet_operator}</dt><dd>{operator}</dd></dl>
            {back}
        }
        .into_any(),
        RequestStep::Refused { ground, reason, basis } => view! {
            <h1>{t.result_refused_title}</h1>
            {facts}
            <dl class="facts refusal" data-ground=ground>
                <dt>{t.result_reason}</dt>
                <dd data-testid="refusal-reason">{reason.get(lang).to_owned()}</dd>
                <dt>{t.result_basis}</dt>
                <dd data-testid="refusal-basis">{basis.get(lang).to_owned()}</dd>
            </dl>
            <p>{t.result_nothing_bound}</p>
            <p>{t.result_contact}</p>
            {back}
        }
        .into_any(),
        RequestStep::Expired => view! {
            <h1>{t.result_expired_title}</h1>
            {facts}
            <p>{t.result_expired_text}</p>
            <p>{t.result_contact}</p>
            {back}
        }
        .into_any(),
        RequestStep::Withdrawn => view! {
            <h1>{t.result_withdrawn_title}</h1>
            {facts}
            <p>{t.result_withdrawn_text}</p>
            {back}
        }
        .into_any(),
    }
}

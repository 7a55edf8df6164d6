//! The second step of a password sign-in with the second factor on: the
//! code sent to the bound number. A new code may be asked for after a
//! minute. An attempt that is over (expired, used, given up, or its
//! number no longer bound) offers to sign in again.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::{
    error_of, ErrorSummary, FieldHelp, Kind, PageTitle, StepHeading, TextInput,
};
use crate::error::Field;
use crate::error::PortalError;
use crate::i18n::number_uses::{self, NumberUsesTexts};
use crate::i18n::Texts;
use crate::server_fns::{get_sign_in_code, ConfirmSignInCode, ResendSignInCode};
use crate::site::use_site;
use crate::wire::SignInCodeView;

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let lang = use_site().lang;
    let t = lang.texts();
    let n = number_uses::texts(lang);
    let attempt = Resource::new(|| (), |_| get_sign_in_code());
    view! {
        <PageTitle text=n.code_title/>
        <StepHeading text=n.code_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match attempt.await {
                    Ok(Some(v)) => Either::Left(view! { <CodeForm v t n/> }),
                    Ok(None) => Either::Right(view! { <Over error=PortalError::SignInCodeGone t n/> }),
                    Err(e) => Either::Right(view! { <Over error=e t n/> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Over(error: PortalError, t: &'static Texts, n: &'static NumberUsesTexts) -> impl IntoView {
    view! {
        <ErrorSummary error t/>
        <p><a href="/sign-in" data-testid="sign-in-again">{n.start_again}</a></p>
    }
}

#[component]
fn CodeForm(v: SignInCodeView, t: &'static Texts, n: &'static NumberUsesTexts) -> impl IntoView {
    let confirm = ServerAction::<ConfirmSignInCode>::new();
    let resend = ServerAction::<ResendSignInCode>::new();
    let query = use_query_map();
    let resent = move || query.with(|q| q.get("resent").is_some());
    let error = move || error_of(confirm.value()).or_else(|| error_of(resend.value()));
    let sent_to = n.code_sent_to.replace("{number}", &v.number_masked);
    let resend_at = n.resend_at.replace("{time}", &v.resend_at);
    view! {
        {move || error().map(|e| view! { <ErrorSummary error=e t/> })}
        <p role="status" class="status-line" data-testid="sign-in-code-status">
            {move || if resent() { t.new_code_sent } else { "" }}
        </p>
        <p data-testid="sign-in-code-sent">{sent_to}</p>
        <ActionForm action=confirm attr:class="form" attr:novalidate=true>
            <div class="field">
                <label for="code">{n.code_label}</label>
                <p class="hint" id="code-hint">{n.code_hint}" "{t.code_valid_until}" "{v.valid_until}"."</p>
                <TextInput field=Field::Code hinted=true error=Signal::derive(error) t/>
            </div>
            <FieldHelp kinds=&[Kind::Code] t/>
            <button type="submit">{n.code_button}</button>
        </ActionForm>
        <ActionForm action=resend>
            <p class="hint">{resend_at}</p>
            <button type="submit" class="secondary">{n.resend_button}</button>
        </ActionForm>
        <p><a href="/sign-in">{n.start_again}</a></p>
    }
}

//! The cabinet (Rules §5.3): who is signed in, the bound number, the history.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use super::account_uses::{Permissions, Uses};
use super::binding_card::{BindingCard, CardData};
use super::consent_card::ConsentCard;
use super::number_at_work::{Messages, Preferences, SecondFactor};

use crate::components::island_data::carry;
use crate::components::{show_errors_of, ErrorSummary, PageTitle, StepHeading};
use crate::error::PortalError;
use crate::i18n::{Lang, Texts};
use crate::server_fns::{
    get_cabinet, RequestCode, RevokeConsent, RevokePermission, SetNotificationPurpose,
    SetSecondFactor, SignOut,
};
use crate::site::use_site;
use crate::wire::{BindingView, CabinetView};

/// The cabinet's actions: the outcome of the one just posted shows here.
#[derive(Clone, Copy)]
struct Actions {
    request_code: ServerAction<RequestCode>,
    revoke: ServerAction<RevokeConsent>,
    sign_out: ServerAction<SignOut>,
    revoke_permission: ServerAction<RevokePermission>,
    second_factor: ServerAction<SetSecondFactor>,
    purpose: ServerAction<SetNotificationPurpose>,
    /// The error of the action just posted, if it failed.
    error: RwSignal<Option<PortalError>>,
}

#[component]
pub fn CabinetPage() -> impl IntoView {
    let lang = use_site().lang;
    let t = lang.texts();
    let actions = Actions {
        request_code: ServerAction::new(),
        revoke: ServerAction::new(),
        sign_out: ServerAction::new(),
        revoke_permission: ServerAction::new(),
        second_factor: ServerAction::new(),
        purpose: ServerAction::new(),
        error: RwSignal::new(None),
    };
    show_errors_of(actions.error, actions.second_factor.value());
    show_errors_of(actions.error, actions.purpose.value());
    show_errors_of(actions.error, actions.request_code.value());
    show_errors_of(actions.error, actions.revoke.value());
    show_errors_of(actions.error, actions.sign_out.value());
    show_errors_of(actions.error, actions.revoke_permission.value());
    let cabinet = Resource::new(|| (), |_| get_cabinet());
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=t.cabinet_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                match cabinet.await {
                    Ok(c) => EitherOf3::A(view! { <StepHeading text=t.cabinet_title/><Cabinet c lang actions/> }),
                    Err(PortalError::NotSignedIn) => {
                        redirect("/sign-in");
                        EitherOf3::B(view! {
                            <StepHeading text=t.cabinet_title/>
                            <Redirect path="/sign-in"/>
                            <p><a href="/sign-in">{t.not_signed_in}</a></p>
                        })
                    }
                    Err(e) => EitherOf3::C(view! { <StepHeading text=t.cabinet_title/><ErrorSummary error=e t/> }),
                }
            })
            }}
        </Transition>
    }
}

#[component]
fn Cabinet(c: CabinetView, lang: Lang, actions: Actions) -> impl IntoView {
    let t = lang.texts();
    let query = use_query_map();
    let card = carry(CardData::of(&c, t, actions.error.get_untracked()));
    let revoked = move || query.with(|q| q.get("consent").as_deref() == Some("revoked"));
    let permission_revoked =
        move || query.with_untracked(|q| q.get("permission").as_deref() == Some("revoked"));
    let changing = c.active.is_some();
    let name = if lang == Lang::En {
        c.name_latin.clone()
    } else {
        c.name_cyrillic.clone()
    };
    view! {
        <section aria-labelledby="person-heading" class="card">
            <h2 id="person-heading">{t.cabinet_person}</h2>
            <dl class="facts">
                <dt>{t.cabinet_name}</dt>
                <dd data-testid="holder-name">{name}</dd>
                <dt>{t.cabinet_iin}</dt>
                <dd data-testid="holder-iin">{c.iin_masked.clone()}</dd>
            </dl>
        </section>
        {card}
        <BindingCard/>
        <p role="status" class="status-line">
            {move || revoked().then(|| view! { <span class="notice">{t.consent_revoked}</span> })}
        </p>
        <ConsentCard t given_at=c.consent_given_at.clone() action=actions.revoke/>
        <section aria-labelledby="history-heading" class="card">
            <h2 id="history-heading">{t.history_title}</h2>
            <History items=c.history t/>
        </section>
        <Permissions items=c.permissions t action=actions.revoke_permission revoked=permission_revoked()/>
        <SecondFactor on=c.second_factor has_number=changing lang action=actions.second_factor/>
        <Messages items=c.messages lang/>
        <Preferences items=c.preferences lang action=actions.purpose/>
        <Uses items=c.uses t/>
        <section aria-labelledby="complaints-heading" class="card">
            <h2 id="complaints-heading">{t.complaints.list_title}</h2>
            <p class="hint">{t.complaints.list_intro}</p>
            <p><a href="/cabinet/complaints" data-testid="complaints-link">{t.complaints.nav}</a></p>
        </section>
        <ActionForm action=actions.sign_out>
            <button type="submit" class="secondary">{t.sign_out}</button>
        </ActionForm>
    }
}

#[component]
fn History(items: Vec<BindingView>, t: &'static Texts) -> impl IntoView {
    if items.is_empty() {
        return Either::Left(view! { <p data-testid="history-empty">{t.history_empty}</p> });
    }
    Either::Right(view! {
        <ul class="history" data-testid="history">
            {items
                .into_iter()
                .map(|b| {
                    let until = b.ended_at.map_or_else(
                        || t.history_current.to_owned(),
                        |end| format!("{} {end}", t.history_until),
                    );
                    let reassigned = b
                        .reassigned
                        .then(|| view! { " · "<span data-testid="history-reassigned">{t.history_reassigned}</span> });
                    view! { <li>{b.number}" · "{b.operator}" · "{b.bound_at}" – "{until}{reassigned}</li> }
                })
                .collect_view()}
        </ul>
    })
}

//! The cabinet's view of the bound number at work: sign-in with an SMS
//! code (the second factor, turned on or off here), every message written
//! for the citizen (who, when, about what; a notification's text, never a
//! code), and the optional notification purposes the citizen may turn off.

use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::{number_uses, Lang};
use crate::server_fns::{SetNotificationPurpose, SetSecondFactor};
use crate::wire::{MessageView, PreferenceView};

#[component]
pub fn SecondFactor(
    on: bool,
    has_number: bool,
    lang: Lang,
    action: ServerAction<SetSecondFactor>,
) -> impl IntoView {
    let n = number_uses::texts(lang);
    let state = if on { n.factor_on } else { n.factor_off };
    let control = match (on, has_number) {
        (true, _) => Either::Left(view! {
            <ActionForm action>
                <input type="hidden" name="on" value="false"/>
                <button type="submit" class="secondary" data-testid="second-factor-off">{n.factor_turn_off}</button>
            </ActionForm>
        }),
        (false, true) => Either::Left(view! {
            <ActionForm action>
                <input type="hidden" name="on" value="true"/>
                <button type="submit" data-testid="second-factor-on">{n.factor_turn_on}</button>
            </ActionForm>
        }),
        (false, false) => Either::Right(view! { <p class="hint">{n.factor_needs_number}</p> }),
    };
    view! {
        <section id="second-factor" aria-labelledby="second-factor-heading" class="card">
            <h2 id="second-factor-heading">{n.factor_title}</h2>
            <p data-testid="second-factor-state">{state}</p>
            {control}
        </section>
    }
}

#[component]
pub fn Messages(items: Vec<MessageView>, lang: Lang) -> impl IntoView {
    let n = number_uses::texts(lang);
    let body = if items.is_empty() {
        Either::Left(view! { <p data-testid="messages-empty">{n.messages_none}</p> })
    } else {
        Either::Right(view! {
            <table class="uses" data-testid="messages">
                <thead>
                    <tr>
                        <th scope="col">{n.col_when}</th>
                        <th scope="col">{n.col_from}</th>
                        <th scope="col">{n.col_what}</th>
                        <th scope="col">{n.col_number}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|m| {
                            let from = m.from.clone().unwrap_or_else(|| n.from_service.to_owned());
                            let what = m.purpose.as_ref().map_or_else(|| (n.kind)(m.kind).to_owned(), |p| p.get(lang).to_owned());
                            view! {
                                <tr data-testid="message">
                                    <td>{m.when}</td>
                                    <td>{from}</td>
                                    <td>
                                        {what}
                                        {m.text.map(|text| view! { <br/><span class="hint" data-testid="message-text">{text}</span> })}
                                    </td>
                                    <td>{m.number_masked}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        })
    };
    view! {
        <section id="messages" aria-labelledby="messages-heading" class="card">
            <h2 id="messages-heading">{n.messages_title}</h2>
            {body}
        </section>
    }
}

#[component]
pub fn Preferences(
    items: Vec<PreferenceView>,
    lang: Lang,
    action: ServerAction<SetNotificationPurpose>,
) -> impl IntoView {
    let n = number_uses::texts(lang);
    view! {
        <section id="notifications" aria-labelledby="notifications-heading" class="card">
            <h2 id="notifications-heading">{n.prefs_title}</h2>
            <p class="hint">{n.prefs_intro}</p>
            <ul class="preferences" data-testid="preferences">
                {items
                    .into_iter()
                    .map(|p| {
                        let state = match (p.optional, p.off) {
                            (false, _) => n.pref_required,
                            (true, true) => n.pref_stopped,
                            (true, false) => n.pref_receiving,
                        };
                        let (label, off) = if p.off { (n.pref_resume, "false") } else { (n.pref_stop, "true") };
                        let name = p.name.get(lang).to_owned();
                        let aria = format!("{label}: {name}");
                        let code = p.code.clone();
                        view! {
                            <li data-testid="preference" data-purpose=p.code.clone()>
                                <span>{name}</span>" · "<span data-testid="preference-state">{state}</span>
                                {p.optional.then(|| view! {
                                    <ActionForm action>
                                        <input type="hidden" name="purpose" value=code/>
                                        <input type="hidden" name="off" value=off/>
                                        <button type="submit" class="secondary" aria-label=aria>{label}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

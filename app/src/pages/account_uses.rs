//! The cabinet's view of every use of the account: each channel that
//! started a request (the portal, the mobile app, which bank), and each
//! bank's permission to view the citizen's documents, which the citizen
//! may revoke here (the bank sees it at once).

use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::Texts;
use crate::server_fns::RevokePermission;
use crate::wire::{PermissionItem, PermissionState, UseView};

#[component]
pub fn Uses(items: Vec<UseView>, t: &'static Texts) -> impl IntoView {
    let body = if items.is_empty() {
        Either::Left(view! { <p data-testid="uses-empty">{t.uses_none}</p> })
    } else {
        Either::Right(view! {
            <table class="uses" data-testid="uses">
                <thead>
                    <tr>
                        <th scope="col">{t.uses_channel}</th>
                        <th scope="col">{t.uses_requests}</th>
                        <th scope="col">{t.uses_bound}</th>
                        <th scope="col">{t.uses_last}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|u| {
                            let name = u.client_name.map(|n| format!(" ({n})")).unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{(t.use_channel)(u.channel)}{name}</th>
                                    <td>{u.started}</td>
                                    <td>{u.bound}</td>
                                    <td>{u.last_at}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        })
    };
    view! {
        <section aria-labelledby="uses-heading" class="card">
            <h2 id="uses-heading">{t.uses_title}</h2>
            <p class="hint">{t.uses_intro}</p>
            {body}
        </section>
    }
}

#[component]
pub fn Permissions(
    items: Vec<PermissionItem>,
    t: &'static Texts,
    action: ServerAction<RevokePermission>,
    revoked: bool,
) -> impl IntoView {
    let body = if items.is_empty() {
        Either::Left(view! { <p data-testid="permissions-empty">{t.perms_none}</p> })
    } else {
        Either::Right(view! {
            <ul class="permissions" data-testid="permissions">
                {items.into_iter().map(|p| view! { <Permission p t action/> }).collect_view()}
            </ul>
        })
    };
    view! {
        <section aria-labelledby="permissions-heading" class="card">
            <h2 id="permissions-heading">{t.perms_title}</h2>
            <p class="hint">{t.perms_intro}</p>
            <p role="status" class="status-line">
                {revoked.then(|| view! { <span class="notice" data-testid="permission-revoked">{t.perm_revoked}</span> })}
            </p>
            {body}
        </section>
    }
}

#[component]
fn Permission(
    p: PermissionItem,
    t: &'static Texts,
    action: ServerAction<RevokePermission>,
) -> impl IntoView {
    let documents: Vec<&str> = p.documents.iter().map(|k| (t.document_kind)(*k)).collect();
    let revocable = p.state == PermissionState::InForce || p.state == PermissionState::Pending;
    let label = format!("{}: {}", t.perm_revoke, p.bank);
    view! {
        <li data-testid="permission">
            <dl class="facts">
                <dt>{t.perm_bank}</dt>
                <dd data-testid="permission-bank">{p.bank.clone()}</dd>
                <dt>{t.perm_documents}</dt>
                <dd>{documents.join(", ")}</dd>
                <dt>{t.perm_granted}</dt>
                <dd>{p.granted_at.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t.perm_expires}</dt>
                <dd>{p.expires_at.clone()}</dd>
                <dt>{t.perm_state}</dt>
                <dd data-testid="permission-state">{(t.permission_state)(p.state)}</dd>
            </dl>
            {revocable.then(|| view! {
                <ActionForm action>
                    <input type="hidden" name="id" value=p.id.clone()/>
                    <button type="submit" class="secondary" aria-label=label>{t.perm_revoke}</button>
                </ActionForm>
            })}
        </li>
    }
}

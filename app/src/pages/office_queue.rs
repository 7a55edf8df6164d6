//! A back-office role's queue: complaints waiting for it by due date, the
//! overdue marked, then those it has handled.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::complaints::ComplaintTable;
use crate::components::{ErrorSummary, PageTitle, StepHeading};
use crate::error::PortalError;
use crate::i18n::Texts;
use crate::server_fns::{get_queue, StaffSignOut};
use crate::site::use_site;
use crate::wire_complaints::{QueueView, StaffView};

#[component]
pub fn QueuePage() -> impl IntoView {
    let t = use_site().lang.texts();
    let ct = t.complaints;
    let queue = Resource::new(|| (), |_| get_queue());
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=ct.office_title/>
        <StepHeading text=ct.office_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                    match queue.await {
                        Ok(q) => EitherOf3::A(view! { <Queue q t/> }),
                        Err(PortalError::StaffNotSignedIn) => {
                            redirect("/office/sign-in");
                            EitherOf3::B(view! {
                                <Redirect path="/office/sign-in"/>
                                <p><a href="/office/sign-in">{ct.err_staff_signed_out}</a></p>
                            })
                        }
                        Err(e) => EitherOf3::C(view! { <ErrorSummary error=e t/> }),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Queue(q: QueueView, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    let body = match q.items {
        Some(items) => Either::Left(view! {
            <section aria-labelledby="queue-heading" class="card">
                <h2 id="queue-heading">{ct.queue_title}</h2>
                {if items.is_empty() {
                    Either::Left(view! { <p data-testid="queue-empty">{ct.queue_empty}</p> })
                } else {
                    Either::Right(view! { <ComplaintTable items t link_base="/office/complaints/"/> })
                }}
            </section>
        }),
        None => Either::Right(view! { <p data-testid="no-queue">{ct.no_queue}</p> }),
    };
    view! {
        <StaffBar staff=q.staff t/>
        {body}
        <Schedule windows=q.maintenance t/>
    }
}

/// Appendix row 7: the provider's announced maintenance breaks.
#[component]
fn Schedule(windows: Vec<crate::wire::WindowItem>, t: &'static Texts) -> impl IntoView {
    let rows = if windows.is_empty() {
        Either::Left(view! { <p data-testid="maintenance-none">{t.maint_schedule_empty}</p> })
    } else {
        Either::Right(view! {
            <table data-testid="maintenance-schedule">
                <thead><tr><th scope="col">{t.maint_from}</th><th scope="col">{t.maint_until}</th></tr></thead>
                <tbody>
                    {windows.into_iter().map(|w| view! {
                        <tr>
                            <td><time datetime=w.from.iso>{w.from.local}</time></td>
                            <td><time datetime=w.until.iso>{w.until.local}</time></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p>{t.maint_time_zone}</p>
        })
    };
    view! {
        <section aria-labelledby="maintenance-heading" class="card">
            <h2 id="maintenance-heading">{t.maint_schedule_title}</h2>
            {rows}
        </section>
    }
}

/// Who is signed in, the office's links, and sign-out.
#[component]
pub fn StaffBar(staff: StaffView, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    let sign_out = ServerAction::<StaffSignOut>::new();
    view! {
        <div class="card staff-bar">
            <p data-testid="staff-who">
                {ct.signed_in_as}": "{staff.name}" ("{staff.login}", "{(ct.role)(staff.role)}")"
            </p>
            <nav aria-label=ct.office_title>
                <ul class="inline-links">
                    <li><a href="/office">{ct.nav_queue}</a></li>
                    <li><a href="/office/dashboard">{ct.nav_dashboard}</a></li>
                </ul>
            </nav>
            <ActionForm action=sign_out>
                <button type="submit" class="secondary">{t.sign_out}</button>
            </ActionForm>
        </div>
    }
}

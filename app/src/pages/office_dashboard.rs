//! The service dashboard for officials: requests per day by channel,
//! outcomes and refusal grounds, the service time against the 10-minute
//! term (appendix row 3), complaints by status with the overdue. Charts
//! are SVG drawn on the server, each with a table of its figures; the
//! same figures download as CSV.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use super::office_queue::StaffBar;
use crate::components::{Bar, BarChart, ErrorSummary, PageTitle, StepHeading};
use crate::error::PortalError;
use crate::i18n::Texts;
use crate::server_fns::get_dashboard;
use crate::site::use_site;
use crate::wire_complaints::{DashboardView, RequestOutcome};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_site().lang.texts();
    let ct = t.complaints;
    let query = use_query_map();
    let days = move || query.with(|q| q.get("days").and_then(|d| d.parse::<u32>().ok()));
    let data = Resource::new(days, get_dashboard);
    let redirect = super::server_redirect();
    view! {
        <PageTitle text=ct.dash_title/>
        <StepHeading text=ct.dash_title/>
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let redirect = redirect.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => EitherOf3::A(view! { <Dashboard d t/> }),
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

fn outcome_label(t: &'static Texts, o: RequestOutcome) -> String {
    match o {
        RequestOutcome::Ended(g) => {
            format!("{}: {}", (t.complaints.outcome)(o), (t.ground_reason)(g))
        }
        other => (t.complaints.outcome)(other).to_owned(),
    }
}

#[component]
fn Dashboard(d: DashboardView, t: &'static Texts) -> impl IntoView {
    let ct = t.complaints;
    let count = ct.dash_count.to_owned();
    let summary = ct.dash_chart_summary.to_owned();
    let per_day: Vec<Bar> = d
        .per_day
        .iter()
        .map(|r| Bar {
            label: r.day.clone(),
            value: r.portal + r.mobile_app + r.bank,
        })
        .collect();
    let outcomes: Vec<Bar> = d
        .outcomes
        .iter()
        .map(|(o, n)| Bar {
            label: outcome_label(t, *o),
            value: *n,
        })
        .collect();
    let minutes: Vec<Bar> = d
        .service_minutes
        .iter()
        .map(|(m, n)| Bar {
            label: if *m >= 10 {
                ct.dash_ten_plus.to_owned()
            } else {
                format!("{m}–{} {}", m + 1, ct.dash_minutes)
            },
            value: *n,
        })
        .collect();
    let complaints: Vec<Bar> = d
        .complaints
        .iter()
        .map(|(s, n, late)| Bar {
            label: format!("{} ({late})", (ct.status)(*s)),
            value: *n,
        })
        .collect();
    let share = if d.completed == 0 {
        0.0
    } else {
        100.0 * d.within_term as f64 / d.completed as f64
    };
    let csv = format!("/office/dashboard.csv?days={}", d.days);
    let [portal, app, bank] = ct.dash_channels;
    let channel_rows = d
        .per_day
        .into_iter()
        .map(|r| view! {
            <tr><th scope="row">{r.day}</th><td>{r.portal}</td><td>{r.mobile_app}</td><td>{r.bank}</td></tr>
        })
        .collect_view();
    let chart = move |id: &'static str, title: &'static str, head: &'static str, bars: Vec<Bar>| {
        if bars.is_empty() {
            Either::Left(view! { <h2>{title}</h2><p>{ct.dash_empty}</p> })
        } else {
            Either::Right(view! {
                <BarChart id title=title.to_owned() summary=summary.clone() heads=(head.to_owned(), count.clone()) bars/>
            })
        }
    };
    view! {
        <StaffBar staff=d.staff t/>
        <section class="card" aria-labelledby="period-heading">
            <h2 id="period-heading">{ct.dash_period}</h2>
            <p data-testid="dash-period">{d.first_day}" – "{d.last_day}</p>
            <form method="get" action="/office/dashboard" class="form inline-form">
                <div class="field">
                    <label for="days">{ct.dash_days_label}</label>
                    <input id="days" name="days" type="number" min="1" max="366" value=d.days.to_string()/>
                </div>
                <button type="submit" class="secondary">{ct.dash_show}</button>
            </form>
            <p><a href=csv data-testid="dash-csv" download="nomir-dashboard.csv">{ct.dash_csv}</a></p>
        </section>
        <section class="card">
            {chart("chart-per-day", ct.dash_per_day, ct.dash_day, per_day)}
            <table class="uses" data-testid="per-channel">
                <caption>{ct.dash_per_day}</caption>
                <thead><tr><th scope="col">{ct.dash_day}</th><th scope="col">{portal}</th><th scope="col">{app}</th><th scope="col">{bank}</th></tr></thead>
                <tbody>{channel_rows}</tbody>
            </table>
        </section>
        <section class="card">{chart("chart-outcomes", ct.dash_outcomes, ct.col_outcome, outcomes)}</section>
        <section class="card">
            <p class="hint">{ct.dash_service_hint}</p>
            <p data-testid="within-term">{ct.dash_within_term}": "{d.within_term}" / "{d.completed}" ("{format!("{share:.1}")}" %)"</p>
            {chart("chart-service-time", ct.dash_service_time, ct.dash_minutes, minutes)}
        </section>
        <section class="card">{chart("chart-complaints", ct.dash_complaints, ct.col_status, complaints)}</section>
    }
}

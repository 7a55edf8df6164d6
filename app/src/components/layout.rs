//! Header with navigation and language switch, main area, footer with the
//! service provider and the contact centre (appendix rows 1 and 10).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::Navigator;
use crate::i18n::Lang;
use crate::site::{maintenance_banner, use_site};
use crate::wire::{MaintenanceBanner, ShownTime};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = use_site();
    let t = site.lang.texts();
    view! {
        <div class="page">
            <Navigator/>
            <a class="skip-link" href="#main">{t.skip_to_content}</a>
            <header class="site-header">
                <div class="brand">
                    <a href="/" class="brand-name">{t.service_name}</a>
                    <span class="brand-tagline">{t.tagline}</span>
                </div>
                <nav aria-label=t.nav_label class="main-nav">
                    <ul>
                        <li><a href="/">{t.nav_home}</a></li>
                        <li><a href="/cabinet">{t.nav_cabinet}</a></li>
                        {site.demo.then(|| view! { <li><a href="/demo/phone">{t.nav_demo_phone}</a></li> })}
                    </ul>
                </nav>
                <LangSwitch current=site.lang/>
                {site.demo.then(|| view! { <p class="demo-banner" role="note">{t.demo_banner}</p> })}
                {(site.demo && site.clock_moved_minutes > 0).then(|| view! {
                    <p class="demo-banner" role="note" data-testid="demo-clock-moved">
                        {t.demo_clock_moved}" "{site.clock_moved_minutes}
                    </p>
                })}
                {maintenance_banner().map(|b| view! { <Maintenance b t/> })}
            </header>
            <main id="main" tabindex="-1">{children()}</main>
            <footer class="site-footer">
                <dl>
                    <div>
                        <dt>{t.footer_provider_label}</dt>
                        <dd>{t.footer_provider}</dd>
                    </div>
                    <div>
                        <dt>{t.footer_contact_label}</dt>
                        <dd>{t.footer_contact}</dd>
                    </div>
                </dl>
                <p>{t.footer_free}</p>
            </footer>
        </div>
    }
}

/// Appendix row 7: a maintenance window ahead, or the pause under way.
#[component]
fn Maintenance(b: MaintenanceBanner, t: &'static crate::i18n::Texts) -> impl IntoView {
    let title = if b.paused {
        t.maint_paused_title
    } else {
        t.maint_upcoming_title
    };
    let at =
        move |s: ShownTime| view! { <time datetime=s.iso>{s.local}</time>", "{t.maint_time_zone} };
    view! {
        <div class="maintenance-banner" role="status" data-testid="maintenance-banner"
            data-paused=b.paused.then_some("true")>
            <p><strong>{title}</strong></p>
            <dl>
                {b.from.map(|from| view! { <div><dt>{t.maint_from}</dt><dd>{at(from)}</dd></div> })}
                <div><dt>{t.maint_until}</dt><dd>{at(b.until)}</dd></div>
            </dl>
            <p>{t.maint_kept}</p>
        </div>
    }
}

/// Links that set the language cookie on the server and come back here;
/// they work before (and without) the WASM.
#[component]
fn LangSwitch(current: Lang) -> impl IntoView {
    let location = use_location();
    let label = current.texts().lang_switch_label;
    view! {
        <nav aria-label=label class="lang-switch">
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        let href = move || format!("/lang/{}?next={}", lang.code(), location.pathname.get());
                        let is_current = (lang == current).then_some("true");
                        view! {
                            <li>
                                <a href=href rel="external" hreflang=lang.code() lang=lang.code() aria-current=is_current>
                                    {lang.native_name()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

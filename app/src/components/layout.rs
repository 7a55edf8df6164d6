//! Header with navigation and language switch, main area, footer with the
//! service provider and the contact centre (appendix rows 1 and 10).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::Navigator;
use crate::i18n::Lang;
use crate::site::use_site;

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

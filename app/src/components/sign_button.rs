//! The "Sign with EDS" button: asks NCALayer to sign the request document,
//! sends the CMS to the server, then shows the outcome.

use leptos::prelude::*;

use crate::i18n::Texts;

#[component]
pub fn SignButton(
    request_id: String,
    document_base64: String,
    iin: String,
    signer_url: String,
    t: &'static Texts,
    locale: &'static str,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let on_click = move |_| {
        let (_id, _doc, _iin, _url) = (
            request_id.clone(),
            document_base64.clone(),
            iin.clone(),
            signer_url.clone(),
        );
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use crate::ncalayer::{sign_cms, SignError};
            busy.set(true);
            message.set(None);
            let outcome = match sign_cms(&_url, &_doc, &_iin, locale).await {
                Ok(cms) => crate::server_fns::certify_request(_id, cms)
                    .await
                    .map_err(|_| t.err_unexpected.to_owned()),
                Err(SignError::NotRunning) => Err(t.signer_missing.to_owned()),
                Err(SignError::Cancelled) => Err(t.signer_cancelled.to_owned()),
                Err(SignError::Failed(why)) => Err(format!("{} ({why})", t.signer_failed)),
            };
            match outcome {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(text) => {
                    message.set(Some(text));
                    busy.set(false);
                }
            }
        });
        let _ = locale;
    };
    view! {
        <button type="button" data-testid="sign-button" on:click=on_click disabled=move || busy.get()>
            {t.sign_button}
        </button>
        <p role="status" class="sign-status" data-testid="sign-status">
            {move || if busy.get() { Some(t.signing.to_owned()) } else { message.get() }}
        </p>
    }
}

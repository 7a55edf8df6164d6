//! The "Sign with EDS" step: asks NCALayer to sign the request document,
//! then hands the CMS to the `certify_request` server function. It needs
//! JavaScript (NCALayer is reached over a WebSocket from the page); until
//! the WASM runs, the page says so and what to do.

use leptos::prelude::*;

use crate::i18n::Texts;
use crate::server_fns::CertifyRequest;

/// What the button needs to ask for a signature.
#[derive(Debug, Clone)]
pub struct SignTask {
    pub request_id: String,
    pub document_base64: String,
    pub iin: String,
    pub signer_url: String,
    pub locale: &'static str,
}

#[component]
pub fn SignButton(
    task: SignTask,
    action: ServerAction<CertifyRequest>,
    t: &'static Texts,
) -> impl IntoView {
    // The same `false` on the server and at hydration; true once the WASM runs.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let signing = RwSignal::new(false);
    let signer_error = RwSignal::new(None::<String>);
    let busy = move || signing.get() || action.pending().get();
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(sign(task.clone(), t, action, signing, signer_error));
        #[cfg(not(feature = "hydrate"))]
        let _ = &task;
    };
    // The signer's own answers; the server's errors go to the page's error summary.
    let status = move || {
        if busy() {
            Some(t.signing.to_owned())
        } else {
            signer_error.get()
        }
    };
    view! {
        {move || (!scripted.get()).then(|| view! {
            <p class="notice" data-testid="sign-needs-script">{t.sign_needs_script}</p>
        })}
        <button type="button" data-testid="sign-button" on:click=on_click
            disabled=move || !scripted.get() || busy()>
            {t.sign_button}
        </button>
        <p role="status" class="sign-status" data-testid="sign-status">{status}</p>
    }
}

/// Asks the signer for a CMS over the document, then certifies with it.
#[cfg(feature = "hydrate")]
async fn sign(
    task: SignTask,
    t: &'static Texts,
    action: ServerAction<CertifyRequest>,
    signing: RwSignal<bool>,
    signer_error: RwSignal<Option<String>>,
) {
    use crate::ncalayer::{sign_cms, SignError};
    signing.set(true);
    signer_error.set(None);
    let signed = sign_cms(
        &task.signer_url,
        &task.document_base64,
        &task.iin,
        task.locale,
    )
    .await;
    signing.set(false);
    match signed {
        Ok(cms_base64) => {
            action.dispatch(CertifyRequest {
                id: task.request_id,
                cms_base64,
            });
        }
        Err(SignError::NotRunning) => signer_error.set(Some(t.signer_missing.to_owned())),
        Err(SignError::Cancelled) => signer_error.set(Some(t.signer_cancelled.to_owned())),
        Err(SignError::Failed(why)) => {
            signer_error.set(Some(format!("{} ({why})", t.signer_failed)))
        }
    }
}

//! The "Sign with EDS" button: asks NCALayer to sign the request document,
//! sends the CMS to the server, then shows the outcome.

use leptos::prelude::*;

use crate::i18n::Texts;

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
pub fn SignButton(task: SignTask, t: &'static Texts) -> impl IntoView {
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(sign_and_certify(task.clone(), t, busy, message));
        #[cfg(not(feature = "hydrate"))]
        let _ = &task;
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

/// Asks the signer, sends the CMS to the server, then reloads to show the outcome.
#[cfg(feature = "hydrate")]
async fn sign_and_certify(
    task: SignTask,
    t: &'static Texts,
    busy: RwSignal<bool>,
    message: RwSignal<Option<String>>,
) {
    use crate::ncalayer::{sign_cms, SignError};
    busy.set(true);
    message.set(None);
    let outcome = match sign_cms(
        &task.signer_url,
        &task.document_base64,
        &task.iin,
        task.locale,
    )
    .await
    {
        Ok(cms) => crate::server_fns::certify_request(task.request_id, cms)
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
}

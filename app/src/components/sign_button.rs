//! The "Sign with EDS" step's button, an island: it asks NCALayer to sign
//! the request document, puts the CMS in the form around it and submits
//! that form, which posts to the `certify_request` server function like
//! every other step. It needs JavaScript (NCALayer is reached over a
//! WebSocket from the page); until the WASM runs, it says so and what to do.
//!
//! Signing in, there is no document yet: pressed, the button first asks
//! the `get_eds_challenge` server function for a one-time challenge (the
//! answer also sets the cookie that ties it to this browser), puts its id
//! in the form's `challenge_id` field, and has NCALayer sign it. So a
//! challenge is made only when the citizen asks to sign in, and each press
//! gets a fresh one (any attempt spends a challenge). The server function
//! is called with `gloo-net` and its answer read with the browser's JSON
//! parser: Leptos' client for it brought `serde_json` into the WASM.

use leptos::html::Button;
use leptos::prelude::*;
use serde::Serialize;

use super::island_data::{carry, island_data, IslandData};
use crate::error::PortalError;
use crate::i18n::Texts;

/// The name of the form field the CMS goes into.
pub const CMS_FIELD: &str = "cms_base64";
/// The name of the form field the sign-in challenge's id goes into.
pub const CHALLENGE_FIELD: &str = "challenge_id";

/// What the button needs to ask for a signature.
#[derive(Debug, Clone, Serialize)]
pub struct SignTask {
    /// What to sign; empty for signing in: a challenge is fetched when pressed.
    pub document_base64: String,
    /// Limits the keys NCALayer offers to this IIN's; empty for signing in.
    pub iin: String,
    /// Where NCALayer is; for signing in, the challenge's answer says.
    pub signer_url: String,
    pub locale: String,
    /// The authentication key (signing in) rather than the signing key.
    pub auth: bool,
}

/// The button's own texts, in the page's language: an island gets its
/// texts from the server with the rest of its data, so the WASM carries
/// no translation tables.
#[derive(Debug, Clone, Serialize)]
pub struct SignLabels {
    pub needs_script: String,
    pub button: String,
    pub retry: String,
    pub signing: String,
    pub missing: String,
    pub cancelled: String,
    pub wrong_password: String,
    pub no_key: String,
    pub timed_out: String,
    pub failed: String,
    /// No challenge: too many asked from here (wait).
    pub too_many: String,
    /// No challenge: the server could not be reached.
    pub unreachable: String,
    /// No challenge: something else went wrong.
    pub unexpected: String,
}

impl SignLabels {
    /// The request's signing step.
    pub fn from(t: &Texts) -> Self {
        Self {
            needs_script: t.sign_needs_script.to_owned(),
            button: t.sign_button.to_owned(),
            retry: t.eds.retry.to_owned(),
            signing: t.signing.to_owned(),
            missing: t.eds.not_running.to_owned(),
            cancelled: t.signer_cancelled.to_owned(),
            wrong_password: t.eds.wrong_password.to_owned(),
            no_key: t.eds.no_key.to_owned(),
            timed_out: t.eds.timed_out.to_owned(),
            failed: t.signer_failed.to_owned(),
            too_many: PortalError::LockedOut.message(t),
            unreachable: PortalError::Unreachable.message(t),
            unexpected: PortalError::Unexpected.message(t),
        }
    }

    /// Signing in.
    pub fn sign_in(t: &Texts) -> Self {
        Self {
            needs_script: t.eds.needs_script.to_owned(),
            button: t.eds.sign_in_button.to_owned(),
            ..Self::from(t)
        }
    }
}

/// The button's data, as its island reads it.
#[derive(Debug, Clone, Serialize)]
pub struct SignData {
    pub task: SignTask,
    pub labels: SignLabels,
}

impl IslandData for SignData {
    const ID: &'static str = "sign-data";

    #[cfg(feature = "hydrate")]
    fn read(js: &super::island_data::Js) -> Self {
        let (task, labels) = (js.at("task"), js.at("labels"));
        Self {
            task: SignTask {
                document_base64: task.text("document_base64"),
                iin: task.text("iin"),
                signer_url: task.text("signer_url"),
                locale: task.text("locale"),
                auth: task.flag("auth"),
            },
            labels: SignLabels {
                needs_script: labels.text("needs_script"),
                button: labels.text("button"),
                retry: labels.text("retry"),
                signing: labels.text("signing"),
                missing: labels.text("missing"),
                cancelled: labels.text("cancelled"),
                wrong_password: labels.text("wrong_password"),
                no_key: labels.text("no_key"),
                timed_out: labels.text("timed_out"),
                failed: labels.text("failed"),
                too_many: labels.text("too_many"),
                unreachable: labels.text("unreachable"),
                unexpected: labels.text("unexpected"),
            },
        }
    }
}

#[component]
pub fn SignButton(task: SignTask, labels: SignLabels) -> impl IntoView {
    let data = carry(SignData { task, labels });
    view! { {data} <Signer/> }
}

/// The button as an island of its own (signing in).
#[island]
fn Signer() -> impl IntoView {
    view! { <SignView data=island_data()/> }
}

/// The button, inside whichever island shows it.
#[component]
pub fn SignView(data: SignData) -> impl IntoView {
    let SignData { task, labels } = data;
    // The same `false` on the server and at hydration; true once the WASM runs.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let signing = RwSignal::new(false);
    let signer_error = RwSignal::new(None::<String>);
    // After a failure the button offers to try again.
    let failed_once = RwSignal::new(false);
    let button = NodeRef::<Button>::new();
    let needs_script = labels.needs_script.clone();
    let signing_text = labels.signing.clone();
    let button_text = labels.button.clone();
    let retry_text = labels.retry.clone();
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(sign(
            task.clone(),
            labels.clone(),
            button,
            signing,
            signer_error,
            failed_once,
        ));
        #[cfg(not(feature = "hydrate"))]
        let _ = (&task, &labels, button);
    };
    // The signer's own answers; the server's go to the page's error summary.
    let status = move || {
        if signing.get() {
            Some(signing_text.clone())
        } else {
            signer_error.get()
        }
    };
    view! {
        {move || (!scripted.get()).then(|| view! {
            <p class="notice" data-testid="sign-needs-script">{needs_script.clone()}</p>
        })}
        <button type="button" data-testid="sign-button" node_ref=button on:click=on_click
            disabled=move || !scripted.get() || signing.get()>
            {move || if failed_once.get() { retry_text.clone() } else { button_text.clone() }}
        </button>
        <p role="status" class="sign-status" data-testid="sign-status">{status}</p>
    }
}

/// Asks the signer for a CMS over the document, then submits the form the
/// button is in with it (the navigator posts it and shows the outcome).
#[cfg(feature = "hydrate")]
async fn sign(
    task: SignTask,
    labels: SignLabels,
    button: NodeRef<Button>,
    signing: RwSignal<bool>,
    signer_error: RwSignal<Option<String>>,
    failed_once: RwSignal<bool>,
) {
    use crate::ncalayer::{sign_cms, Key, SignError};
    use leptos::wasm_bindgen::JsCast;
    let mut task = task;
    signing.set(true);
    signer_error.set(None);
    let form = button.get_untracked().and_then(|b| b.form());
    let field = |name: &str| {
        form.as_ref()
            .and_then(|f| f.elements().named_item(name))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    if task.document_base64.is_empty() {
        // Signing in: a fresh challenge, asked for now.
        match challenge().await {
            Ok(c) => {
                if let Some(id) = field(CHALLENGE_FIELD) {
                    id.set_value(&c.text("id"));
                }
                task.document_base64 = c.text("document_base64");
                task.signer_url = c.text("signer_url");
            }
            Err(e) => {
                signing.set(false);
                failed_once.set(true);
                signer_error.set(Some(match e {
                    PortalError::LockedOut => labels.too_many,
                    PortalError::Unreachable => labels.unreachable,
                    _ => labels.unexpected,
                }));
                return;
            }
        }
    }
    let signed = sign_cms(
        &task.signer_url,
        &task.document_base64,
        &task.iin,
        if task.auth { Key::Auth } else { Key::Sign },
        &task.locale,
    )
    .await;
    signing.set(false);
    failed_once.set(signed.is_err());
    match signed {
        Ok(cms_base64) => {
            if let (Some(form), Some(field)) = (form.as_ref(), field(CMS_FIELD)) {
                field.set_value(&cms_base64);
                let _ = form.request_submit();
            }
        }
        Err(SignError::NotRunning) => signer_error.set(Some(labels.missing)),
        Err(SignError::Cancelled) => signer_error.set(Some(labels.cancelled)),
        Err(SignError::WrongPassword) => signer_error.set(Some(labels.wrong_password)),
        Err(SignError::NoKey) => signer_error.set(Some(labels.no_key)),
        Err(SignError::TimedOut) => signer_error.set(Some(labels.timed_out)),
        Err(SignError::Failed(why)) => signer_error.set(Some(format!("{} ({why})", labels.failed))),
    }
}

/// Asks the `get_eds_challenge` server function for a challenge: its
/// answer (`id`, `document_base64`, `signer_url`), or its error as the
/// server function says it (`"LockedOut"`, ...).
#[cfg(feature = "hydrate")]
async fn challenge() -> Result<super::island_data::Js, PortalError> {
    use super::island_data::Js;
    use leptos::server_fn::ServerFn;
    let path = <crate::server_fns::GetEdsChallenge as ServerFn>::PATH;
    let answer = gloo_net::http::Request::post(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("")
        .map_err(|_| PortalError::Unexpected)?
        .send()
        .await
        .map_err(|_| PortalError::Unreachable)?;
    let ok = answer.ok();
    let text = answer.text().await.map_err(|_| PortalError::Unreachable)?;
    let json = Js::parse(&text);
    if ok {
        // A challenge has all three; anything else (a proxy's page) is not one.
        let whole = ["id", "document_base64", "signer_url"]
            .iter()
            .all(|k| !json.text(k).is_empty());
        return if whole {
            Ok(json)
        } else {
            Err(PortalError::Unexpected)
        };
    }
    Err(match json.as_text().as_deref() {
        Some("LockedOut") => PortalError::LockedOut,
        Some("Unreachable") => PortalError::Unreachable,
        _ => PortalError::Unexpected,
    })
}

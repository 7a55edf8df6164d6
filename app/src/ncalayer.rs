//! The browser's side of NCALayer (the NCA RK desktop signer): one WebSocket
//! request `kz.gov.pki.knca.basics.sign` for a detached CMS over a document.
//! The demo signer (`nomir demo-signer`) speaks the same protocol.
//!
//! Written on `web-sys` and the browser's own JSON rather than a WebSocket
//! crate and `serde_json`: the page's WASM stays small (it is downloaded by
//! every citizen), and the protocol is one request and one answer.

use js_sys::{Array, Function, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, WebSocket};

use crate::sign_error::classify;
pub use crate::sign_error::SignError;

/// How long NCALayer may take to accept the connection: it answers at once
/// when it runs.
const CONNECT_MS: i32 = 10_000;
/// How long the citizen may take in NCALayer's dialogs (storage, key, password).
const ANSWER_MS: i32 = 5 * 60_000;

/// Which of the citizen's keys NCALayer offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The signing key (EKU emailProtection): certifying requests.
    Sign,
    /// The authentication key (EKU clientAuth): signing in.
    Auth,
}

/// The request NCALayer expects; `document_base64` is decoded before signing.
fn sign_request(document_base64: &str, iin: &str, key: Key, locale: &str) -> String {
    let quote = |s: &str| {
        JSON::stringify(&JsValue::from_str(s))
            .map(String::from)
            .unwrap_or_default()
    };
    let usage = match key {
        Key::Sign => "1.3.6.1.5.5.7.3.4",
        Key::Auth => "1.3.6.1.5.5.7.3.2",
    };
    let iin = if iin.is_empty() {
        String::new()
    } else {
        format!(r#","iin":{}"#, quote(iin))
    };
    format!(
        r#"{{"module":"kz.gov.pki.knca.basics","method":"sign","args":{{"allowedStorages":["PKCS12","AKKZIDCardStore","AKKaztokenStore","AKJaCartaStore"],"format":"cms","data":{},"signingParams":{{"decode":true,"encapsulate":false,"digested":false}},"signerParams":{{"extKeyUsageOids":["{usage}","1.2.398.3.3.4.1.1"]{iin}}},"locale":"{}"}}}}"#,
        quote(document_base64),
        if locale == "ru" { "ru" } else { "kk" },
    )
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| {
        if v.is_object() {
            Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        }
    })
}

/// Reads one answer frame: the CMS (base64), a cancel, or an error; `None`
/// for frames that are not the answer (the greeting NCALayer sends first).
fn parse_answer(frame: &JsValue) -> Option<Result<String, SignError>> {
    if !get(frame, &["result", "version"]).is_undefined() {
        return None;
    }
    match get(frame, &["status"]).as_bool() {
        Some(true) => {
            let result = get(frame, &["body", "result"]);
            let cms = result
                .as_string()
                .or_else(|| result.dyn_ref::<Array>().and_then(|a| a.get(0).as_string()));
            // A success without a result is how NCALayer says "cancelled".
            Some(cms.ok_or(SignError::Cancelled))
        }
        Some(false) => {
            let code = get(frame, &["code"]).as_string().unwrap_or_default();
            let message = get(frame, &["message"]).as_string().unwrap_or_default();
            Some(Err(classify(&code, &message)))
        }
        None => None,
    }
}

/// The outcome, carried through the promise as text: `ok:<cms>` or an error name.
fn encode(outcome: Result<String, SignError>) -> JsValue {
    JsValue::from_str(&match outcome {
        Ok(cms) => format!("ok:{cms}"),
        Err(SignError::NotRunning) => "not-running".into(),
        Err(SignError::Cancelled) => "cancelled".into(),
        Err(SignError::WrongPassword) => "wrong-password".into(),
        Err(SignError::NoKey) => "no-key".into(),
        Err(SignError::TimedOut) => "timed-out".into(),
        Err(SignError::Failed(why)) => format!("failed:{why}"),
    })
}

fn decode(value: &str) -> Result<String, SignError> {
    match value {
        v if v.starts_with("ok:") => Ok(v[3..].to_owned()),
        "cancelled" => Err(SignError::Cancelled),
        "wrong-password" => Err(SignError::WrongPassword),
        "no-key" => Err(SignError::NoKey),
        "timed-out" => Err(SignError::TimedOut),
        v if v.starts_with("failed:") => Err(SignError::Failed(v[7..].to_owned())),
        _ => Err(SignError::NotRunning),
    }
}

/// Asks the signer at `url` for a CMS over the document with `key`;
/// resolves with its base64. `iin` (if not empty) limits the keys offered.
pub async fn sign_cms(
    url: &str,
    document_base64: &str,
    iin: &str,
    key: Key,
    locale: &str,
) -> Result<String, SignError> {
    let ws = WebSocket::new(url).map_err(|_| SignError::NotRunning)?;
    let request = sign_request(document_base64, iin, key, locale);
    let window = web_sys::window();
    // The answer arrives through callbacks; a promise turns them into one await
    // (it settles once: later calls of `resolve` do nothing).
    let mut handlers: Vec<Closure<dyn FnMut(JsValue)>> = Vec::new();
    let mut timers: Vec<i32> = Vec::new();
    let answer = Promise::new(&mut |resolve: Function, _reject: Function| {
        let socket = ws.clone();
        let text = request.clone();
        // Whether NCALayer answered the connection: a close after that is
        // NCALayer ending the exchange, not NCALayer missing.
        let opened = std::rc::Rc::new(std::cell::Cell::new(false));
        let opened_now = opened.clone();
        let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            opened_now.set(true);
            let _ = socket.send_with_str(&text);
        });
        let on_message = {
            let resolve = resolve.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                let Some(data) = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|e| e.data().as_string())
                else {
                    return;
                };
                let Ok(frame) = JSON::parse(&data) else {
                    return;
                };
                if let Some(outcome) = parse_answer(&frame) {
                    let _ = resolve.call1(&JsValue::NULL, &encode(outcome));
                }
            })
        };
        let on_failure = {
            let resolve = resolve.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let outcome = if opened.get() {
                    SignError::Failed("NCALayer closed the connection".into())
                } else {
                    SignError::NotRunning
                };
                let _ = resolve.call1(&JsValue::NULL, &encode(Err(outcome)));
            })
        };
        let on_connect_timeout = {
            let resolve = resolve.clone();
            let socket = ws.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                if socket.ready_state() == WebSocket::CONNECTING {
                    let _ = resolve.call1(&JsValue::NULL, &encode(Err(SignError::NotRunning)));
                }
            })
        };
        let on_answer_timeout = {
            let resolve = resolve.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let _ = resolve.call1(&JsValue::NULL, &encode(Err(SignError::TimedOut)));
            })
        };
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onerror(Some(on_failure.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_failure.as_ref().unchecked_ref()));
        if let Some(w) = &window {
            for (callback, ms) in [
                (&on_connect_timeout, CONNECT_MS),
                (&on_answer_timeout, ANSWER_MS),
            ] {
                if let Ok(id) = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    ms,
                ) {
                    timers.push(id);
                }
            }
        }
        handlers.extend([
            on_open,
            on_message,
            on_failure,
            on_connect_timeout,
            on_answer_timeout,
        ]);
    });
    let outcome = JsFuture::from(answer).await;
    // Detach every handler and timer before the closures are dropped:
    // events after this point must not call into freed code.
    if let Some(w) = &window {
        for id in timers {
            w.clear_timeout_with_handle(id);
        }
    }
    ws.set_onopen(None);
    ws.set_onmessage(None);
    ws.set_onerror(None);
    ws.set_onclose(None);
    let _ = ws.close();
    drop(handlers);
    match outcome {
        Ok(v) => decode(&v.as_string().unwrap_or_default()),
        Err(_) => Err(SignError::NotRunning),
    }
}

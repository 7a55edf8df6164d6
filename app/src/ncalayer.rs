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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// Nothing answers at the signer's address.
    NotRunning,
    /// The person closed the signer's dialog.
    Cancelled,
    /// The signer answered with an error.
    Failed(String),
}

/// The request NCALayer expects; `document_base64` is decoded before signing.
fn sign_request(document_base64: &str, iin: &str, locale: &str) -> String {
    let quote = |s: &str| {
        JSON::stringify(&JsValue::from_str(s))
            .map(String::from)
            .unwrap_or_default()
    };
    format!(
        r#"{{"module":"kz.gov.pki.knca.basics","method":"sign","args":{{"allowedStorages":["PKCS12","AKKZIDCardStore","AKKaztokenStore","AKJaCartaStore"],"format":"cms","data":{},"signingParams":{{"decode":true,"encapsulate":false,"digested":false}},"signerParams":{{"extKeyUsageOids":["1.3.6.1.5.5.7.3.4","1.2.398.3.3.4.1.1"],"iin":{}}},"locale":"{}"}}}}"#,
        quote(document_base64),
        quote(iin),
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
            Some(cms.ok_or(SignError::Cancelled))
        }
        Some(false) => {
            let code = get(frame, &["code"])
                .as_string()
                .unwrap_or_else(|| "ERROR".into());
            let message = get(frame, &["message"]).as_string().unwrap_or_default();
            Some(Err(SignError::Failed(format!("{code}: {message}"))))
        }
        None => None,
    }
}

/// Asks the signer at `url` for a CMS over the document; resolves with its base64.
pub async fn sign_cms(
    url: &str,
    document_base64: &str,
    iin: &str,
    locale: &str,
) -> Result<String, SignError> {
    let ws = WebSocket::new(url).map_err(|_| SignError::NotRunning)?;
    let request = sign_request(document_base64, iin, locale);
    // The answer arrives through callbacks; a promise turns them into one await.
    let mut handlers: Vec<Closure<dyn FnMut(JsValue)>> = Vec::new();
    let answer = Promise::new(&mut |resolve: Function, reject: Function| {
        let socket = ws.clone();
        let text = request.clone();
        let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_| {
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
                let outcome = match parse_answer(&frame) {
                    None => return,
                    Some(Ok(cms)) => JsValue::from_str(&cms),
                    Some(Err(SignError::Cancelled)) => JsValue::NULL,
                    Some(Err(SignError::Failed(why))) => JsValue::from(js_sys::Error::new(&why)),
                    Some(Err(SignError::NotRunning)) => JsValue::UNDEFINED,
                };
                let _ = resolve.call1(&JsValue::NULL, &outcome);
            })
        };
        let on_failure = {
            let reject = reject.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let _ = reject.call0(&JsValue::NULL);
            })
        };
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onerror(Some(on_failure.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_failure.as_ref().unchecked_ref()));
        handlers.extend([on_open, on_message, on_failure]);
    });
    let outcome = JsFuture::from(answer).await;
    // Detach every handler before the closures are dropped: events after
    // this point must not call into freed code.
    ws.set_onopen(None);
    ws.set_onmessage(None);
    ws.set_onerror(None);
    ws.set_onclose(None);
    let _ = ws.close();
    drop(handlers);
    match outcome {
        Ok(v) if v.is_string() => Ok(v.as_string().unwrap_or_default()),
        Ok(v) if v.is_null() => Err(SignError::Cancelled),
        Ok(v) => match v.dyn_ref::<js_sys::Error>() {
            Some(e) => Err(SignError::Failed(String::from(e.message()))),
            None => Err(SignError::NotRunning),
        },
        Err(_) => Err(SignError::NotRunning),
    }
}

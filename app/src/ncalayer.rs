//! The browser's side of NCALayer (the NCA RK desktop signer): one WebSocket
//! request `kz.gov.pki.knca.basics.sign` for a detached CMS over a document.
//! The demo signer (`nomir demo-signer`) speaks the same protocol.
//!
//! The socket is `gloo-net`'s (a stream of answers and a sink for the
//! request); the frames are read with the browser's own JSON rather than
//! `serde_json`'s typed decoding, which would add a decoder per frame shape
//! to the WASM every citizen downloads.

use futures::future::{select, Either};
use futures::{SinkExt, StreamExt};
use gloo_net::websocket::{futures::WebSocket, Message};
use js_sys::{Array, Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// Resolves after `ms` milliseconds (on the browser's timer).
async fn sleep(ms: i32) {
    let timer = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(timer).await;
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
    let socket = WebSocket::open(url).map_err(|_| SignError::NotRunning)?;
    let (mut requests, mut answers) = socket.split();
    let request = Message::Text(sign_request(document_base64, iin, key, locale));
    // The request goes once NCALayer accepts the connection, which it does
    // at once when it runs. The answers are watched meanwhile, and first: a
    // socket that failed to connect is "ready" too (closed), and its error
    // must be seen before anything is sent into it; one closed while
    // connecting ends the answers without ever being ready.
    let mut heard = false;
    let sending = select(answers.next(), requests.send(request));
    match select(sending, Box::pin(sleep(CONNECT_MS))).await {
        Either::Left((Either::Right((Ok(()), _)), _)) => {}
        Either::Left((Either::Left((Some(Ok(_greeting)), send)), _)) => {
            heard = true;
            send.await.map_err(|_| SignError::NotRunning)?;
        }
        _ => return Err(SignError::NotRunning),
    }
    // Then its answer, however long the citizen takes in its dialogs.
    // NCALayer greets as soon as it accepts a connection: an end before
    // anything was heard is a socket with nothing behind it; after, it is
    // NCALayer ending the exchange.
    let answer = async {
        while let Some(frame) = answers.next().await {
            let Ok(frame) = frame else { break };
            heard = true;
            let Message::Text(text) = frame else { continue };
            let Ok(frame) = JSON::parse(&text) else {
                continue;
            };
            if let Some(outcome) = parse_answer(&frame) {
                return outcome;
            }
        }
        Err(if heard {
            SignError::Failed("NCALayer closed the connection".into())
        } else {
            SignError::NotRunning
        })
    };
    let outcome = match select(Box::pin(answer), Box::pin(sleep(ANSWER_MS))).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(_) => Err(SignError::TimedOut),
    };
    // Dropping the socket closes it and detaches its listeners.
    outcome
}

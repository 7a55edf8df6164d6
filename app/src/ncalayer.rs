//! The browser's side of NCALayer (the NCA RK desktop signer): one WebSocket
//! request `kz.gov.pki.knca.basics.sign` for a detached CMS over a document.
//! The demo signer (`nomir demo-signer`) speaks the same protocol.

use futures::{SinkExt, StreamExt};
use gloo_net::websocket::{futures::WebSocket, Message};
use serde_json::{json, Value};

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
pub fn sign_request(document_base64: &str, iin: &str, locale: &str) -> Value {
    json!({
        "module": "kz.gov.pki.knca.basics",
        "method": "sign",
        "args": {
            "allowedStorages": ["PKCS12", "AKKZIDCardStore", "AKKaztokenStore", "AKJaCartaStore"],
            "format": "cms",
            "data": document_base64,
            "signingParams": { "decode": true, "encapsulate": false, "digested": false },
            "signerParams": {
                "extKeyUsageOids": ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.1"],
                "iin": iin
            },
            "locale": if locale == "ru" { "ru" } else { "kk" }
        }
    })
}

/// Reads one answer frame: the CMS (base64), a cancel, or an error.
pub fn parse_answer(frame: &Value) -> Option<Result<String, SignError>> {
    if frame.pointer("/result/version").is_some() {
        return None; // the greeting NCALayer sends on connect
    }
    match frame.get("status").and_then(Value::as_bool) {
        Some(true) => Some(match frame.pointer("/body/result") {
            Some(Value::String(cms)) => Ok(cms.clone()),
            Some(Value::Array(items)) => items
                .first()
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(SignError::Cancelled),
            _ => Err(SignError::Cancelled),
        }),
        Some(false) => {
            let code = frame.get("code").and_then(Value::as_str).unwrap_or("ERROR");
            let message = frame.get("message").and_then(Value::as_str).unwrap_or("");
            Some(Err(SignError::Failed(format!("{code}: {message}"))))
        }
        None => None,
    }
}

pub async fn sign_cms(
    url: &str,
    document_base64: &str,
    iin: &str,
    locale: &str,
) -> Result<String, SignError> {
    let mut ws = WebSocket::open(url).map_err(|_| SignError::NotRunning)?;
    let request = sign_request(document_base64, iin, locale).to_string();
    ws.send(Message::Text(request))
        .await
        .map_err(|_| SignError::NotRunning)?;
    while let Some(frame) = ws.next().await {
        let Ok(Message::Text(text)) = frame else {
            return Err(SignError::NotRunning);
        };
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if let Some(answer) = parse_answer(&value) {
            return answer;
        }
    }
    Err(SignError::NotRunning)
}

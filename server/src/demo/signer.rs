//! `nomir demo-signer`: a stand-in for NCALayer for the demo and the tests.
//! It listens on 127.0.0.1:13579 (plain WebSocket), greets like NCALayer,
//! and answers `kz.gov.pki.knca.basics` `sign` requests with a detached CMS
//! made with the demo key of the IIN asked for (`signerParams.iin`; the
//! first demo citizen when none is, as for signing in), the AUTH key when
//! the request asks for clientAuth, else the SIGN key.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use base64::Engine;
use serde_json::{json, Value};

use crate::demo::pki::{sign_detached, KeyPair};

pub const DEFAULT_ADDR: &str = "127.0.0.1:13579";

/// Whose key answers a request that names no IIN (signing in).
pub const DEFAULT_IIN: &str = "900515410001";

/// Where keys come from, and an optional key that answers every request
/// (to show what happens when someone else's key certifies a request).
#[derive(Clone)]
pub struct SignerKeys {
    pub dir: PathBuf,
    pub force_iin: Option<String>,
}

fn error(code: &str, message: &str) -> Value {
    json!({ "status": false, "code": code, "message": message })
}

/// The answer to one request frame.
pub fn answer(keys: &SignerKeys, request: &str) -> Value {
    let Ok(request) = serde_json::from_str::<Value>(request) else {
        return error("INVALID_REQUEST", "not JSON");
    };
    if request["module"] != "kz.gov.pki.knca.basics" || request["method"] != "sign" {
        return json!({ "success": false, "errorCode": "MODULE_NOT_FOUND" });
    }
    let args = &request["args"];
    if args["format"] != "cms" {
        return error("INVALID_SIGNING_PARAMS", "only the cms format is supported");
    }
    let Some(data) = args["data"].as_str() else {
        return error("INVALID_SIGNING_PARAMS", "data is missing");
    };
    let document = if args["signingParams"]["decode"] == true {
        match base64::engine::general_purpose::STANDARD.decode(data) {
            Ok(bytes) => bytes,
            Err(_) => return error("INVALID_SIGNING_PARAMS", "data is not base64"),
        }
    } else {
        data.as_bytes().to_vec()
    };
    let iin = keys
        .force_iin
        .clone()
        .or_else(|| args["signerParams"]["iin"].as_str().map(str::to_owned));
    // Signing in names no IIN (the person is not known yet): the demo's
    // first citizen then, as if she chose her key.
    let iin = iin.unwrap_or_else(|| DEFAULT_IIN.to_owned());
    if iin.len() != 12 || !iin.bytes().all(|b| b.is_ascii_digit()) {
        return error("SIGNING_FAILURE", "signerParams.iin is not an IIN");
    }
    // The key the page asks for by extended key usage: clientAuth is the
    // authentication key, otherwise the signing key.
    let wants_auth = args["signerParams"]["extKeyUsageOids"]
        .as_array()
        .is_some_and(|oids| oids.iter().any(|o| o == "1.3.6.1.5.5.7.3.2"));
    let kind = if wants_auth { "auth" } else { "sign" };
    let pair = match KeyPair::load(&keys.dir, &format!("{iin}-{kind}")) {
        Ok(pair) => pair,
        Err(_) => return error("SIGNING_FAILURE", "no demo key for this IIN"),
    };
    match sign_detached(&document, &pair) {
        Ok(cms) => {
            json!({ "status": true, "body": { "result": [base64::engine::general_purpose::STANDARD.encode(cms)] } })
        }
        Err(e) => error("SIGNING_FAILURE", &e.to_string()),
    }
}

async fn session(mut socket: WebSocket, keys: Arc<SignerKeys>) {
    let greeting = json!({ "result": { "version": "nomir-demo-signer" } }).to_string();
    if socket.send(Message::Text(greeting.into())).await.is_err() {
        return;
    }
    while let Some(Ok(message)) = socket.recv().await {
        let reply = match message {
            Message::Text(text) if text.as_str() == "--heartbeat--" => continue,
            Message::Text(text) => answer(&keys, text.as_str()),
            Message::Close(_) => break,
            _ => continue,
        };
        if socket
            .send(Message::Text(reply.to_string().into()))
            .await
            .is_err()
        {
            break;
        }
    }
}

async fn upgrade(ws: WebSocketUpgrade, State(keys): State<Arc<SignerKeys>>) -> Response {
    ws.on_upgrade(move |socket| session(socket, keys))
}

pub async fn run(addr: SocketAddr, keys: SignerKeys) -> anyhow::Result<()> {
    let app = Router::new()
        .route("/", get(upgrade))
        .with_state(Arc::new(keys));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    tracing::info!(%addr, "demo signer listening (NCALayer protocol, demo keys only)");
    axum::serve(listener, app).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> SignerKeys {
        SignerKeys {
            dir: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("demo-pki")
                .join(crate::demo::pki::CITIZENS_SUBDIR),
            force_iin: None,
        }
    }

    fn sign_request(data: &str, iin: &str) -> String {
        json!({
            "module": "kz.gov.pki.knca.basics", "method": "sign",
            "args": { "format": "cms", "data": data, "signingParams": { "decode": true, "encapsulate": false },
                      "signerParams": { "iin": iin } }
        })
        .to_string()
    }

    #[test]
    fn it_signs_with_the_key_of_the_iin_asked_for() {
        let data = base64::engine::general_purpose::STANDARD.encode(b"document");
        let reply = answer(&keys(), &sign_request(&data, "900515410001"));
        assert_eq!(reply["status"], true);
        assert!(reply["body"]["result"][0]
            .as_str()
            .is_some_and(|s| s.starts_with("MII")));
    }

    #[test]
    fn it_answers_errors_as_ncalayer_does() {
        assert_eq!(answer(&keys(), "nonsense")["status"], false);
        assert_eq!(
            answer(&keys(), r#"{"module":"other","method":"x"}"#)["errorCode"],
            "MODULE_NOT_FOUND"
        );
        assert_eq!(
            answer(&keys(), &sign_request("!!", "900515410001"))["code"],
            "INVALID_SIGNING_PARAMS"
        );
        assert_eq!(
            answer(&keys(), &sign_request("AA==", "123456789012"))["code"],
            "SIGNING_FAILURE"
        );
    }
}

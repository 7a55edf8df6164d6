//! OAuth 2.0 client credentials (RFC 6749 §4.4), as CAMARA's operators
//! grant access to their APIs: a token is asked for with the client's id
//! and secret (HTTP Basic), kept until shortly before it expires, and
//! asked for again when the API says it is no longer good.

use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

use super::super::resilient::Resilient;
use crate::ports::Unavailable;

/// Where and how the client asks for tokens.
#[derive(Clone)]
pub struct ClientCredentials {
    pub token_url: url::Url,
    pub client_id: String,
    /// Never printed.
    pub client_secret: String,
    /// The scopes asked for, space-separated (none: the client's default).
    pub scope: Option<String>,
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"redacted")
            .field("scope", &self.scope)
            .finish()
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    /// Seconds; a server that says nothing gets five minutes.
    expires_in: Option<u64>,
}

/// A token kept no closer to its end than this.
const MARGIN: Duration = Duration::from_secs(30);

pub struct TokenSource {
    credentials: ClientCredentials,
    kept: Mutex<Option<(String, Instant)>>,
}

impl TokenSource {
    pub fn new(credentials: ClientCredentials) -> Self {
        Self {
            credentials,
            kept: Mutex::new(None),
        }
    }

    /// A token good for a while; one request at a time asks for a new one.
    pub async fn token(&self, http: &Resilient) -> Result<String, Unavailable> {
        let mut kept = self.kept.lock().await;
        if let Some((token, until)) = kept.as_ref() {
            if Instant::now() + MARGIN < *until {
                return Ok(token.clone());
            }
        }
        let c = &self.credentials;
        let mut form = vec![("grant_type", "client_credentials")];
        if let Some(scope) = &c.scope {
            form.push(("scope", scope));
        }
        let answer = http
            .send(|client| {
                client
                    .post(c.token_url.clone())
                    .basic_auth(&c.client_id, Some(&c.client_secret))
                    .form(&form)
            })
            .await?;
        if !answer.status().is_success() {
            return Err(http.unavailable(format!(
                "the token endpoint answered {} (check the client's id and secret)",
                answer.status()
            )));
        }
        let token: TokenAnswer = answer
            .json()
            .await
            .map_err(|e| http.unavailable(format!("the token answer is not valid: {e}")))?;
        // At most a day, whatever the server says (and no overflow).
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(300).min(86_400));
        *kept = Some((token.access_token.clone(), Instant::now() + lifetime));
        Ok(token.access_token)
    }

    /// Forgets the token the API refused.
    pub async fn forget(&self, refused: &str) {
        let mut kept = self.kept.lock().await;
        if kept.as_ref().is_some_and(|(t, _)| t == refused) {
            *kept = None;
        }
    }
}

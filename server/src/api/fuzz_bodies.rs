//! Every request body the JSON API reads, read from given bytes through the
//! extractors its handlers use. The body types are private to their
//! handlers, so the fuzz target `api_bodies` (in `fuzz/`) reaches them
//! through this one function; it is compiled only for fuzzing.

use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::Method;
use serde::de::DeserializeOwned;

use super::app_sign_in::SessionRequest;
use super::bank::{BankBiometrics, BankCode, BankRequest};
use super::binding_requests::{BiometricsEntry, CodeEntry, NewRequest, SignatureEntry};
use super::body::{ApiForm, ApiJson};
use super::certificates::CertificateRequest;
use super::complaints::NewComplaint;
use super::notifications::NewNotification;
use super::problem::Problem;
use super::token::TokenRequest;

/// A POST of `bytes`, as the handlers receive one.
fn request(bytes: &[u8], media_type: &str) -> Request {
    Request::builder()
        .method(Method::POST)
        .header(CONTENT_TYPE, media_type)
        .body(Body::from(bytes.to_vec()))
        .expect("a request from bytes")
}

/// The status of the problem answered, if the body is refused.
fn refusal<T>(read: Result<T, Problem>) -> Option<u16> {
    read.err().map(|p| p.body().status)
}

async fn json<T: DeserializeOwned>(bytes: &[u8]) -> Option<u16> {
    refusal(ApiJson::<T>::from_request(request(bytes, "application/json"), &()).await)
}

/// Reads `bytes` as each JSON body and as the token endpoint's form: for
/// each, the status of the problem it is refused with (`None`: taken).
pub async fn read_every_body(bytes: &[u8]) -> Vec<Option<u16>> {
    let form = request(bytes, "application/x-www-form-urlencoded");
    vec![
        json::<SessionRequest>(bytes).await,
        json::<BankRequest>(bytes).await,
        json::<BankCode>(bytes).await,
        json::<BankBiometrics>(bytes).await,
        json::<NewRequest>(bytes).await,
        json::<CodeEntry>(bytes).await,
        json::<BiometricsEntry>(bytes).await,
        json::<SignatureEntry>(bytes).await,
        json::<CertificateRequest>(bytes).await,
        json::<NewComplaint>(bytes).await,
        json::<NewNotification>(bytes).await,
        refusal(ApiForm::<TokenRequest>::from_request(form, &()).await),
    ]
}

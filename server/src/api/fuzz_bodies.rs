//! Every request body the JSON API reads, read from given bytes through the
//! extractors its handlers use. The body types are private to their
//! handlers, so the fuzz target `api_bodies` (in `fuzz/`) reaches them
//! through this one function.

use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::de::DeserializeOwned;

use super::app_sign_in::SessionRequest;
use super::bank::{BankBiometrics, BankCode, BankRequest};
use super::binding_requests::{BiometricsEntry, CodeEntry, NewRequest, SignatureEntry};
use super::body::{ApiForm, ApiJson};
use super::certificates::CertificateRequest;
use super::complaints::NewComplaint;
use super::notifications::NewNotification;
use super::token::TokenRequest;

fn request(bytes: &[u8], media_type: &str) -> Request {
    Request::builder()
        .header(CONTENT_TYPE, media_type)
        .body(Body::from(bytes.to_vec()))
        .expect("a request from bytes")
}

async fn json<T: DeserializeOwned>(bytes: &[u8]) -> bool {
    ApiJson::<T>::from_request(request(bytes, "application/json"), &())
        .await
        .is_ok()
}

/// Reads `bytes` as each JSON body and as the token endpoint's form, and
/// says how many took them. A body that none takes is a problem answer
/// (4xx) in the API; this never panics, whatever the bytes.
pub async fn read_every_body(bytes: &[u8]) -> usize {
    let form = request(bytes, "application/x-www-form-urlencoded");
    let taken = [
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
        ApiForm::<TokenRequest>::from_request(form, &())
            .await
            .is_ok(),
    ];
    taken.into_iter().filter(|&t| t).count()
}

//! A call on behalf of a citizen signed in to the client's app with EDS:
//! the client's bearer token and the citizen's session token
//! (`X-Citizen-Token`), which belongs to that client only.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::caller::ApiCall;
use super::problem::Problem;
use crate::common::AppState;
use crate::domain::Iin;
use crate::services::app_sign_in;
use nomir_core::api_problem::ApiProblem;

pub const CITIZEN_TOKEN: &str = "x-citizen-token";

pub struct CitizenCall {
    pub call: ApiCall,
    pub iin: Iin,
}

impl FromRequestParts<AppState> for CitizenCall {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let call = ApiCall::from_request_parts(parts, state).await?;
        let token = parts
            .headers
            .get(CITIZEN_TOKEN)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        match app_sign_in::citizen(&state.ports, &call.caller.client.id, token).await {
            Ok(Some(iin)) => Ok(Self { call, iin }),
            Ok(None) => Err(Problem::new(ApiProblem::NotSignedIn, call.lang)),
            Err(e) => Err(Problem::internal(call.lang, &e)),
        }
    }
}

//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{client, problem, token};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Nomir API",
        description = "Binding a citizen's mobile number to their e-government account, for the \
                       e-government mobile app and banks' apps. Every error is an RFC 9457 problem \
                       (`application/problem+json`) whose `detail` follows `Accept-Language` \
                       (kk by default, ru, en). Every response carries `X-Request-Id`.",
        version = "1"
    ),
    paths(token::issue, client::show),
    components(schemas(problem::ProblemBody, token::TokenRequest, token::TokenResponse, client::ClientView)),
    modifiers(&Security),
    tags((name = "auth", description = "Client credentials and tokens"))
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "client_basic",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn document() -> impl IntoResponse {
    let json = ApiDoc::openapi().to_json().unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], json)
}

//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    app_sign_in, bank, binding_requests, certificates, client, complaints, notifications, problem,
    token, views,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Nomir API",
        description = "Binding a citizen's mobile number to their e-government account, for the \
                       e-government mobile app and banks' apps, and notifications from state \
                       services to the bound number. Every error is an RFC 9457 problem \
                       (`application/problem+json`) whose `detail` follows `Accept-Language` \
                       (kk by default, ru, en). Every response carries `X-Request-Id`. Every POST \
                       takes an `Idempotency-Key` (1 to 255 characters, kept a day per client): \
                       the same key with the same request gets the first answer again \
                       (`Idempotent-Replayed: true`), with another request a 422, and while the \
                       first call runs a 409.",
        version = "1"
    ),
    paths(
        token::issue,
        client::show,
        app_sign_in::challenge,
        app_sign_in::session,
        certificates::issue,
        binding_requests::start,
        binding_requests::show,
        binding_requests::code,
        binding_requests::resend,
        binding_requests::biometrics,
        binding_requests::signature,
        binding_requests::binding,
        complaints::file,
        complaints::list,
        complaints::show,
        complaints::officials,
        bank::start,
        bank::show,
        bank::code,
        bank::biometrics,
        bank::permissions,
        notifications::send,
        notifications::purposes,
    ),
    components(schemas(
        problem::ProblemBody,
        token::TokenRequest,
        token::TokenResponse,
        client::ClientView,
        app_sign_in::ChallengeView,
        app_sign_in::SessionRequest,
        certificates::CertificateRequest,
        certificates::CertificateView,
        app_sign_in::SessionView,
        binding_requests::NewRequest,
        binding_requests::CodeEntry,
        binding_requests::BiometricsEntry,
        binding_requests::SignatureEntry,
        complaints::NewComplaint,
        complaints::ComplaintView,
        complaints::ComplaintsView,
        complaints::OfficialView,
        binding_requests::ProfileView,
        views::RequestView,
        views::CodeView,
        views::EndingView,
        views::BindingView,
        bank::BankRequest,
        bank::PermissionAsk,
        bank::BankView,
        bank::PermissionView,
        bank::PermissionsView,
        bank::BankCode,
        bank::BankBiometrics,
        notifications::NewNotification,
        notifications::NotificationView,
        notifications::PurposeView,
    )),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Client credentials and tokens"),
        (name = "state service", description = "State bodies' systems: notifications to a citizen's bound number, for a purpose from the configured list; the answer never reveals the number"),
        (name = "bank", description = "Banks' apps: the permission to view the citizen's digital documents, binding the bank's number where the state's differs (Rules §7)"),
        (name = "mobile app", description = "The e-government mobile app: EDS sign-in, then binding with the SMS code and biometrics, and a change of number with the code, biometrics and EDS (Rules §6, §8)")
    )
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

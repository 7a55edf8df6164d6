//! The JSON API's problems (RFC 9457): each has a stable `type`, a status,
//! an English title, and a detail translated in `Texts::problem_detail`
//! (an exhaustive match per language), chosen by `Accept-Language`.

/// What went wrong with an API call, as the client can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiProblem {
    /// RFC 6749 §5.2: unknown client, wrong secret, or a revoked client.
    InvalidClient,
    /// The request is malformed: a missing or unknown field, a wrong type.
    InvalidRequest,
    /// RFC 6749 §5.2: only `client_credentials` is offered.
    UnsupportedGrantType,
    /// RFC 6749 §5.2: a scope that is unknown or not the client's.
    InvalidScope,
    /// RFC 6750 §3.1: a missing, unknown, expired or revoked token.
    InvalidToken,
    /// RFC 6750 §3.1: the token lacks the scope this call needs.
    InsufficientScope,
    /// A citizen's call without a live session with the app (`X-Citizen-Token`).
    NotSignedIn,
    /// The client's calls per minute are used up.
    RateLimited,
    NotFound,
    MethodNotAllowed,
    /// The body is not of the media type the operation takes.
    UnsupportedMediaType,
    PayloadTooLarge,
    /// Too many calls at once for the secret checks; retry shortly.
    Busy,
    /// A sign-in challenge that is unknown, another client's, used or expired.
    ChallengeUnusable,
    /// The EDS over the sign-in challenge does not verify.
    SignatureInvalid,
    /// The signer has no e-government account.
    NoAccount,
    /// An outside system (the biometric provider, a register) cannot be reached.
    Unavailable,
    /// A certificate request (PKCS#10) that is malformed, or whose
    /// self-signature does not verify.
    CertificateRequestInvalid,
    /// The biometric assertion does not authenticate this citizen for this challenge.
    BiometricsFailed,
    /// The identity register does not confirm a living person with a valid document.
    NotConfirmed,
    /// Appendix row 7: the service is paused for an announced maintenance
    /// window; `Retry-After` says when it ends.
    Maintenance,
    /// The `Idempotency-Key` was used with another request.
    IdempotencyKeyReused,
    /// A call with this `Idempotency-Key` is still running.
    IdempotencyInProgress,
    /// A call that must carry an `Idempotency-Key` (a notification) has none.
    IdempotencyKeyRequired,
    /// A notification's text is empty, too long, or holds control characters.
    NotificationTextInvalid,
    /// A notification's text holds a link, and the client may not send links.
    LinksNotAllowed,
    /// A notification's purpose is not in the configured list.
    PurposeUnknown,
    /// The citizen has received as many notifications as the limits allow
    /// for now; `Retry-After` says when the next may go.
    CitizenRateLimited,
    /// Our own fault; the log has it under the request id.
    Internal,
}

impl ApiProblem {
    pub const ALL: [ApiProblem; 29] = [
        Self::InvalidClient,
        Self::InvalidRequest,
        Self::UnsupportedGrantType,
        Self::InvalidScope,
        Self::InvalidToken,
        Self::InsufficientScope,
        Self::NotSignedIn,
        Self::RateLimited,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::UnsupportedMediaType,
        Self::PayloadTooLarge,
        Self::Busy,
        Self::ChallengeUnusable,
        Self::SignatureInvalid,
        Self::NoAccount,
        Self::Unavailable,
        Self::CertificateRequestInvalid,
        Self::BiometricsFailed,
        Self::NotConfirmed,
        Self::Maintenance,
        Self::IdempotencyKeyReused,
        Self::IdempotencyInProgress,
        Self::IdempotencyKeyRequired,
        Self::NotificationTextInvalid,
        Self::LinksNotAllowed,
        Self::PurposeUnknown,
        Self::CitizenRateLimited,
        Self::Internal,
    ];

    /// The stable part of the `type` URI, and the OAuth `error` code where
    /// one exists.
    pub fn slug(self) -> &'static str {
        match self {
            Self::InvalidClient => "invalid_client",
            Self::InvalidRequest => "invalid_request",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::InvalidScope => "invalid_scope",
            Self::InvalidToken => "invalid_token",
            Self::InsufficientScope => "insufficient_scope",
            Self::NotSignedIn => "not_signed_in",
            Self::RateLimited => "rate_limited",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::PayloadTooLarge => "payload_too_large",
            Self::Busy => "busy",
            Self::ChallengeUnusable => "challenge_unusable",
            Self::SignatureInvalid => "signature_invalid",
            Self::NoAccount => "no_account",
            Self::Unavailable => "unavailable",
            Self::Maintenance => "maintenance",
            Self::CertificateRequestInvalid => "certificate_request_invalid",
            Self::BiometricsFailed => "biometrics_failed",
            Self::NotConfirmed => "not_confirmed",
            Self::IdempotencyKeyReused => "idempotency_key_reused",
            Self::IdempotencyInProgress => "idempotency_in_progress",
            Self::IdempotencyKeyRequired => "idempotency_key_required",
            Self::NotificationTextInvalid => "notification_text_invalid",
            Self::LinksNotAllowed => "links_not_allowed",
            Self::PurposeUnknown => "purpose_unknown",
            Self::CitizenRateLimited => "citizen_rate_limited",
            Self::Internal => "internal",
        }
    }

    /// The problem's `type`: a URI reference under the API, one per problem.
    pub fn type_uri(self) -> String {
        format!("/api/v1/problems/{}", self.slug())
    }

    pub fn status(self) -> u16 {
        match self {
            Self::InvalidRequest
            | Self::UnsupportedGrantType
            | Self::InvalidScope
            | Self::ChallengeUnusable
            | Self::SignatureInvalid
            | Self::CertificateRequestInvalid => 400,
            Self::BiometricsFailed => 401,
            Self::NotConfirmed => 403,
            Self::NoAccount => 403,
            Self::InvalidClient | Self::InvalidToken | Self::NotSignedIn => 401,
            Self::InsufficientScope => 403,
            Self::NotFound => 404,
            Self::IdempotencyInProgress => 409,
            Self::IdempotencyKeyReused
            | Self::NotificationTextInvalid
            | Self::LinksNotAllowed
            | Self::PurposeUnknown => 422,
            Self::IdempotencyKeyRequired => 428,
            Self::CitizenRateLimited => 429,
            Self::MethodNotAllowed => 405,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Busy | Self::Unavailable | Self::Maintenance => 503,
        }
    }

    /// A short English summary, the same for every occurrence (RFC 9457 §3.1.4).
    pub fn title(self) -> &'static str {
        match self {
            Self::InvalidClient => "Client authentication failed",
            Self::InvalidRequest => "The request is malformed",
            Self::UnsupportedGrantType => "Unsupported grant type",
            Self::InvalidScope => "Invalid scope",
            Self::InvalidToken => "Invalid access token",
            Self::InsufficientScope => "Insufficient scope",
            Self::NotSignedIn => "The citizen is not signed in",
            Self::RateLimited => "Too many calls",
            Self::NotFound => "Not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::PayloadTooLarge => "Request body too large",
            Self::Busy => "Busy",
            Self::ChallengeUnusable => "The sign-in challenge cannot be used",
            Self::SignatureInvalid => "The signature is not valid",
            Self::NoAccount => "No e-government account",
            Self::Unavailable => "A system the service needs is unavailable",
            Self::Maintenance => "The service is paused for maintenance",
            Self::CertificateRequestInvalid => "The certificate request is not valid",
            Self::BiometricsFailed => "Biometric authentication failed",
            Self::NotConfirmed => "The identity register does not confirm the person",
            Self::IdempotencyKeyReused => "The idempotency key was used with another request",
            Self::IdempotencyInProgress => "A call with this idempotency key is still running",
            Self::IdempotencyKeyRequired => "An Idempotency-Key header is required",
            Self::NotificationTextInvalid => "The notification's text is not valid",
            Self::LinksNotAllowed => "This client may not send links",
            Self::PurposeUnknown => "Unknown notification purpose",
            Self::CitizenRateLimited => "The citizen's notification limit is reached",
            Self::Internal => "Internal error",
        }
    }
}

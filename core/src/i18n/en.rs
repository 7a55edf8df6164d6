use super::Texts;
use crate::api_problem::ApiProblem;
use crate::end_reason::EndReason;
use crate::wire::{DocumentKindView, PermissionState, UseChannel};

pub const TEXTS: Texts = Texts {
    service_name: "Nomir",
    tagline: "Your mobile number on the e-government portal",
    skip_to_content: "Skip to main content",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_cabinet: "My cabinet",
    nav_demo_phone: "Demo phone",
    sign_out: "Sign out",
    lang_switch_label: "Language",
    demo_banner: "Demo mode: every person, number and message here is fictional.",
    demo_clock_moved: "The demo clock has been moved forward (minutes):",

    home_title: "Register your mobile number on the e-government portal",
    home_intro: "Bind the mobile number your operator provided to your portal account to receive one-time codes, notifications and digital documents on your phone.",
    home_steps_title: "How it works",
    home_steps: [
        "Sign in to the portal.",
        "In your cabinet, enter your mobile number and press \u{201c}Get verification code\u{201d}.",
        "Enter the code from the SMS and certify the request with your electronic signature.",
        "Your number is checked automatically and bound to your account.",
    ],
    home_facts_title: "Good to know",
    home_facts: [
        "The service is free and fully automated.",
        "It takes no more than 10 minutes.",
        "Available around the clock, except for maintenance breaks.",
    ],
    home_cta_sign_in: "Sign in to start",
    home_cta_cabinet: "Go to my cabinet",

    sign_in_title: "Sign in",
    iin_label: "IIN",
    iin_hint: "12 digits of your individual identification number",
    password_label: "Password",
    sign_in_button: "Sign in",
    demo_accounts_hint: "Demo accounts: any IIN of the demo dataset, for example 900515410001, with the password demo-pass-2026.",
    err_credentials: "The IIN or password is wrong.",
    err_locked: "Too many failed attempts. Please wait a few minutes and try again.",
    err_busy: "Too many people are signing in right now. Please try again in a minute.",
    err_iin_empty: "Enter your IIN.",
    err_iin_digits: "The IIN may contain digits only.",
    err_iin_length: "The IIN has exactly 12 digits.",
    err_iin_check: "This IIN has a typo: its check digit does not match. Please check the number.",
    err_iin_bin: "This is a business identification number (BIN). The service is for individuals: enter your personal IIN.",
    err_password_empty: "Enter your password.",
    err_malformed: "The form could not be read. Please fill it in again.",
    err_unexpected: "Something went wrong on our side. Please try again later or call 1414.",
    signed_out: "You have signed out.",

    cabinet_title: "My cabinet",
    cabinet_person: "Account holder",
    cabinet_name: "Name",
    cabinet_iin: "IIN",
    cabinet_number_title: "Mobile number",
    cabinet_number: "Bound number",
    cabinet_no_number: "No number bound",
    cabinet_operator: "Operator",
    cabinet_bound_at: "Bound on",
    history_title: "Binding history",
    history_empty: "No numbers have been bound to this account yet.",
    history_until: "until",
    history_current: "current",
    history_reassigned: "ended: the operator reassigned the number",
    not_signed_in: "Please sign in to open your cabinet.",
    loading: "Loading\u{2026}",

    demo_phone_title: "Demo phone",
    demo_phone_intro: "Text messages the service sends in demo mode arrive here, grouped by number.",
    demo_phone_empty: "No messages yet.",
    demo_phone_unavailable: "The demo phone exists only in demo mode.",
    demo_phone_received: "Received",

    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. Check the address or go to the home page.",

    footer_provider_label: "Service provider",
    footer_provider: "Ministry of Digital Development, Innovation and Aerospace Industry of the Republic of Kazakhstan",
    footer_contact_label: "Contact centre",
    footer_contact: "1414, 8-800-080-7777 (free of charge)",
    footer_free: "The public service is free of charge.",

    number_title_bind: "Bind a mobile number",
    number_title_change: "Change the number",
    number_label: "Mobile number",
    number_hint: "For example: +7 701 234 56 78 or 8 701 234 56 78",
    consent_label: "I consent to access to my restricted personal data needed to provide the public service",
    consent_hint: "Without consent the number cannot be bound (Article 8 of the Law on personal data and their protection). You can revoke consent at any time.",
    get_code_button: "Get verification code",
    consent_title: "Consent to personal data",
    consent_given: "Consent given on",
    consent_none: "No consent given.",
    consent_revoke: "Revoke consent",
    consent_revoked: "Consent revoked.",
    request_title: "Confirm the number",
    request_number: "Number",
    open_request_text: "You have a request in progress for the number",
    open_request_continue: "Continue the request",
    request_term: "The request ends at",
    code_label: "Code from the SMS",
    code_hint: "6 digits",
    code_submit: "Confirm",
    code_valid_until: "The code is valid until",
    tries_left: "Tries left",
    resend_button: "Send a new code",
    resend_after: "A new code can be requested at",
    sign_title: "Certify with your EDS",
    sign_intro: "The code is confirmed. Now certify the request with your electronic digital signature (NCALayer).",
    in_app_title: "Continue in the app",
    at_bank_title: "Continue in your bank's app",
    at_bank_text: "This request was started by your bank: in the bank's app, enter the code and pass the biometric authentication. The permission the bank asked for takes effect only after that.",
    in_app_text: "This change of number was started in an app: pass the biometric authentication there. Then sign the request with your EDS, in the app or here.",
    sign_button: "Sign with EDS",
    signing: "Signing…",
    signer_cancelled: "Signing was cancelled.",
    signer_failed: "NCALayer could not sign",
    result_bound_title: "The number is bound",
    result_bound_text: "The number is now bound to your account.",
    result_refused_title: "The public service was refused",
    result_reason: "Reason",
    result_basis: "Legal basis",
    result_not_performed_title: "The public service was not performed",
    maint_upcoming_title: "Scheduled maintenance break",
    maint_paused_title: "The service is paused for maintenance",
    maint_from: "Starts",
    maint_until: "Ends",
    maint_time_zone: "Astana time (UTC+5)",
    maint_kept: "No actions can be taken during the break. Requests already started are not lost: their term is extended by the break.",
    maint_schedule_title: "Scheduled maintenance breaks",
    maint_schedule_empty: "No breaks are announced.",
    result_requirement: "What the Rules require",
    result_nothing_bound: "Nothing was bound. You can check your details and make a new request.",
    result_contact: "Questions: contact centre 1414, 8-800-080-7777.",
    result_expired_title: "The request has expired",
    result_expired_text: "The request was not completed within 10 minutes. Nothing was bound; please start again.",
    result_withdrawn_title: "The request was replaced by a newer one",
    result_withdrawn_text: "A newer request was started for this account, so this one ended and its code no longer works. Nothing was bound by it. Continue with the newer request, or start again from the cabinet.",
    back_to_cabinet: "Back to my cabinet",
    request_not_found: "There is no such request.",
    err_number_empty: "Enter your mobile number.",
    err_number_chars: "A number may contain only digits, spaces, brackets, dashes and a leading +.",
    err_number_length: "A Kazakh mobile number has 10 digits after +7 or 8.",
    err_number_foreign: "This is not a Kazakh number. Enter a Kazakh mobile number.",
    err_number_landline: "This is a landline. Enter a mobile number.",
    err_number_not_mobile: "This number is not in a Kazakh mobile range.",
    err_already_bound: "This number is already bound to your account.",
    err_too_soon: "Codes were requested too often. Please wait and try again.",
    err_sms_unavailable: "The SMS could not be sent. Please try again later.",
    err_number_not_yours: "Your mobile operator does not have this number registered in your name, so no code was sent to it. Enter a number registered to you, or contact your operator.",
    err_sim_swapped: "The SIM card of this number was replaced less than {hours} hours ago. To protect you from anyone who may have taken over the number, no code is sent to it for {hours} hours after a SIM change. Please try again once that time has passed. If you did not replace the SIM card, contact your mobile operator at once.",
    err_operator_unavailable: "The mobile operators' registry cannot be reached just now; nothing was sent. Please try again later.",
    err_open_elsewhere: "The citizen has a request open in another channel, which a bank may not interrupt. Try again once it has ended.",
    err_code_empty: "Enter the code from the SMS.",
    err_code_malformed: "The code has 6 digits.",
    err_code_wrong: "The code is wrong.",
    err_code_expired: "The code has expired. Request a new one.",
    err_step: "This step is not possible now.",
    error_title: "There is a problem",
    err_not_signed_in: "Your session has ended or you have not signed in. Please sign in again.",
    err_signature_check_unavailable: "The signature could not be checked right now. Please try again in a few minutes.",
    err_wrong_key_sign: "This is your authentication key (AUTH). To certify a request, choose your signing key: in NCALayer, the certificate whose name starts with RSA or GOST (not AUTH_RSA or AUTH_GOST).",
    err_wrong_key_auth: "This is your signing key. To sign in, choose your authentication key: in NCALayer, the certificate whose name starts with AUTH_RSA or AUTH_GOST.",
    err_legal_entity_key: "This is an organisation's key (issued to you as its employee). Choose your own key as an individual.",
    err_too_large: "The form is too large. Please fill it in again.",
    err_unreachable: "The service could not be reached. Check your internet connection and try again.",
    page_cross_site: "The request came from another site and was refused.",
    page_unknown_language: "There is no such language. Choose Kazakh, Russian or English.",
    page_demo_clock_step: "The demo clock moves 1 to 1440 minutes at a time, and at most 30 days in total.",
    page_home_link: "Home page",
    sms_code: "Confirmation code",
    sms_keep_secret: "Do not tell anyone.",
    sms_number_unbound: "this number is no longer bound to your e-gov account: another number was bound. If it was not you, call 1414.",
    sign_needs_script: "Signing with your EDS needs JavaScript turned on in the browser and NCALayer running on your computer. Turn on JavaScript, start NCALayer (you can download it from pki.gov.kz), then reload this page. The request stays open until the time shown above.",
    code_sent_status: "A verification code was sent by SMS.",
    sms_delayed: "The SMS is delayed: the operator has not taken it yet. We keep trying; keep this page open.",
    sms_not_delivered: "The SMS could not be delivered. Ask for a new code.",
    new_code_sent: "A new code was sent.",
    ground_reason: reason,
    ground_basis: basis,
    complaints: &super::complaints::EN,
    eds: &super::eds::EN,
    err_sign_in_code_gone: "This sign-in is over: its code expired, was used, or the number changed. Sign in again.",
    err_needs_number: "To turn on sign-in with an SMS code, bind a number first.",
    err_no_number_to_sign_in: "Your sign-in is protected by a code to your number, but no number is bound now. Sign in with your EDS.",
    err_purpose_unknown: "There is no such kind of notification, or it cannot be turned off.",
    problem_detail,
    err_permission_not_found: "There is no such permission, or it is revoked already.",
    api_docs_title: "Nomir API documentation",
    api_docs_intro: "The JSON API for the eGov mobile app and banks' apps.",
    api_docs_download: "Download the OpenAPI 3.1 document",
    api_docs_operations: "Operations",
    api_docs_request_body: "Request body",
    api_docs_responses: "Responses",
    uses_title: "Where your account was used",
    uses_intro: "Every channel that started binding or changing your number.",
    uses_none: "No requests yet.",
    uses_channel: "Channel",
    uses_requests: "Requests",
    uses_bound: "Bound",
    uses_last: "Latest",
    perms_title: "Permissions to view your documents",
    perms_intro: "Banks see your digital documents only with your permission. You can revoke it at any time: the bank sees that at once.",
    perms_none: "No bank has a permission.",
    perm_bank: "Bank",
    perm_documents: "Documents",
    perm_granted: "Granted",
    perm_expires: "Until",
    perm_state: "State",
    perm_revoke: "Revoke the permission",
    perm_revoked: "The permission is revoked.",
    use_channel,
    document_kind,
    permission_state,
};

fn reason(g: EndReason) -> &'static str {
    match g {
        EndReason::IdentityNotFound => {
            "The national register of individuals holds no record of your IIN."
        }
        EndReason::IdentityDocumentInvalid => {
            "The register holds no valid identity document of yours: it has expired or is invalid."
        }
        EndReason::PersonDeceased => "The register records the holder of this IIN as deceased.",
        EndReason::ConsentMissing => "No consent was given to access restricted personal data.",
        EndReason::OperatorDoesNotConfirm => {
            "The mobile operator did not confirm that this number is registered to you."
        }
        EndReason::NumberTakenMeanwhile => {
            "While this request was open, the number was bound to another citizen's account with the mobile operator's confirmation."
        }
        EndReason::CodeNotConfirmed => "The one-time password was not confirmed.",
        EndReason::BiometricsFailed => "Biometric authentication failed.",
        EndReason::SignatureInvalid => {
            "The request was not certified with a valid electronic digital signature."
        }
        EndReason::TermExpired => {
            "The request was not completed within 10 minutes and has expired."
        }
    }
}

fn basis(g: EndReason) -> &'static str {
    match g {
        EndReason::ConsentMissing => "Appendix to the Rules approved by order No. 58 (the procedure for providing the public service), row 9, ground 2: Article 8 of the Law of the Republic of Kazakhstan on personal data and their protection",
        EndReason::OperatorDoesNotConfirm | EndReason::NumberTakenMeanwhile => "Rules, paragraph 1: the subscriber number bound is the one the mobile operator provides to the citizen",
        EndReason::CodeNotConfirmed | EndReason::BiometricsFailed => "Rules, paragraph 9",
        EndReason::SignatureInvalid => "Rules, paragraph 5.2; appendix to the Rules (the procedure for providing the public service), row 8",
        EndReason::TermExpired => "Appendix to the Rules approved by order No. 58 (the procedure for providing the public service), row 3: the service term is 10 minutes",
        EndReason::IdentityNotFound | EndReason::IdentityDocumentInvalid | EndReason::PersonDeceased => "Appendix to the Rules approved by order No. 58 (the procedure for providing the public service), row 9, ground 1: the Laws of the Republic of Kazakhstan on identity documents and on the national registers of identification numbers",
    }
}

fn problem_detail(p: ApiProblem) -> &'static str {
    match p {
        ApiProblem::InvalidClient => "The client could not be authenticated: check its id and secret, or the client has been revoked.",
        ApiProblem::InvalidRequest => "The request is malformed: check its fields, their types and the required ones against the documentation.",
        ApiProblem::UnsupportedGrantType => "Only the client_credentials grant type is supported.",
        ApiProblem::InvalidScope => "The scope asked for is unknown or not granted to this client.",
        ApiProblem::InvalidToken => "The access token is missing, unknown, expired or revoked: get a new token.",
        ApiProblem::InsufficientScope => "This token does not have the scope this operation needs.",
        ApiProblem::RateLimited => "The client's calls per minute are used up: retry after the time in the Retry-After header.",
        ApiProblem::NotFound => "There is no such API resource.",
        ApiProblem::MethodNotAllowed => "This resource does not accept this HTTP method.",
        ApiProblem::UnsupportedMediaType => "The request body's media type does not suit this operation (check Content-Type).",
        ApiProblem::PayloadTooLarge => "The request body is too large.",
        ApiProblem::Busy => "The service is busy: retry shortly.",
        ApiProblem::NotSignedIn => "The citizen is not signed in to this app, or the session has ended: sign in with EDS again and send the new X-Citizen-Token.",
        ApiProblem::Internal => "An internal error of the service. Give support the request id (X-Request-Id).",
        ApiProblem::ChallengeUnusable => "The sign-in challenge is unknown, another client's, used already or expired: ask for a new one.",
        ApiProblem::SignatureInvalid => "The EDS over the challenge is not valid: sign again with the citizen's valid key.",
        ApiProblem::NoAccount => "The signer has no account on the e-government portal.",
        ApiProblem::CertificateRequestInvalid => "The certificate request (PKCS#10) is malformed, or its signature does not verify with its own key, or its algorithm is not accepted (RSA, ECDSA P-256, GOST R 34.10-2015).",
        ApiProblem::BiometricsFailed => "Biometric authentication failed: take a new assertion for this challenge and this citizen.",
        ApiProblem::NotConfirmed => "The identity register does not confirm a living person with a valid identity document under this IIN: no certificate is issued.",
        ApiProblem::Maintenance => "The service is paused for a scheduled maintenance break: retry when it ends (Retry-After). Requests already started are not lost: their term is extended by the break.",
        ApiProblem::Unavailable => "A system the service needs (the biometric provider or a register) is unavailable now: retry later.",
        ApiProblem::IdempotencyKeyReused => "This Idempotency-Key was used with another request: a new request needs a new key.",
        ApiProblem::IdempotencyInProgress => "A call with this Idempotency-Key is still running: retry shortly.",
        ApiProblem::IdempotencyKeyRequired => "A notification is sent with an Idempotency-Key header: give each notification its own key and retry with the same key.",
        ApiProblem::NotificationTextInvalid => "The notification's text is not valid: the kk and ru texts must not be empty, at most 160 characters each, and without control characters.",
        ApiProblem::LinksNotAllowed => "This client may not send links in notifications: remove the link.",
        ApiProblem::PurposeUnknown => "The notification's purpose is not in the configured list: see /api/v1/notification-purposes.",
        ApiProblem::CitizenRateLimited => "The citizen's notification limit is reached: retry after the time in Retry-After.",
    }
}

fn use_channel(c: UseChannel) -> &'static str {
    match c {
        UseChannel::Portal => "The e-government portal",
        UseChannel::MobileApp => "The eGov mobile app",
        UseChannel::Bank => "A bank's app",
    }
}

fn document_kind(k: DocumentKindView) -> &'static str {
    match k {
        DocumentKindView::IdentityCard => "identity card",
        DocumentKindView::Passport => "passport",
        DocumentKindView::DriverLicence => "driving licence",
        DocumentKindView::VehicleRegistration => "vehicle registration certificate",
    }
}

fn permission_state(s: PermissionState) -> &'static str {
    match s {
        PermissionState::Pending => "waiting for the binding to finish",
        PermissionState::InForce => "in force",
        PermissionState::Revoked => "revoked",
        PermissionState::Expired => "expired",
        PermissionState::NotGranted => "not granted: no number was bound",
    }
}

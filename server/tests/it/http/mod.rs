//! The portal over HTTP: pages, forms, cookies and the answers to bad input.

use crate::support;

use app::error::PortalError;
use app::server_fns::{
    CertifyRequest, ConfirmCode, RequestCode, ResendCode, RevokeConsent, SignIn, SignOut,
};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use support::portal::{location, set_cookie, App};

mod procedure_pages;

#[tokio::test]
async fn the_home_page_is_kazakh_by_default_and_follows_the_language_cookie() {
    let app = App::spawn().await;
    let kk = app.get("/", None).await;
    assert_eq!(kk.status(), StatusCode::OK);
    let csp = kk
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("'nonce-"), "{csp}");
    let html = kk.text().await.unwrap();
    assert!(html.contains(r#"<html lang="kk""#), "{html}");
    assert!(html.contains("Тексеру кодын алу"));
    assert!(html.contains("1414, 8-800-080-7777"));
    let ru = app
        .get("/", Some("nomir_lang=ru"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ru.contains(r#"<html lang="ru""#) && ru.contains("Получить код проверки"));
    let en = app
        .get("/", Some("nomir_lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(en.contains(r#"<html lang="en""#) && en.contains("Get verification code"));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_goes_back() {
    let app = App::spawn().await;
    let r = app.get("/lang/en?next=/sign-in", None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/sign-in");
    let cookie = set_cookie(&r);
    assert!(
        cookie.starts_with("nomir_lang=en")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
    let r = app.get("/lang/en?next=//evil.example", None).await;
    assert_eq!(location(&r), "/");
    let r = app.get("/lang/de", None).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Мұндай тіл жоқ"));
    let r = app
        .get("/lang/%3Cscript%3E?next=%ZZ", Some("nomir_lang=ru"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Такого языка нет"));
}

#[tokio::test]
async fn a_demo_citizen_signs_in_sees_the_cabinet_and_signs_out() {
    let app = App::spawn().await;
    let r = app
        .sign_in("iin=900515410001&password=demo-pass-2026")
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(location(&r), "/cabinet");
    let cookie = set_cookie(&r);
    for attr in [
        "nomir_session=",
        "HttpOnly",
        "Secure",
        "SameSite=Lax",
        "Path=/",
    ] {
        assert!(cookie.contains(attr), "{attr} missing in {cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_owned();
    let html = app.follow(&r, &session).await;
    assert!(html.contains("Сапарова Әйгерім"), "{html}");
    assert!(html.contains("9005******01"));
    assert!(
        !html.contains("900515410001"),
        "the whole IIN must not be shown"
    );
    assert!(html.contains("Нөмір қосылмаған"));
    assert!(html.contains("Бұл есептік жазбаға әлі нөмір қосылмаған"));
    let r = app.form(SignOut::PATH, &session, "", "/cabinet").await;
    assert_eq!(location(&r), "/sign-in?signed_out=1");
    assert!(set_cookie(&r).contains("Max-Age=0"));
    let r = app.get("/cabinet", Some(&session)).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(location(&r), "/sign-in");
    // The ended session is refused by every action, as the WASM sees it.
    let (status, error) = app.call(RevokeConsent::PATH, &session, "").await;
    assert_eq!(
        (status, error),
        (StatusCode::UNAUTHORIZED, Some(PortalError::NotSignedIn))
    );
}

#[tokio::test]
async fn bad_sign_in_input_comes_back_with_its_reason() {
    let app = App::spawn().await;
    for (body, error) in [
        (
            "iin=&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinEmpty),
        ),
        (
            "iin=90051541000A&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinNotDigits),
        ),
        (
            "iin=%3Cscript%3Ealert(1)%3C%2Fscript%3E&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinNotDigits),
        ),
        (
            "iin=ЖСН&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinNotDigits),
        ),
        (
            "iin=9005154100011&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinLength),
        ),
        (
            "iin=900515410002&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinCheckDigit),
        ),
        (
            "iin=940140000385&password=x",
            PortalError::Step(nomir_core::step_error::StepError::IinOfBusiness),
        ),
        ("iin=900515410001&password=", PortalError::PasswordEmpty),
        (
            "iin=900515410001&password=wrong",
            PortalError::WrongCredentials,
        ),
        (
            "iin=991331700012&password=demo-pass-2026",
            PortalError::WrongCredentials,
        ),
        ("password=x", PortalError::Malformed),
    ] {
        let (status, got) = app.call(SignIn::PATH, "", body).await;
        assert_eq!(got, Some(error), "{body}");
        assert_eq!(status.as_u16(), error.status(), "{body}");
        assert!(status.is_client_error(), "{body}");
    }
    // Without the WASM: back to the form, which shows the reason.
    let r = app.sign_in("iin=900515410001&password=wrong").await;
    assert!(r.status().is_redirection());
    assert!(location(&r).starts_with("/sign-in?"), "{}", location(&r));
    assert!(set_cookie(&r).is_empty());
    let page = app.follow(&r, "nomir_lang=en").await;
    assert!(page.contains("The IIN or password is wrong."), "{page}");
    assert!(page.contains(r#"aria-invalid="true""#), "{page}");
    assert!(page.contains("There is a problem"), "{page}");
    // Whatever the query says, only the server function's own errors are shown.
    let page = app
        .get(
            "/sign-in?__path=%2Ffn%2Fsign_in&__err=%3Cscript%3Ealert(1)",
            None,
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("<script>alert"), "{page}");
}

#[tokio::test]
async fn errors_never_pile_up_in_the_address_without_the_wasm() {
    let app = App::spawn().await;
    // The form is posted again from the page that shows the last error.
    let mut from = "/sign-in?next=%2Fcabinet".to_owned();
    for _ in 0..3 {
        let r = app
            .form(SignIn::PATH, "", "iin=900515410001&password=wrong", &from)
            .await;
        assert!(r.status().is_redirection());
        from = location(&r).to_owned();
        let query = from.split_once('?').map(|(_, q)| q).unwrap_or_default();
        let count = |key: &str| query.split('&').filter(|p| p.starts_with(key)).count();
        assert_eq!(count("__err="), 1, "{from}");
        assert_eq!(count("__path="), 1, "{from}");
        assert_eq!(count("next="), 1, "{from}");
    }
}

#[tokio::test]
async fn requests_from_other_sites_and_oversized_bodies_are_refused() {
    let app = App::spawn().await;
    let r = app
        .client
        .post(app.url(SignIn::PATH))
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("iin=900515410001&password=demo-pass-2026")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("басқа сайттан"));
    let r = app
        .sign_in(&format!(
            "iin=900515410001&password={}",
            "x".repeat(200_000)
        ))
        .await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().await.unwrap().contains("Форма тым үлкен"));
}

#[tokio::test]
async fn unknown_pages_answer_404_in_the_chosen_language() {
    let app = App::spawn().await;
    for path in [
        "/no-such-page",
        "/cabinet/../../etc/passwd",
        &format!("/{}", "a".repeat(3000)),
        "/%3Cscript%3E",
    ] {
        let r = app.get(path, Some("nomir_lang=ru")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        let html = r.text().await.unwrap();
        assert!(html.contains("Страница не найдена"), "{path}");
        assert!(!html.contains("<script>alert"));
    }
}

#[tokio::test]
async fn the_language_switch_follows_only_same_site_paths() {
    let app = App::spawn().await;
    for next in [
        "/%09/evil.example",
        "/%0A",
        "/%0D%0ALocation:%20//evil.example",
        "/\\evil.example",
    ] {
        let r = app.get(&format!("/lang/en?next={next}"), None).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&r), "/", "{next}");
    }
}

#[tokio::test]
async fn bad_input_to_a_server_function_is_a_typed_4xx() {
    let app = App::spawn().await;
    let session = app.session("900515410001").await;
    let (status, error) = app.call(CertifyRequest::PATH, &session, "id=abc").await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, Some(PortalError::Malformed))
    );
    // A signature that is not base64 is a broken form, not a refusal.
    let (status, error) = app
        .call(
            CertifyRequest::PATH,
            &session,
            "id=abc&cms_base64=%21%21not-base64",
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, Some(PortalError::Malformed))
    );
    let big = format!("id=abc&cms_base64={}", "A".repeat(100_000));
    let (status, error) = app.call(CertifyRequest::PATH, &session, &big).await;
    assert_eq!(
        (status, error),
        (StatusCode::PAYLOAD_TOO_LARGE, Some(PortalError::TooLarge))
    );
    // A form post without the WASM gets a page in its language instead.
    let r = app
        .form(
            CertifyRequest::PATH,
            &format!("{session}; nomir_lang=en"),
            &big,
            "/cabinet",
        )
        .await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.text().await.unwrap().contains("The form is too large"));
}

#[tokio::test]
async fn personal_pages_are_never_cached() {
    let app = App::spawn().await;
    let session = app.session("900515410001").await;
    for path in [
        "/cabinet",
        "/demo/phone",
        "/sign-in",
        "/cabinet/request/unknown",
    ] {
        let r = app.get(path, Some(&session)).await;
        let cache = r
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok());
        assert_eq!(cache, Some("no-store"), "{path}");
    }
}

//! The procedure's pages over HTTP: the number form, the request page, the cabinet's link back, the demo phone and clock.

use super::*;

#[tokio::test]
async fn the_demo_phone_exists_in_demo_mode_and_starts_empty() {
    let app = App::spawn().await;
    let r = app.get("/demo/phone", Some("nomir_lang=en")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("No messages yet."));
    let r = app.get("/health", None).await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// The demo phone's newest message, as load runs read codes: a number
/// that is missing or not a mobile one is told why, in the reader's
/// language; one with no message yet is 404.
#[tokio::test]
async fn the_demo_phone_s_newest_message_explains_a_bad_number() {
    let app = App::spawn().await;
    for (query, lang, says) in [
        ("", "nomir_lang=en", "Enter"),
        ("?number=abc", "nomir_lang=en", "digits"),
        ("?number=%2B77172123456", "nomir_lang=ru", "мобильн"),
    ] {
        let r = app
            .get(&format!("/demo/phone/newest{query}"), Some(lang))
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{query}");
        let text = r.text().await.unwrap();
        assert!(text.contains(says), "{query}: {text}");
    }
    let r = app
        .get("/demo/phone/newest?number=%2B77011234567", None)
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_number_form_needs_a_session_and_explains_bad_numbers() {
    let app = App::spawn().await;
    let (status, error) = app
        .call(
            RequestCode::PATH,
            "nomir_session=none",
            "number=87011234567&consent=yes",
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::UNAUTHORIZED, Some(PortalError::NotSignedIn))
    );
    let aigerim = app.session("900515410001").await;
    for (number, error) in [
        (
            "",
            PortalError::Step(nomir_core::step_error::StepError::NumberEmpty),
        ),
        (
            "%2B7+727+123+4567",
            PortalError::Step(nomir_core::step_error::StepError::NumberLandline),
        ),
        (
            "%2B7+916+123+4567",
            PortalError::Step(nomir_core::step_error::StepError::NumberForeign),
        ),
        (
            "%3Cscript%3E",
            PortalError::Step(nomir_core::step_error::StepError::NumberCharacters),
        ),
        (
            "8701",
            PortalError::Step(nomir_core::step_error::StepError::NumberLength),
        ),
        (
            "%2B7+703+123+4567",
            PortalError::Step(nomir_core::step_error::StepError::NumberNotMobile),
        ),
    ] {
        let body = format!("number={number}&consent=yes");
        let (status, got) = app.call(RequestCode::PATH, &aigerim, &body).await;
        assert_eq!(
            (status, got),
            (StatusCode::BAD_REQUEST, Some(error)),
            "{number}"
        );
    }
    // Without the WASM: back to the cabinet, which explains it beside the field.
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=%2B7+727+123+4567&consent=yes",
            "/cabinet",
        )
        .await;
    assert!(location(&r).starts_with("/cabinet?"), "{}", location(&r));
    let html = app.follow(&r, &aigerim).await;
    assert!(html.contains("Бұл қалалық нөмір"), "{html}");
    assert!(html.contains(r#"id="number-error""#), "{html}");
    assert!(html.contains(r#"type="tel""#) && html.contains(r#"autocomplete="tel""#));
}

#[tokio::test]
async fn a_request_page_is_its_owners_only_and_bad_codes_are_explained() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=8+701+123+45+67&consent=yes",
            "/cabinet",
        )
        .await;
    let page = location(&r).to_owned();
    assert!(page.starts_with("/cabinet/request/"), "{page}");
    let id = page.trim_start_matches("/cabinet/request/").to_owned();
    let html = app.page(&page, &aigerim).await;
    assert!(
        html.contains("+7 701 123 45 67") && html.contains(r#"autocomplete="one-time-code""#),
        "{html}"
    );
    assert!(html.contains(r#"inputmode="numeric""#));
    let dana = app.session("991231410007").await;
    let r = app.get(&page, Some(&dana)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Мұндай сұрау салу жоқ"));
    let (_, error) = app
        .call(ConfirmCode::PATH, &dana, &format!("id={id}&code=123456"))
        .await;
    assert_eq!(
        error,
        Some(PortalError::Step(
            nomir_core::step_error::StepError::RequestNotFound
        )),
        "another citizen's request"
    );
    for (code, error) in [
        (
            "12a456",
            PortalError::Step(nomir_core::step_error::StepError::CodeMalformed),
        ),
        (
            "",
            PortalError::Step(nomir_core::step_error::StepError::CodeEmpty),
        ),
    ] {
        let (_, got) = app
            .call(ConfirmCode::PATH, &aigerim, &format!("id={id}&code={code}"))
            .await;
        assert_eq!(got, Some(error), "{code}");
    }
    let (status, error) = app
        .call(ResendCode::PATH, &aigerim, &format!("id={id}"))
        .await;
    assert_eq!(
        (status, error),
        (
            StatusCode::TOO_MANY_REQUESTS,
            Some(PortalError::Step(
                nomir_core::step_error::StepError::TooSoon
            ))
        )
    );
    let (status, error) = app
        .call(ConfirmCode::PATH, &aigerim, "id=%3Cscript%3E&code=123456")
        .await;
    assert_eq!(
        (status, error),
        (
            StatusCode::NOT_FOUND,
            Some(PortalError::Step(
                nomir_core::step_error::StepError::RequestNotFound
            ))
        )
    );
    // Without the WASM, a wrong code comes back to the page with the tries left.
    let r = app
        .form(
            ConfirmCode::PATH,
            &aigerim,
            &format!("id={id}&code=000000"),
            &page,
        )
        .await;
    assert!(
        location(&r).starts_with(&format!("{page}?")),
        "{}",
        location(&r)
    );
    let html = app.follow(&r, &format!("{aigerim}; nomir_lang=en")).await;
    assert!(html.contains("The code is wrong. Tries left: 2."), "{html}");
    let r = app
        .form(RevokeConsent::PATH, &aigerim, "", "/cabinet")
        .await;
    assert_eq!(location(&r), "/cabinet?consent=revoked");
}

#[tokio::test]
async fn the_cabinet_links_back_to_the_request_in_progress() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let html = app.page("/cabinet", &aigerim).await;
    assert!(!html.contains(r#"data-testid="open-request""#), "{html}");
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=87011234567&consent=yes",
            "/cabinet",
        )
        .await;
    let page = location(&r).to_owned();
    let html = app.page("/cabinet", &aigerim).await;
    assert!(html.contains(r#"data-testid="open-request""#), "{html}");
    assert!(html.contains(&format!(r#"href="{page}""#)), "{html}");
    // Another account sees nothing of it.
    let dana = app.session("991231410007").await;
    let html = app.page("/cabinet", &dana).await;
    assert!(!html.contains(r#"data-testid="open-request""#), "{html}");
}

#[tokio::test]
async fn the_demo_clock_takes_only_sensible_steps() {
    let app = App::spawn().await;
    let post = |q: &'static str| app.client.post(app.url(&format!("/demo/clock{q}"))).send();
    assert_eq!(
        post("?minutes=0").await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post("?minutes=abc").await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post("?minutes=11").await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn the_demo_clock_moves_at_most_thirty_days_and_the_pages_say_it_moved() {
    let app = App::spawn().await;
    let page = app.get("/", None).await.text().await.unwrap();
    assert!(!page.contains("demo-clock-moved"));
    app.advance_days(30).await;
    let r = app
        .client
        .post(app.url("/demo/clock?minutes=1"))
        .header("cookie", "nomir_lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("30 days in total"));
    let page = app.get("/", None).await.text().await.unwrap();
    assert!(
        page.contains("demo-clock-moved") && page.contains("43200"),
        "{page}"
    );
}

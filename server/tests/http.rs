//! The portal over HTTP: pages, forms, cookies and the answers to bad input.

mod support;

use nomir::config::Secret;
use nomir::startup::Application;
use reqwest::{redirect::Policy, Client, StatusCode};

struct App {
    base: String,
    client: Client,
    db_path: std::path::PathBuf,
}

impl App {
    async fn spawn() -> Self {
        let db_path =
            std::env::temp_dir().join(format!("nomir-http-{}.db", uuid::Uuid::new_v4().simple()));
        let url = format!("sqlite://{}?mode=rwc", db_path.display());
        let settings = support::demo_settings(&url, Secret::random());
        let app = Application::with_system_clock(settings).await.unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        let client = Client::builder().redirect(Policy::none()).build().unwrap();
        Self {
            base,
            client,
            db_path,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.url(path));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.unwrap()
    }

    async fn sign_in(&self, body: &str) -> reqwest::Response {
        self.client
            .post(self.url("/auth/sign-in"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", &self.base)
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }
}

impl App {
    /// Signs `iin` in and returns the session cookie pair.
    async fn session(&self, iin: &str) -> String {
        let r = self
            .sign_in(&format!("iin={iin}&password=demo-pass-2026"))
            .await;
        set_cookie(&r).split(';').next().unwrap().to_owned()
    }

    async fn post_form(&self, path: &str, session: &str, body: &str) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("cookie", session)
            .header("origin", &self.base)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }
}

impl Drop for App {
    fn drop(&mut self) {
        std::fs::remove_file(&self.db_path).ok();
    }
}

fn location(r: &reqwest::Response) -> &str {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn set_cookie(r: &reqwest::Response) -> String {
    r.headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

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
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
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
    let html = app
        .get("/cabinet", Some(&session))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Сапарова Әйгерім"), "{html}");
    assert!(html.contains("9005******01"));
    assert!(
        !html.contains("900515410001"),
        "the whole IIN must not be shown"
    );
    assert!(html.contains("Нөмір қосылмаған"));
    assert!(html.contains("Бұл есептік жазбаға әлі нөмір қосылмаған"));
    let r = app
        .client
        .post(app.url("/auth/sign-out"))
        .header("cookie", &session)
        .header("origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/sign-in?signed_out=1");
    assert!(set_cookie(&r).contains("Max-Age=0"));
    let r = app.get("/cabinet", Some(&session)).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(location(&r), "/sign-in");
}

#[tokio::test]
async fn bad_sign_in_input_comes_back_with_its_reason() {
    let app = App::spawn().await;
    for (body, code) in [
        ("iin=&password=x", "iin_empty"),
        ("iin=90051541000A&password=x", "iin_digits"),
        (
            "iin=%3Cscript%3Ealert(1)%3C%2Fscript%3E&password=x",
            "iin_digits",
        ),
        ("iin=ЖСН&password=x", "iin_digits"),
        ("iin=9005154100011&password=x", "iin_length"),
        ("iin=900515410002&password=x", "iin_check"),
        ("iin=940140000385&password=x", "iin_bin"),
        ("iin=900515410001&password=", "password_empty"),
        ("iin=900515410001&password=wrong", "credentials"),
        ("iin=991331700012&password=demo-pass-2026", "credentials"),
        ("password=x", "iin_empty"),
    ] {
        let r = app.sign_in(body).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location(&r), format!("/sign-in?error={code}"), "{body}");
        assert!(set_cookie(&r).is_empty(), "{body}");
    }
    let r = app
        .client
        .post(app.url("/auth/sign-in"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/sign-in?error=malformed");
    let page = app
        .get("/sign-in?error=credentials", Some("nomir_lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("The IIN or password is wrong."));
    let page = app
        .get("/sign-in?error=%3Cscript%3E", None)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("<script>alert"),
        "unknown codes show nothing"
    );
}

#[tokio::test]
async fn requests_from_other_sites_and_oversized_bodies_are_refused() {
    let app = App::spawn().await;
    let r = app
        .client
        .post(app.url("/auth/sign-in"))
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
async fn the_demo_phone_exists_in_demo_mode_and_starts_empty() {
    let app = App::spawn().await;
    let r = app.get("/demo/phone", Some("nomir_lang=en")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("No messages yet."));
    let r = app.get("/health", None).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_number_form_needs_a_session_and_explains_bad_numbers() {
    let app = App::spawn().await;
    let r = app
        .post_form(
            "/cabinet/number",
            "nomir_session=none",
            "number=87011234567&consent=yes",
        )
        .await;
    assert_eq!(location(&r), "/sign-in");
    let aigerim = app.session("900515410001").await;
    for (number, code) in [
        ("", "number_empty"),
        ("%2B7+727+123+4567", "number_landline"),
        ("%2B7+916+123+4567", "number_foreign"),
        ("%3Cscript%3E", "number_chars"),
        ("8701", "number_length"),
        ("%2B7+703+123+4567", "number_not_mobile"),
    ] {
        let r = app
            .post_form(
                "/cabinet/number",
                &aigerim,
                &format!("number={number}&consent=yes"),
            )
            .await;
        assert_eq!(
            location(&r),
            format!("/cabinet?error={code}#number"),
            "{number}"
        );
    }
    let html = app
        .get("/cabinet?error=number_landline", Some(&aigerim))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Бұл қалалық нөмір"));
    assert!(html.contains(r#"type="tel""#) && html.contains(r#"autocomplete="tel""#));
}

#[tokio::test]
async fn a_request_page_is_its_owners_only_and_bad_codes_are_explained() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let r = app
        .post_form(
            "/cabinet/number",
            &aigerim,
            "number=8+701+123+45+67&consent=yes",
        )
        .await;
    let page = location(&r).to_owned();
    assert!(page.starts_with("/cabinet/request/"), "{page}");
    let html = app.get(&page, Some(&aigerim)).await.text().await.unwrap();
    assert!(
        html.contains("+7 701 123 4567") && html.contains(r#"autocomplete="one-time-code""#),
        "{html}"
    );
    assert!(html.contains(r#"inputmode="numeric""#));
    let dana = app.session("991231410007").await;
    let r = app.get(&page, Some(&dana)).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Мұндай сұрау салу жоқ"));
    let r = app
        .post_form(&format!("{page}/code"), &aigerim, "code=12a456")
        .await;
    assert_eq!(location(&r), format!("{page}?error=code_malformed"));
    let r = app
        .post_form(&format!("{page}/code"), &aigerim, "code=")
        .await;
    assert_eq!(location(&r), format!("{page}?error=code_empty"));
    let r = app.post_form(&format!("{page}/resend"), &aigerim, "").await;
    assert_eq!(location(&r), format!("{page}?error=too_soon"));
    let r = app
        .post_form(
            "/cabinet/request/%3Cscript%3E/code",
            &aigerim,
            "code=123456",
        )
        .await;
    assert_eq!(location(&r), "/cabinet?error=step");
    let r = app.post_form("/cabinet/consent/revoke", &aigerim, "").await;
    assert_eq!(location(&r), "/cabinet?consent=revoked");
}

#[tokio::test]
async fn the_cabinet_links_back_to_the_request_in_progress() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let html = app
        .get("/cabinet", Some(&aigerim))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(r#"data-testid="open-request""#), "{html}");
    let r = app
        .post_form(
            "/cabinet/number",
            &aigerim,
            "number=87011234567&consent=yes",
        )
        .await;
    let page = location(&r).to_owned();
    let html = app
        .get("/cabinet", Some(&aigerim))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"data-testid="open-request""#), "{html}");
    assert!(html.contains(&format!(r#"href="{page}""#)), "{html}");
    // Another account sees nothing of it.
    let dana = app.session("991231410007").await;
    let html = app.get("/cabinet", Some(&dana)).await.text().await.unwrap();
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
async fn bad_input_to_a_server_function_is_a_localized_4xx() {
    use leptos::server_fn::ServerFn;
    let app = App::spawn().await;
    let session = app.session("900515410001").await;
    let path = app::server_fns::CertifyRequest::PATH;
    let post = |body: String| {
        app.client
            .post(app.url(path))
            .header("cookie", &session)
            .header("origin", &app.base)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", "nomir_lang=en")
            .body(body)
            .send()
    };
    let r = post("id=abc".into()).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let text = r.text().await.unwrap();
    assert!(text.contains("malformed"), "{text}");
    assert!(!text.contains("missing field"), "{text}");
    let r = post(format!("id=abc&cms_base64={}", "A".repeat(100_000)))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(!r.text().await.unwrap().contains("length limit"));
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

#[tokio::test]
async fn the_demo_clock_moves_at_most_thirty_days_and_the_pages_say_it_moved() {
    let app = App::spawn().await;
    let page = app.get("/", None).await.text().await.unwrap();
    assert!(!page.contains("demo-clock-moved"));
    for _ in 0..30 {
        let r = app
            .client
            .post(app.url("/demo/clock?minutes=1440"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
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

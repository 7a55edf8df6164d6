//! The result document over HTTP: the citizen downloads a finished
//! request's sealed PDF (no one else can), and the public check page says
//! whether an uploaded document is the service's and unaltered.

use crate::support;

use app::server_fns::RequestCode;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use support::portal::{location, App};

async fn check(app: &App, bytes: Vec<u8>) -> (StatusCode, String) {
    let r = app.check_document(&app.client, bytes).await;
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_finished_requests_sealed_document_is_its_owners_and_any_edit_fails_the_check() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let r = app
        .form(
            RequestCode::PATH,
            &aigerim,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    let page = location(&r).to_owned();
    let id = page.trim_start_matches("/cabinet/request/").to_owned();
    let pdf_path = format!("{page}/result.pdf");
    // Open: no result yet.
    assert_eq!(
        app.get(&pdf_path, Some(&aigerim)).await.status(),
        StatusCode::NOT_FOUND
    );
    // Its term runs out.
    let moved = app
        .client
        .post(app.url("/demo/clock?minutes=11"))
        .send()
        .await
        .unwrap();
    assert!(moved.status().is_success() || moved.status().is_redirection());
    let html = app.page(&page, &aigerim).await;
    assert!(
        html.contains(&pdf_path),
        "the outcome links to its document"
    );
    let r = app.get(&pdf_path, Some(&aigerim)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap().to_vec();
    assert!(pdf.starts_with(b"%PDF-"));
    let meta = support::check_demo_document(&pdf).await.unwrap().meta;
    assert_eq!(meta.request_id, id);
    // Nobody else gets it.
    let dana = app.session("991231410007").await;
    assert_eq!(
        app.get(&pdf_path, Some(&dana)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&pdf_path, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The public check: valid as issued; one byte changed, or no seal, is not.
    let (status, html) = check(&app, pdf.clone()).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(r#"data-valid="true""#) && html.contains(&id),
        "{html}"
    );
    let mut edited = pdf.clone();
    let middle = edited.len() / 2;
    edited[middle] ^= 0x01;
    let (status, html) = check(&app, edited).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains(r#"data-valid="false""#) && html.contains("altered"),
        "{html}"
    );
    let (status, _) = check(&app, b"%PDF-1.7 not sealed".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Not a form upload, or too big: explained, in the reader's language.
    let r = app
        .client
        .post(app.url("/check-document"))
        .header("origin", &app.base)
        .header("cookie", "nomir_lang=en")
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("<html lang=\"en\">"));
    let (status, _) = check(&app, vec![b'%'; 6 * 1024 * 1024]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let form = app.get("/check-document", None).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert!(form
        .text()
        .await
        .unwrap()
        .contains(r#"enctype="multipart/form-data""#));
}

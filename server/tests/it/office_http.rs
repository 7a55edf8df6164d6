//! Complaints and the back office over HTTP: every server function refuses
//! a caller it is not for (signed out, another citizen, another role), and
//! a complaint goes from the citizen's form through the official's and the
//! reviewer's decisions back to the citizen's page.

use crate::support;

use app::error::PortalError;
use app::server_fns::{
    DecideComplaint, FileComplaint, GetCase, GetComplaint, GetQueue, RequestCode, StaffSignIn,
};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use support::portal::{location, set_cookie, App};

const TEXT: &str = "The+code+never+came+and+nobody+answered+at+1414.";
const REASONS: &str = "The+SMS+gateway+log+shows+the+operator+delayed+it.";

/// Signs a staff member in through the form; the cookie pair.
async fn staff(app: &App, login: &str) -> String {
    let r = app
        .form(
            StaffSignIn::PATH,
            "",
            &format!("login={login}&password=demo-pass-2026"),
            "/office/sign-in",
        )
        .await;
    assert_eq!(location(&r), "/office", "{login}");
    let cookie = set_cookie(&r);
    assert!(
        cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

/// Aigerim starts a request and complains of inaction on it; the complaint's id.
async fn aigerim_complains(app: &App, aigerim: &str) -> String {
    let r = app
        .form(
            RequestCode::PATH,
            aigerim,
            "number=%2B77011234567&consent=yes",
            "/cabinet",
        )
        .await;
    let request = location(&r)
        .trim_start_matches("/cabinet/request/")
        .to_owned();
    let r = app
        .form(
            FileComplaint::PATH,
            aigerim,
            &format!("request_id={request}&about=inaction&to=provider&text={TEXT}"),
            "/cabinet/complaints/new",
        )
        .await;
    let to = location(&r).to_owned();
    assert!(
        to.starts_with("/cabinet/complaints/") && to.ends_with("?registered=1"),
        "{to}"
    );
    to.trim_start_matches("/cabinet/complaints/")
        .trim_end_matches("?registered=1")
        .to_owned()
}

#[tokio::test]
async fn signed_out_callers_and_citizens_reach_nothing_in_the_back_office() {
    let app = App::spawn().await;
    let r = app.get("/office", None).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/office/sign-in");
    let aigerim = app.session("900515410001").await;
    for cookie in ["", aigerim.as_str()] {
        let (status, error) = app.call(GetQueue::PATH, cookie, "").await;
        assert_eq!(
            (status, error),
            (
                StatusCode::UNAUTHORIZED,
                Some(PortalError::StaffNotSignedIn)
            )
        );
        let (status, error) = app
            .call(
                DecideComplaint::PATH,
                cookie,
                &format!("id=x&decision=satisfy&reasons={REASONS}"),
            )
            .await;
        assert_eq!(
            (status, error),
            (
                StatusCode::UNAUTHORIZED,
                Some(PortalError::StaffNotSignedIn)
            )
        );
    }
    // A citizen's IIN and password are no staff login.
    let (status, error) = app
        .call(
            StaffSignIn::PATH,
            "",
            "login=900515410001&password=demo-pass-2026",
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, Some(PortalError::StaffCredentials))
    );
    // And a signed-out caller files no complaint.
    let (status, error) = app
        .call(
            FileComplaint::PATH,
            "",
            &format!("request_id=x&about=action&to=provider&text={TEXT}"),
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::UNAUTHORIZED, Some(PortalError::NotSignedIn))
    );
}

#[tokio::test]
async fn a_complaint_goes_from_the_citizen_through_both_officials_and_back() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let id = aigerim_complains(&app, &aigerim).await;
    let page = app
        .get(
            &format!("/cabinet/complaints/{id}?registered=1"),
            Some(&aigerim),
        )
        .await;
    let html = page.text().await.unwrap();
    assert!(
        html.contains("ZH-2026-") || html.contains("ZH-20"),
        "{html}"
    );
    assert!(html.contains(r#"data-testid="complaint-registered""#));

    // Another citizen gets nothing of it.
    let dana = app.session("991231410007").await;
    let r = app
        .get(&format!("/cabinet/complaints/{id}"), Some(&dana))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (status, error) = app
        .call(GetComplaint::PATH, &dana, &format!("id={id}"))
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::NOT_FOUND, Some(PortalError::ComplaintNotFound))
    );

    let official = staff(&app, "official.demo").await;
    let reviewer = staff(&app, "reviewer.demo").await;
    let admin = staff(&app, "admin.demo").await;
    // Not forwarded: the reviewer and the administrator do not see it.
    for who in [&reviewer, &admin] {
        let (status, error) = app.call(GetCase::PATH, who, &format!("id={id}")).await;
        assert_eq!(
            (status, error),
            (StatusCode::NOT_FOUND, Some(PortalError::ComplaintNotFound))
        );
    }
    let queue = app
        .get("/office", Some(&official))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        queue.contains(&format!("/office/complaints/{id}")),
        "{queue}"
    );
    // Bad decisions are explained.
    let (status, error) = app
        .call(
            DecideComplaint::PATH,
            &official,
            &format!("id={id}&reasons={REASONS}"),
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, Some(PortalError::DecisionMissing))
    );
    let (status, error) = app
        .call(
            DecideComplaint::PATH,
            &official,
            &format!("id={id}&decision=forward&reasons=no"),
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::BAD_REQUEST, Some(PortalError::ReasonsShort))
    );
    // The provider forwards it; the reviewer cannot take the provider's decision.
    let r = app
        .form(
            DecideComplaint::PATH,
            &official,
            &format!("id={id}&decision=forward&reasons={REASONS}"),
            &format!("/office/complaints/{id}"),
        )
        .await;
    assert_eq!(location(&r), format!("/office/complaints/{id}?decided=1"));
    let (status, error) = app
        .call(
            DecideComplaint::PATH,
            &reviewer,
            &format!("id={id}&decision=satisfy&reasons={REASONS}"),
        )
        .await;
    assert_eq!(
        (status, error),
        (StatusCode::FORBIDDEN, Some(PortalError::NotYourRole))
    );
    let case = app
        .get(&format!("/office/complaints/{id}"), Some(&reviewer))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        case.contains(r#"data-testid="case-file""#) && case.contains("code_sent"),
        "{case}"
    );
    let (status, error) = app
        .call(
            DecideComplaint::PATH,
            &reviewer,
            &format!("id={id}&decision=reject&reasons={REASONS}"),
        )
        .await;
    assert_eq!((status, error), (StatusCode::OK, None));
    // The citizen sees the decision and that court is next.
    let mine = app
        .get(
            &format!("/cabinet/complaints/{id}"),
            Some(&format!("{aigerim}; nomir_lang=en")),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        mine.contains("The SMS gateway log shows the operator delayed it."),
        "{mine}"
    );
    assert!(mine.contains(r#"data-testid="court-next""#) && mine.contains("rejected"));
    // The forwarded complaint says to whom it went.
    assert!(
        mine.contains(r#"data-testid="forwarded-to""#)
            && mine.contains(
                "The authorized body for assessing and controlling the quality of public services"
            ),
        "{mine}"
    );
}

#[tokio::test]
async fn an_undecided_complaint_past_its_deadline_says_court_may_be_next() {
    let app = App::spawn().await;
    let aigerim = app.session("900515410001").await;
    let id = aigerim_complains(&app, &aigerim).await;
    let page = |cookie: String| {
        let path = format!("/cabinet/complaints/{id}");
        let app = &app;
        async move {
            let cookie = format!("{cookie}; nomir_lang=en");
            app.get(&path, Some(&cookie)).await.text().await.unwrap()
        }
    };
    assert!(!page(aigerim.clone())
        .await
        .contains(r#"data-testid="court-next""#));
    // Eight days on (the demo's clock): the 3 working days to forward
    // or satisfy have passed without a decision.
    app.advance_days(8).await;
    let later = page(app.session("900515410001").await).await;
    assert!(later.contains(r#"data-testid="overdue""#), "{later}");
    assert!(
        later.contains(r#"data-testid="court-next""#)
            && later.contains("was not decided in time")
            && later.contains("unless the law provides otherwise"),
        "{later}"
    );
}

#[tokio::test]
async fn the_dashboard_and_its_csv_are_for_staff_only() {
    let app = App::spawn().await;
    let r = app.get("/office/dashboard.csv", None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let aigerim = app.session("900515410001").await;
    let r = app.get("/office/dashboard.csv", Some(&aigerim)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app.get("/office/dashboard", None).await;
    assert_eq!(location(&r), "/office/sign-in");
    app.form(
        RequestCode::PATH,
        &aigerim,
        "number=%2B77011234567&consent=yes",
        "/cabinet",
    )
    .await;
    let admin = staff(&app, "admin.demo").await;
    let r = app.get("/office/dashboard.csv?days=7", Some(&admin)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = r.text().await.unwrap();
    assert!(
        csv.starts_with("section,key,subkey,count\n") && csv.contains(",portal,1\n"),
        "{csv}"
    );
    let html = app
        .get("/office/dashboard", Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"role="img""#) && html.contains("<desc"),
        "{html}"
    );
}

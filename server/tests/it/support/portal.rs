//! A demo server on a free port, and a browser's ways of talking to it
//! (pages, form posts without the WASM, server-function calls with it).

use app::error::PortalError;
use app::server_fns::SignIn;
use leptos::server_fn::ServerFn;
use nomir::config::Secret;
use nomir::startup::Application;
use reqwest::{redirect::Policy, Client, StatusCode};

pub struct App {
    pub base: String,
    /// The metrics listener's address, when the settings gave one.
    pub metrics_base: Option<String>,
    pub client: Client,
    db_path: std::path::PathBuf,
}

impl App {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A demo server whose settings `edit` changed first.
    pub async fn spawn_with(edit: impl FnOnce(&mut nomir::config::Settings)) -> Self {
        let db_path =
            std::env::temp_dir().join(format!("nomir-http-{}.db", uuid::Uuid::new_v4().simple()));
        let url = format!("sqlite://{}?mode=rwc", db_path.display());
        let mut settings = super::demo_settings(&url, Secret::random());
        edit(&mut settings);
        let app = Application::with_system_clock(settings).await.unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        let metrics_base = app.metrics_port().map(|p| format!("http://127.0.0.1:{p}"));
        tokio::spawn(app.run_until_stopped());
        let client = Client::builder().redirect(Policy::none()).build().unwrap();
        Self {
            base,
            metrics_base,
            client,
            db_path,
        }
    }

    /// The server's database, for the operator's commands.
    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.db_path.display())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.url(path));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.unwrap()
    }

    /// Posts a form to a server function the way a browser without the
    /// WASM does (it reads HTML, and says which page the form was on).
    pub async fn form(
        &self,
        path: &str,
        cookie: &str,
        body: &str,
        from: &str,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("cookie", cookie)
            .header("origin", &self.base)
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url(from))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
            .send()
            .await
            .unwrap()
    }

    /// Calls a server function the way the WASM does: the answer is JSON.
    pub async fn call(
        &self,
        path: &str,
        cookie: &str,
        body: &str,
    ) -> (StatusCode, Option<PortalError>) {
        let r = self
            .client
            .post(self.url(path))
            .header("cookie", cookie)
            .header("origin", &self.base)
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        let status = r.status();
        let error = if status.is_success() || status.is_redirection() {
            None
        } else {
            Some(serde_json::from_str(&r.text().await.unwrap()).unwrap())
        };
        (status, error)
    }

    /// Uploads `bytes` to the public document check from `client`, in English.
    pub async fn check_document(&self, client: &Client, bytes: Vec<u8>) -> reqwest::Response {
        use reqwest::multipart::{Form, Part};
        let form = Form::new().part("document", Part::bytes(bytes).file_name("result.pdf"));
        client
            .post(self.url("/check-document"))
            .header("origin", &self.base)
            .header("cookie", "nomir_lang=en")
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, body: &str) -> reqwest::Response {
        self.form(SignIn::PATH, "", body, "/sign-in").await
    }

    /// Signs a demo staff member in through the office's form; the cookie pair.
    pub async fn staff_session(&self, login: &str) -> String {
        let body = format!("login={login}&password=demo-pass-2026");
        let r = self
            .form(
                app::server_fns::StaffSignIn::PATH,
                "",
                &body,
                "/office/sign-in",
            )
            .await;
        assert_eq!(location(&r), "/office", "{login}");
        set_cookie(&r).split(';').next().unwrap().to_owned()
    }

    /// Signs `iin` in and returns the session cookie pair.
    pub async fn session(&self, iin: &str) -> String {
        let r = self
            .sign_in(&format!("iin={iin}&password=demo-pass-2026"))
            .await;
        set_cookie(&r).split(';').next().unwrap().to_owned()
    }

    /// Moves the demo server's clock `days` days on, a day per call.
    pub async fn advance_days(&self, days: u32) {
        for _ in 0..days {
            let r = self
                .client
                .post(self.url("/demo/clock?minutes=1440"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), reqwest::StatusCode::NO_CONTENT);
        }
    }

    /// How many rows `table` of the server's database holds now.
    pub async fn rows(&self, table: &str) -> i64 {
        use sqlx::Connection;
        let url = format!("sqlite://{}", self.db_path.display());
        let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut db)
            .await
            .unwrap();
        db.close().await.ok();
        n
    }

    /// Follows a redirect to a page of this site and returns its HTML.
    /// The page a redirect goes to, as it shows ([`shown`]).
    pub async fn follow(&self, r: &reqwest::Response, cookie: &str) -> String {
        self.page(location(r), cookie).await
    }

    /// The page at `path`, as it shows ([`shown`]).
    pub async fn page(&self, path: &str, cookie: &str) -> String {
        shown(&self.get(path, Some(cookie)).await.text().await.unwrap())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            std::fs::remove_file(format!("{}{suffix}", self.db_path.display())).ok();
        }
    }
}

/// Where a redirect goes, as a path on this site (form posts go back to
/// their page's absolute address).
pub fn location(r: &reqwest::Response) -> &str {
    let to = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match to.strip_prefix("http://") {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => to,
    }
}

pub fn set_cookie(r: &reqwest::Response) -> String {
    r.headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

/// A page without the data its islands hydrate from (`data-json`, which
/// repeats the page's words): what a test finds in it is on the page.
pub fn shown(html: &str) -> String {
    const DATA: &str = r#" data-json=""#;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(DATA) {
        out.push_str(&rest[..at]);
        let value = &rest[at + DATA.len()..];
        // Quotes inside the value are escaped as `&quot;`.
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn shown_takes_out_the_islands_data_only() {
    let html =
        r#"<span hidden id="x" data-json="{&quot;a&quot;:&quot;Код қате&quot;}"></span><p>Код</p>"#;
    assert_eq!(shown(html), r#"<span hidden id="x"></span><p>Код</p>"#);
}

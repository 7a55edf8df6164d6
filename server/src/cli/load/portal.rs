//! The portal's binding, as a browser with the WASM makes it: the server
//! functions its pages post to, the citizen's cookies, and the EDS
//! (sign-in and certification) with the generated person's demo
//! certificates, as NCALayer would sign.

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use leptos::server_fn::ServerFn;
use reqwest::Response;

use super::flows::{find, json_of, text, Steps, Worker};
use crate::demo::population::Person;

impl Worker<'_> {
    pub(super) async fn portal(
        &mut self,
        person: &Person,
        step: &mut Steps<'_>,
    ) -> anyhow::Result<Duration> {
        use app::server_fns::{
            CertifyRequest, ConfirmCode, GetEdsChallenge, GetRequest, RequestCode, SignInEds,
        };
        let mut jar = Jar::default();
        let t = step.begin("sign_in");
        let r = self.call(GetEdsChallenge::PATH, &jar, &[]).await?;
        jar.take(&r);
        let challenge = json_of(r).await?;
        let signed = self
            .keys
            .sign(person, false, &text(&challenge["document_base64"])?)?;
        let id = text(&challenge["id"])?;
        let r = self
            .call(
                SignInEds::PATH,
                &jar,
                &[("challenge_id", &id), ("cms_base64", &signed)],
            )
            .await?;
        jar.take(&r);
        json_of(r).await?;
        step.end(t);
        let binding = Instant::now();
        let t = step.begin("ask");
        let r = self
            .call(
                RequestCode::PATH,
                &jar,
                &[("number", person.msisdn.as_str()), ("consent", "on")],
            )
            .await?;
        let to = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        json_of(r).await?;
        let id = to
            .strip_prefix("/cabinet/request/")
            .ok_or_else(|| anyhow!("no request page"))?
            .to_owned();
        step.end(t);
        let t = step.begin("sms");
        let code = self.sms_code(person).await?;
        step.end(t);
        let t = step.begin("code");
        json_of(
            self.call(ConfirmCode::PATH, &jar, &[("id", &id), ("code", &code)])
                .await?,
        )
        .await?;
        step.end(t);
        let t = step.begin("document");
        let view = json_of(self.call(GetRequest::PATH, &jar, &[("id", &id)]).await?).await?;
        let document = find(&view, "document_base64").ok_or_else(|| anyhow!("no document"))?;
        step.end(t);
        let t = step.begin("certify");
        let signed = self.keys.sign(person, true, &document)?;
        json_of(
            self.call(
                CertifyRequest::PATH,
                &jar,
                &[("id", &id), ("cms_base64", &signed)],
            )
            .await?,
        )
        .await?;
        step.end(t);
        let t = step.begin("result");
        let view = json_of(self.call(GetRequest::PATH, &jar, &[("id", &id)]).await?).await?;
        step.end(t);
        if view.pointer("/step/Bound").is_none() && find(&view, "operator").is_none() {
            bail!("not bound");
        }
        Ok(binding.elapsed())
    }

    /// Calls a server function as the portal's WASM does (JSON answers).
    async fn call(&self, path: &str, jar: &Jar, form: &[(&str, &str)]) -> anyhow::Result<Response> {
        Ok(self
            .http
            .post(self.url(path))
            .header("x-forwarded-for", &self.source)
            .header("origin", self.base)
            .header("accept", "application/json")
            .header("cookie", jar.header())
            .form(form)
            .send()
            .await?)
    }
}

/// A browser's cookies for one citizen (names and values only).
#[derive(Default)]
struct Jar(Vec<(String, String)>);

impl Jar {
    fn take(&mut self, r: &Response) {
        for v in r.headers().get_all("set-cookie") {
            let Some(pair) = v.to_str().ok().and_then(|s| s.split(';').next()) else {
                continue;
            };
            if let Some((name, value)) = pair.split_once('=') {
                self.0.retain(|(n, _)| n != name);
                self.0.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

//! Reading the request's cookies, shared by the server functions here and
//! the server crate's plain handlers.

use cookie::Cookie;
use http::{header, HeaderMap};

/// The value of cookie `name` in `headers`.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The value of cookie `name` in the request being rendered.
pub fn from_context(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    read(&parts.headers, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn finds_a_cookie_among_several_headers() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; nomir_lang=ru"),
        );
        h.append(
            header::COOKIE,
            HeaderValue::from_static("nomir_session=abc"),
        );
        assert_eq!(read(&h, "nomir_lang").as_deref(), Some("ru"));
        assert_eq!(read(&h, "nomir_session").as_deref(), Some("abc"));
        assert_eq!(read(&h, "missing"), None);
    }

    #[test]
    fn a_name_that_only_prefixes_another_does_not_match() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("nomir_session_x=1"),
        );
        assert_eq!(read(&h, "nomir_session"), None);
    }
}

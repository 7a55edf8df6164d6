//! The JSON API's clients (SPEC §3.2, §3.3; seed §6, §7): the e-government
//! mobile app and second-tier banks' apps, each registered with its own
//! credentials, scopes and call rate.

use std::fmt;

/// A client's identifier: 3 to 64 of `a-z`, `0-9` and `-`, starting with a
/// letter (it appears in logs, audit entries and HTTP Basic credentials).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientId(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a client id is 3 to 64 of a-z, 0-9 and '-', starting with a letter")]
pub struct ClientIdError;

impl ClientId {
    pub fn parse(s: &str) -> Result<Self, ClientIdError> {
        let ok = (3..=64).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| Self(s.to_owned())).ok_or(ClientIdError)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of informatization object the client is (appendix row 2).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::Display,
)]
#[strum(serialize_all = "snake_case")]
pub enum ClientKind {
    MobileApp,
    Bank,
    /// A state body's system that notifies citizens at their bound number.
    StateService,
}

/// What a client may do. The mobile app binds and changes a number for the
/// citizen signed in to it; a bank binds a number with the citizen's
/// permission to view their digital documents.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
)]
pub enum Scope {
    #[strum(serialize = "bind")]
    Bind,
    #[strum(serialize = "change")]
    Change,
    #[strum(serialize = "bind-with-documents-permission")]
    BindWithDocumentsPermission,
    /// Sends notifications to a citizen's bound number, without links.
    #[strum(serialize = "notify")]
    Notify,
    /// Also lets those notifications hold links.
    #[strum(serialize = "notify-with-links")]
    NotifyWithLinks,
}

/// A set of scopes, written space-separated as OAuth does (RFC 6749 §3.3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scope: {0}")]
pub struct UnknownScope(pub String);

impl Scopes {
    pub fn new(mut scopes: Vec<Scope>) -> Self {
        scopes.sort();
        scopes.dedup();
        Self(scopes)
    }

    /// Parses scopes separated by spaces or commas.
    pub fn parse(s: &str) -> Result<Self, UnknownScope> {
        s.split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<Scope>().map_err(|_| UnknownScope(p.to_owned())))
            .collect::<Result<Vec<_>, _>>()
            .map(Self::new)
    }

    pub fn contains(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every scope of `self` is also in `other`.
    pub fn within(&self, other: &Scopes) -> bool {
        self.0.iter().all(|s| other.contains(*s))
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&'static str> = self.0.iter().map(|s| s.into()).collect();
        f.write_str(&names.join(" "))
    }
}

/// The scopes a kind of client may hold: a bank never binds without the
/// documents-view permission, and the mobile app never asks for it.
pub fn allowed_scopes(kind: ClientKind) -> Scopes {
    match kind {
        ClientKind::MobileApp => Scopes::new(vec![Scope::Bind, Scope::Change]),
        ClientKind::Bank => Scopes::new(vec![Scope::BindWithDocumentsPermission]),
        ClientKind::StateService => Scopes::new(vec![Scope::Notify, Scope::NotifyWithLinks]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_short_lowercase_names() {
        assert!(ClientId::parse("demo-bank").is_ok());
        assert!(ClientId::parse("halyk-2").is_ok());
        for bad in [
            "",
            "ab",
            "Demo-bank",
            "1bank",
            "bank_x",
            "bank x",
            &"a".repeat(65),
            "банк",
        ] {
            assert_eq!(ClientId::parse(bad), Err(ClientIdError), "{bad:?}");
        }
    }

    #[test]
    fn scopes_read_and_write_as_oauth_does() {
        let s = Scopes::parse("change bind,bind").unwrap();
        assert_eq!(s.to_string(), "bind change");
        assert_eq!(
            Scopes::parse("bind admin"),
            Err(UnknownScope("admin".into()))
        );
        assert!(Scopes::parse("").unwrap().is_empty());
    }

    #[test]
    fn a_kind_holds_only_its_scopes() {
        let bank = allowed_scopes(ClientKind::Bank);
        assert!(Scopes::parse("bind-with-documents-permission")
            .unwrap()
            .within(&bank));
        assert!(!Scopes::parse("bind").unwrap().within(&bank));
        let app = allowed_scopes(ClientKind::MobileApp);
        assert!(Scopes::parse("bind change").unwrap().within(&app));
        assert!(!Scopes::parse("bind-with-documents-permission")
            .unwrap()
            .within(&app));
    }

    #[test]
    fn kinds_have_stable_codes() {
        assert_eq!(ClientKind::MobileApp.to_string(), "mobile_app");
        assert_eq!("bank".parse::<ClientKind>(), Ok(ClientKind::Bank));
        assert_eq!(ClientKind::StateService.to_string(), "state_service");
        let state = allowed_scopes(ClientKind::StateService);
        assert!(Scopes::parse("notify").unwrap().within(&state));
        assert!(!Scopes::parse("bind").unwrap().within(&state));
        assert!(!Scopes::parse("notify")
            .unwrap()
            .within(&allowed_scopes(ClientKind::Bank)));
    }
}

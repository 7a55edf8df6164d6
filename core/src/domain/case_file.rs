//! The case file a provider forwards with a complaint (§10): the request
//! as it stood and its audit trail. Stored as JSON with the complaint; the
//! office reads it back through the same types.

use serde::{Deserialize, Serialize};

use super::audit::AuditAction;

// Fields are declared in alphabetical order: the JSON is then written
// exactly as before these types, when a map with sorted keys wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub audit: Vec<CaseLine>,
    pub request: CaseRequest,
}

/// The request complained about, as it stood when forwarded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRequest {
    pub channel: String,
    pub id: String,
    /// The number as people write it.
    pub number: String,
    pub purpose: String,
    pub refusal_ground: Option<String>,
    /// Unix seconds.
    pub started_at: i64,
    pub state: String,
    pub updated_at: i64,
}

/// One audit entry of the request's trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub action: AuditAction,
    pub actor: String,
    /// Unix seconds.
    pub at: i64,
    pub detail: String,
}

impl CaseFile {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a case file always serialises")
    }

    /// The case file stored as `json`; `None` if it is not one.
    pub fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str(json).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_file_reads_back_as_written_and_keeps_its_stored_form() {
        let file = CaseFile {
            request: CaseRequest {
                id: "r1".into(),
                number: "+7 701 123 45 67".into(),
                channel: "portal".into(),
                purpose: "bind".into(),
                state: "refused".into(),
                refusal_ground: Some("not_in_register".into()),
                started_at: 1_764_000_000,
                updated_at: 1_764_000_180,
            },
            audit: vec![CaseLine {
                at: 1_764_000_000,
                actor: "900515410001".into(),
                action: AuditAction::CodeSent,
                detail: "request=r1".into(),
            }],
        };
        let json = file.to_json();
        assert!(
            json.starts_with(r#"{"audit":[{"action":"code_sent","actor":"900515410001","at":"#),
            "keys in the order stored case files have: {json}"
        );
        assert!(
            json.contains(r#""request":{"channel":"portal","id":"r1","number":"#),
            "{json}"
        );
        assert_eq!(CaseFile::from_json(&json), Some(file));
        assert_eq!(CaseFile::from_json("not json"), None);
    }
}

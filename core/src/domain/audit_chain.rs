//! The audit log's hash chains: what makes an edit, a deletion, an
//! insertion or a reordering of entries visible afterwards.
//!
//! Every entry belongs to one of a few chains and carries its number in the
//! chain (`seq`, from 1), the hash of the entry before it (`prev_hash`; the
//! first entry's is [`GENESIS`]) and its own hash, which covers the previous
//! hash and every field. Parallel writers append to different chains (on
//! PostgreSQL each database connection writes to one chain, so a
//! transaction never waits for two), and within a chain they queue on the
//! chain's head row. [`Walk`] checks one chain in `seq` order and names the
//! first entry that breaks it; an anchor (a chain's head signed with the
//! service's seal key) fixes a point that deleting the tail cannot move.

use sha2::{Digest, Sha256};

/// How many chains PostgreSQL's writers spread over (SQLite, one writer at
/// a time, uses chain 0 only). Fixed by the migration that made them.
pub const CHAINS: i64 = 8;

/// The previous hash of every chain's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry's place and contents, as its hash covers them. `at` is the
/// stored column (Unix seconds), so the hash never depends on formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    pub chain: i64,
    pub seq: i64,
    pub at: i64,
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub detail: &'a str,
}

/// The entry's hash, lowercase hex SHA-256 over a version tag, the
/// previous hash and each field length-prefixed (no two different entries
/// encode alike).
pub fn link_hash(prev_hash: &str, link: &Link<'_>) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(b"nomir-audit-v1");
    field(prev_hash.as_bytes());
    field(&link.chain.to_be_bytes());
    field(&link.seq.to_be_bytes());
    field(&link.at.to_be_bytes());
    field(link.actor.as_bytes());
    field(link.action.as_bytes());
    field(link.subject.as_bytes());
    field(link.detail.as_bytes());
    hex::encode(h.finalize())
}

/// A chain's last number and its hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub chain: i64,
    pub seq: i64,
    pub head: String,
}

/// What an anchor states: every chain's head at one moment. The service
/// signs exactly the bytes of its JSON ([`Statement::to_json`]) with its
/// seal key; the signature is a detached CMS anyone can check with the
/// seal certificate (`openssl cms -verify -binary -content ...`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Statement {
    /// Always "nomir-audit-anchor".
    pub kind: String,
    /// The provider's BIN, from its seal certificate.
    pub bin: String,
    /// When, RFC 3339 UTC.
    pub at: String,
    pub chains: Vec<Head>,
}

impl Statement {
    pub const KIND: &'static str = "nomir-audit-anchor";

    pub fn new(bin: &str, at: time::OffsetDateTime, chains: Vec<Head>) -> Self {
        let at = at
            .to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        Self {
            kind: Self::KIND.to_owned(),
            bin: bin.to_owned(),
            at,
            chains,
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a statement; `None` if it is not one.
    pub fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str::<Self>(json)
            .ok()
            .filter(|s| s.kind == Self::KIND)
    }
}

/// An entry as stored, read back for checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The row's id (insertion order).
    pub id: i64,
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// What is wrong where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's contents do not match its own hash.
    Edited { chain: i64, id: i64, seq: i64 },
    /// Entries `from..=to` of the chain are gone (found `to + 1` next, or
    /// the chain ends before the head or an anchor says it reached `to`).
    Deleted { chain: i64, from: i64, to: i64 },
    /// An entry that was never appended by the service: its number repeats
    /// one already seen, goes past the chain's head, or it has no chain.
    Inserted { chain: Option<i64>, id: i64 },
    /// The entry does not follow the one before it: entries were moved.
    Reordered { chain: i64, id: i64, seq: i64 },
    /// The chain's head, or an anchor, names another hash at this number.
    HeadDiffers { chain: i64, seq: i64 },
    /// The entries from before the chains began are not as many as when
    /// they began: some were added or deleted.
    BeforeChains { recorded: i64, found: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Edited { chain, id, seq } => write!(
                f,
                "entry {id} (chain {chain}, number {seq}) was edited: its contents do not match its hash"
            ),
            Break::Deleted { chain, from, to } if from == to => {
                write!(f, "entry number {from} of chain {chain} was deleted")
            }
            Break::Deleted { chain, from, to } => {
                write!(f, "entries {from} to {to} of chain {chain} were deleted")
            }
            Break::Inserted { chain: Some(chain), id } => {
                write!(f, "entry {id} was inserted into chain {chain}: the service never appended it")
            }
            Break::Inserted { chain: None, id } => {
                write!(f, "entry {id} was inserted outside every chain")
            }
            Break::Reordered { chain, id, seq } => write!(
                f,
                "entry {id} (chain {chain}, number {seq}) was moved: it does not follow the entry before it"
            ),
            Break::HeadDiffers { chain, seq } => write!(
                f,
                "chain {chain} at number {seq} is not what its head or an anchor recorded"
            ),
            Break::BeforeChains { recorded, found } => write!(
                f,
                "the entries from before the chains were {recorded} and are now {found}: some were added or deleted"
            ),
        }
    }
}

/// Checks one chain, entry by entry in `seq` order (then id).
#[derive(Debug, Clone)]
pub struct Walk {
    chain: i64,
    seq: i64,
    prev: String,
    last_id: i64,
    /// The hashes at the numbers anchors name, as found.
    seen: Vec<(i64, String)>,
    wanted: Vec<i64>,
}

impl Walk {
    /// A walk that also remembers the hashes at the numbers in `anchored`.
    pub fn new(chain: i64, anchored: Vec<i64>) -> Self {
        Self {
            chain,
            seq: 0,
            prev: GENESIS.to_owned(),
            last_id: i64::MIN,
            seen: Vec::new(),
            wanted: anchored,
        }
    }

    /// How many entries have been checked.
    pub fn count(&self) -> i64 {
        self.seq
    }

    /// The next entry, or where the chain breaks.
    pub fn step(&mut self, e: &Stored) -> Result<(), Break> {
        let chain = self.chain;
        if e.seq <= self.seq {
            return Err(Break::Inserted {
                chain: Some(chain),
                id: e.id,
            });
        }
        if e.seq > self.seq + 1 {
            return Err(Break::Deleted {
                chain,
                from: self.seq + 1,
                to: e.seq - 1,
            });
        }
        let link = Link {
            chain,
            seq: e.seq,
            at: e.at,
            actor: &e.actor,
            action: &e.action,
            subject: &e.subject,
            detail: &e.detail,
        };
        if e.prev_hash != self.prev || e.id < self.last_id {
            // It does not follow its predecessor: it was moved (or the
            // entry before it was).
            return Err(Break::Reordered {
                chain,
                id: e.id,
                seq: e.seq,
            });
        }
        if link_hash(&e.prev_hash, &link) != e.hash {
            return Err(Break::Edited {
                chain,
                id: e.id,
                seq: e.seq,
            });
        }
        self.seq = e.seq;
        self.prev = e.hash.clone();
        self.last_id = e.id;
        if self.wanted.contains(&e.seq) {
            self.seen.push((e.seq, e.hash.clone()));
        }
        Ok(())
    }

    /// The chain's end against its head row (`head_seq`, `head`).
    pub fn finish(&self, head_seq: i64, head: &str) -> Result<(), Break> {
        self.reaches(head_seq, head)
    }

    /// Whether the walked chain has `hash` at number `seq` (an anchor's
    /// claim; number 0 is the genesis).
    pub fn reaches(&self, seq: i64, hash: &str) -> Result<(), Break> {
        let chain = self.chain;
        if seq > self.seq {
            return Err(Break::Deleted {
                chain,
                from: self.seq + 1,
                to: seq,
            });
        }
        let found = if seq == self.seq {
            Some(self.prev.as_str())
        } else if seq == 0 {
            Some(GENESIS)
        } else {
            self.seen
                .iter()
                .find(|(s, _)| *s == seq)
                .map(|(_, h)| h.as_str())
        };
        match found {
            Some(h) if h == hash => Ok(()),
            _ => Err(Break::HeadDiffers { chain, seq }),
        }
    }

    /// An entry past the head was appended behind the service's back.
    pub fn past_head(&self, head_seq: i64) -> bool {
        self.seq > head_seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-formed chain of `n` entries (ids 10, 20, ...).
    fn chain(n: i64) -> Vec<Stored> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let detail = format!("request={seq}");
                let link = Link {
                    chain: 3,
                    seq,
                    at: 1_700_000_000 + seq,
                    actor: "900101300011",
                    action: "code_sent",
                    subject: "900101300011",
                    detail: &detail,
                };
                let hash = link_hash(&prev, &link);
                let e = Stored {
                    id: seq * 10,
                    seq,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                    at: link.at,
                    actor: link.actor.into(),
                    action: link.action.into(),
                    subject: link.subject.into(),
                    detail: detail.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn walk(entries: &[Stored]) -> Result<Walk, Break> {
        let mut w = Walk::new(3, vec![2]);
        for e in entries {
            w.step(e)?;
        }
        Ok(w)
    }

    fn head(entries: &[Stored]) -> (i64, String) {
        let last = entries.last().unwrap();
        (last.seq, last.hash.clone())
    }

    #[test]
    fn an_untouched_chain_holds_to_its_head_and_anchors() {
        let entries = chain(5);
        let (seq, hash) = head(&entries);
        let w = walk(&entries).unwrap();
        assert_eq!(w.count(), 5);
        assert_eq!(w.finish(seq, &hash), Ok(()));
        assert_eq!(w.reaches(2, &entries[1].hash), Ok(()));
        assert_eq!(w.reaches(0, GENESIS), Ok(()));
    }

    #[test]
    fn an_edited_field_is_named() {
        let mut entries = chain(5);
        entries[2].detail = "request=other".into();
        assert_eq!(
            walk(&entries).unwrap_err(),
            Break::Edited {
                chain: 3,
                id: 30,
                seq: 3
            }
        );
    }

    #[test]
    fn a_deleted_entry_is_named() {
        let mut entries = chain(5);
        entries.remove(1);
        assert_eq!(
            walk(&entries).unwrap_err(),
            Break::Deleted {
                chain: 3,
                from: 2,
                to: 2
            }
        );
    }

    #[test]
    fn a_deleted_tail_shows_against_the_head_and_an_anchor() {
        let entries = chain(5);
        let (seq, hash) = head(&entries);
        let w = walk(&entries[..3]).unwrap();
        assert_eq!(
            w.finish(seq, &hash),
            Err(Break::Deleted {
                chain: 3,
                from: 4,
                to: 5
            })
        );
        // An anchor at 4 still names the deletion when the head row was
        // rewritten to match the shortened chain.
        assert!(matches!(
            w.reaches(4, &entries[3].hash),
            Err(Break::Deleted { .. })
        ));
    }

    #[test]
    fn a_rewritten_history_differs_from_its_anchor() {
        let mut entries = chain(5);
        // Re-hash everything from entry 2 after an edit, as someone with
        // the database but without the anchor could.
        entries[1].detail = "forged".into();
        let mut prev = entries[0].hash.clone();
        for e in entries.iter_mut().skip(1) {
            e.prev_hash = prev.clone();
            e.hash = link_hash(
                &prev,
                &Link {
                    chain: 3,
                    seq: e.seq,
                    at: e.at,
                    actor: &e.actor,
                    action: &e.action,
                    subject: &e.subject,
                    detail: &e.detail,
                },
            );
            prev = e.hash.clone();
        }
        let anchored = chain(5)[1].hash.clone();
        let w = walk(&entries).unwrap();
        assert_eq!(
            w.reaches(2, &anchored),
            Err(Break::HeadDiffers { chain: 3, seq: 2 })
        );
    }

    #[test]
    fn an_inserted_entry_is_named() {
        let mut entries = chain(5);
        let mut forged = entries[2].clone();
        forged.id = 99;
        entries.insert(3, forged);
        assert_eq!(
            walk(&entries).unwrap_err(),
            Break::Inserted {
                chain: Some(3),
                id: 99
            }
        );
    }

    #[test]
    fn reordered_entries_are_named() {
        let mut entries = chain(5);
        // Swap the contents of 2 and 3, keeping their numbers in place.
        let (a, b) = (entries[1].clone(), entries[2].clone());
        entries[1] = Stored { seq: 2, ..b };
        entries[2] = Stored { seq: 3, ..a };
        assert_eq!(
            walk(&entries).unwrap_err(),
            Break::Reordered {
                chain: 3,
                id: 30,
                seq: 2
            }
        );
    }

    #[test]
    fn the_hash_covers_every_field_and_the_place() {
        let base = Link {
            chain: 0,
            seq: 1,
            at: 1,
            actor: "a",
            action: "b",
            subject: "c",
            detail: "d",
        };
        let h = link_hash(GENESIS, &base);
        let variants = [
            Link {
                chain: 1,
                ..base.clone()
            },
            Link {
                seq: 2,
                ..base.clone()
            },
            Link {
                at: 2,
                ..base.clone()
            },
            Link {
                actor: "ab",
                action: "",
                ..base.clone()
            },
            Link {
                subject: "cd",
                detail: "",
                ..base.clone()
            },
        ];
        for v in &variants {
            assert_ne!(link_hash(GENESIS, v), h, "{v:?}");
        }
        assert_ne!(link_hash(&"1".repeat(64), &base), h);
    }
}

//! Reading the audit log's hash chains back: every chain walked against its
//! head and the anchors (`nomir audit verify`), and the heads an anchor
//! states. How entries join a chain is in `audit.rs`; what makes a chain
//! whole is the domain's (`audit_chain`).

use sqlx::{AnyConnection, Row};

use super::Db;
use crate::domain::audit_chain::{Break, Head, Statement, Stored, Walk};
use crate::ports::StoreResult;

/// What a check of the whole log found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub chains: usize,
    /// Entries checked in chains.
    pub entries: i64,
    /// Entries from before the chains began (no chain to check them by).
    pub before_chains: i64,
    /// Anchors whose heads were found in the chains.
    pub anchors: usize,
    /// The first break, if any.
    pub broken: Option<Break>,
}

/// Entries read per query while walking a chain.
const PAGE: i64 = 2000;

impl Db {
    /// Every chain's head, in chain order.
    pub async fn chain_heads(&self) -> StoreResult<Vec<Head>> {
        let mut conn = self.pool().acquire().await?;
        read_heads(&mut conn).await
    }

    /// Keeps an anchor: its statement and the detached CMS over it (base64).
    pub async fn add_anchor(&self, at: i64, statement: &str, signature: &str) -> StoreResult<()> {
        sqlx::query("INSERT INTO audit_anchors (at, statement, signature) VALUES ($1, $2, $3)")
            .bind(at)
            .bind(statement)
            .bind(signature)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Walks every chain against its head, the stored anchors and `more`
    /// (anchors kept elsewhere), and stops at the first break. Everything
    /// is read in one snapshot, so entries appended meanwhile by a running
    /// service are not taken for forgeries.
    pub async fn check_audit_chains(&self, more: &[Statement]) -> StoreResult<ChainReport> {
        let mut tx = self.pool().begin().await?;
        if self.engine() == super::Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let report = check_in(&mut tx, more).await;
        tx.rollback().await?;
        report
    }
}

async fn check_in(conn: &mut AnyConnection, more: &[Statement]) -> StoreResult<ChainReport> {
    let mut anchors = read_anchors(conn).await?;
    anchors.extend_from_slice(more);
    let heads = read_heads(conn).await?;
    let (before_chains, stray) = before_and_stray(conn, &heads).await?;
    let mut report = ChainReport {
        chains: heads.len(),
        entries: 0,
        before_chains,
        anchors: anchors.len(),
        broken: stray,
    };
    for head in &heads {
        if report.broken.is_some() {
            break;
        }
        let claims: Vec<&Head> = anchors
            .iter()
            .flat_map(|a| a.chains.iter())
            .filter(|h| h.chain == head.chain)
            .collect();
        let mut walk = Walk::new(head.chain, claims.iter().map(|h| h.seq).collect());
        let outcome = walk_chain(conn, &mut walk, head).await?;
        report.entries += walk.count();
        report.broken = outcome
            .and_then(|()| walk.finish(head.seq, &head.head))
            .and_then(|()| {
                claims
                    .iter()
                    .try_for_each(|claim| walk.reaches(claim.seq, &claim.head))
            })
            .err();
    }
    Ok(report)
}

async fn read_heads(conn: &mut AnyConnection) -> StoreResult<Vec<Head>> {
    let rows = sqlx::query("SELECT chain, seq, head FROM audit_chains ORDER BY chain")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Head {
                chain: r.try_get("chain")?,
                seq: r.try_get("seq")?,
                head: r.try_get("head")?,
            })
        })
        .collect()
}

async fn read_anchors(conn: &mut AnyConnection) -> StoreResult<Vec<Statement>> {
    let rows = sqlx::query("SELECT statement FROM audit_anchors ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>("statement").ok())
        .filter_map(|s| Statement::from_json(&s))
        .collect())
}

/// Walks one chain in pages; entries past the head were never appended
/// by the service.
async fn walk_chain(
    conn: &mut AnyConnection,
    walk: &mut Walk,
    head: &Head,
) -> StoreResult<Result<(), Break>> {
    let (mut after_seq, mut after_id) = (i64::MIN, i64::MIN);
    loop {
        let rows = sqlx::query(
            "SELECT id, seq, prev_hash, hash, at, actor, action, subject, detail \
             FROM audit_log WHERE chain = $1 AND (seq > $2 OR (seq = $2 AND id > $3)) \
             ORDER BY seq, id LIMIT $4",
        )
        .bind(head.chain)
        .bind(after_seq)
        .bind(after_id)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        for r in &rows {
            let e = Stored {
                id: r.try_get("id")?,
                seq: r.try_get("seq")?,
                prev_hash: r
                    .try_get::<Option<String>, _>("prev_hash")?
                    .unwrap_or_default(),
                hash: r.try_get::<Option<String>, _>("hash")?.unwrap_or_default(),
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                subject: r.try_get("subject")?,
                detail: r.try_get("detail")?,
            };
            if e.seq > head.seq {
                return Ok(Err(Break::Inserted {
                    chain: Some(head.chain),
                    id: e.id,
                }));
            }
            if let Err(b) = walk.step(&e) {
                return Ok(Err(b));
            }
            (after_seq, after_id) = (e.seq, e.id);
        }
        if (rows.len() as i64) < PAGE {
            return Ok(Ok(()));
        }
    }
}

/// The entries from before the chains, held to what the migration that
/// began them recorded, and the first entry outside every chain's order:
/// unchained after the chains began, chained without a number or hash,
/// or in a chain that does not exist.
async fn before_and_stray(
    conn: &mut AnyConnection,
    heads: &[Head],
) -> StoreResult<(i64, Option<Break>)> {
    let start = sqlx::query("SELECT before_count, before_max_id FROM audit_chain_start")
        .fetch_one(&mut *conn)
        .await?;
    let (count, max_id): (i64, i64) = (
        start.try_get("before_count")?,
        start.try_get("before_max_id")?,
    );
    let late = sqlx::query(
        "SELECT id FROM audit_log WHERE (chain IS NULL AND id > $1) \
         OR (chain IS NOT NULL AND (seq IS NULL OR hash IS NULL OR prev_hash IS NULL)) \
         ORDER BY id LIMIT 1",
    )
    .bind(max_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(r) = late {
        let stray = Break::Inserted {
            chain: None,
            id: r.try_get("id")?,
        };
        return Ok((count, Some(stray)));
    }
    let now: i64 = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE chain IS NULL")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    if now != count {
        return Ok((
            now,
            Some(Break::BeforeChains {
                recorded: count,
                found: now,
            }),
        ));
    }
    let known: Vec<i64> = heads.iter().map(|h| h.chain).collect();
    let rows = sqlx::query(
        "SELECT MIN(id) AS id, chain FROM audit_log WHERE chain IS NOT NULL GROUP BY chain",
    )
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        let chain: i64 = r.try_get("chain")?;
        if !known.contains(&chain) {
            let stray = Break::Inserted {
                chain: Some(chain),
                id: r.try_get("id")?,
            };
            return Ok((count, Some(stray)));
        }
    }
    Ok((count, None))
}

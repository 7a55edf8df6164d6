//! How the store serialises competing writers, the same on one server or
//! several sharing one database.
//!
//! SQLite: every write transaction starts with `BEGIN IMMEDIATE`, which takes
//! the database's write lock at once, so writers queue (up to the busy
//! timeout) instead of failing when a read turns into a write.
//! PostgreSQL: row locks, taken first in each transaction, always in the
//! same order (account, then number), so there is no deadlock between them.

use sqlx::{Any, Transaction};

use super::{Db, Engine};
use crate::domain::{Iin, Msisdn};
use crate::ports::StoreResult;

pub(super) type Tx = Transaction<'static, Any>;

impl Db {
    /// A write transaction: immediate on SQLite, plain on PostgreSQL.
    pub(super) async fn begin_write(&self) -> StoreResult<Tx> {
        Ok(match self.engine() {
            Engine::Sqlite => self.pool().begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.pool().begin().await?,
        })
    }

    /// Locks the account's row until the transaction ends (PostgreSQL;
    /// SQLite's immediate transaction already excludes every other writer).
    pub(super) async fn lock_account_row(&self, tx: &mut Tx, iin: &Iin) -> StoreResult<()> {
        if self.engine() == Engine::Postgres {
            sqlx::query("SELECT iin FROM accounts WHERE iin = $1 FOR UPDATE")
                .bind(iin.as_str())
                .fetch_optional(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

/// Locks the number's row in `number_locks`, creating it on first use: an
/// upsert that updates locks the row on both engines.
pub(super) async fn lock_number_row(tx: &mut Tx, msisdn: &Msisdn) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO number_locks (msisdn) VALUES ($1) \
         ON CONFLICT (msisdn) DO UPDATE SET msisdn = excluded.msisdn",
    )
    .bind(msisdn.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

//! A live one-time code's wrong entry and its use, each decided by one
//! conditional statement: the same rules for a binding's codes
//! (`otp_challenges`) and a sign-in's (`sign_in_codes`).

use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::time_col::to_col;
use crate::ports::StoreResult;

/// The tables that hold codes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Codes {
    Binding,
    SignIn,
}

impl Codes {
    fn table(self) -> &'static str {
        match self {
            Self::Binding => "otp_challenges",
            Self::SignIn => "sign_in_codes",
        }
    }
}

/// Counts one wrong entry of the code `id` while it is live (unused, not
/// voided, not expired at `now`, under `max_tries`); the entry that
/// reaches `max_tries` voids it. The new count, or `None` if not live.
pub(super) async fn count_wrong(
    conn: &mut AnyConnection,
    codes: Codes,
    id: &str,
    now: OffsetDateTime,
    max_tries: u32,
) -> StoreResult<Option<u32>> {
    // In SET and WHERE, `wrong_tries` is the stored value; RETURNING gives the new one.
    let row = sqlx::query(&format!(
        "UPDATE {} SET wrong_tries = wrong_tries + 1, \
         voided_at = CASE WHEN wrong_tries + 1 >= $1 THEN $2 ELSE voided_at END \
         WHERE id = $3 AND wrong_tries < $1 AND used_at IS NULL AND voided_at IS NULL \
         AND expires_at > $2 RETURNING wrong_tries",
        codes.table()
    ))
    .bind(i64::from(max_tries))
    .bind(to_col(now))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok(u32::try_from(r.try_get::<i64, _>("wrong_tries")?).unwrap_or(u32::MAX)))
        .transpose()
}

/// Marks the code `id` used on the same conditions; false if it was not live.
pub(super) async fn use_code(
    conn: &mut AnyConnection,
    codes: Codes,
    id: &str,
    now: OffsetDateTime,
    max_tries: u32,
) -> StoreResult<bool> {
    let done = sqlx::query(&format!(
        "UPDATE {} SET used_at = $1 \
         WHERE id = $2 AND wrong_tries < $3 AND used_at IS NULL AND voided_at IS NULL \
         AND expires_at > $1",
        codes.table()
    ))
    .bind(to_col(now))
    .bind(id)
    .bind(i64::from(max_tries))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

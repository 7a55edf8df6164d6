//! Times are stored as Unix seconds, the one type both engines read alike.

use time::OffsetDateTime;

use crate::ports::StoreError;

pub fn to_col(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

pub fn from_col(s: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub fn from_opt(s: Option<i64>) -> Result<Option<OffsetDateTime>, StoreError> {
    s.map(from_col).transpose()
}

//! Tables behind the embedded operator registry and identity register.

use async_trait::async_trait;
use sqlx::Row;

use super::accounts::parse_iin;
use super::bindings::parse_msisdn;
use super::Db;
use crate::domain::{Iin, Msisdn};
use crate::ports::{
    IdentityRecord, IdentityStatus, RegistryStore, StoreError, StoreResult, Subscriber,
};

#[async_trait]
impl RegistryStore for Db {
    async fn upsert_subscriber(&self, s: &Subscriber) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO operator_subscribers (msisdn, operator, subscriber_iin, sim_changed_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (msisdn) DO UPDATE SET \
             operator = excluded.operator, subscriber_iin = excluded.subscriber_iin, \
             sim_changed_at = excluded.sim_changed_at",
        )
        .bind(s.msisdn.as_str())
        .bind(&s.operator)
        .bind(s.iin.as_str())
        .bind(s.sim_changed_at.map(super::time_col::to_col))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn subscriber(&self, msisdn: &Msisdn) -> StoreResult<Option<Subscriber>> {
        let row = sqlx::query(
            "SELECT msisdn, operator, subscriber_iin, sim_changed_at FROM operator_subscribers \
             WHERE msisdn = $1",
        )
        .bind(msisdn.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            Ok(Subscriber {
                msisdn: parse_msisdn(&r.try_get::<String, _>("msisdn")?)?,
                operator: r.try_get("operator")?,
                iin: parse_iin(&r.try_get::<String, _>("subscriber_iin")?)?,
                sim_changed_at: super::time_col::from_opt(r.try_get("sim_changed_at")?)?,
            })
        })
        .transpose()
    }

    async fn upsert_identity(&self, rec: &IdentityRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO identity_records (iin, name_cyrillic, name_latin, status, status_since) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (iin) DO UPDATE SET \
             name_cyrillic = excluded.name_cyrillic, name_latin = excluded.name_latin, \
             status = excluded.status, status_since = excluded.status_since",
        )
        .bind(rec.iin.as_str())
        .bind(&rec.name_cyrillic)
        .bind(&rec.name_latin)
        .bind(rec.status.code())
        .bind(rec.status_since.as_deref())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn identity(&self, iin: &Iin) -> StoreResult<Option<IdentityRecord>> {
        let row = sqlx::query(
            "SELECT iin, name_cyrillic, name_latin, status, status_since FROM identity_records \
             WHERE iin = $1",
        )
        .bind(iin.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| {
            let status: String = r.try_get("status")?;
            Ok(IdentityRecord {
                iin: parse_iin(&r.try_get::<String, _>("iin")?)?,
                name_cyrillic: r.try_get("name_cyrillic")?,
                name_latin: r.try_get("name_latin")?,
                status: IdentityStatus::from_code(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("identity status {status}")))?,
                status_since: r.try_get("status_since")?,
            })
        })
        .transpose()
    }
}

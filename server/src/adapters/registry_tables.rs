//! Embedded operator registry and identity register: tables loaded from the
//! CSV files in demo mode. Production plugs HTTP adapters in instead.

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::{Iin, Msisdn};
use time::OffsetDateTime;

use crate::ports::{
    Attribution, IdentityRecord, IdentityRegister, OperatorRegistry, RegistryStore, Subscriber,
    Unavailable,
};

pub struct TableRegistries(pub Arc<dyn RegistryStore>);

fn unavailable(system: &'static str, e: impl std::fmt::Display) -> Unavailable {
    Unavailable {
        system,
        reason: e.to_string(),
    }
}

#[async_trait]
impl OperatorRegistry for TableRegistries {
    async fn attribution(&self, msisdn: &Msisdn, iin: &Iin) -> Result<Attribution, Unavailable> {
        Ok(match self.subscriber(msisdn).await? {
            Some(s) if &s.iin == iin => Attribution::Theirs {
                operator: s.operator,
            },
            _ => Attribution::NotTheirs,
        })
    }

    async fn latest_sim_change(
        &self,
        msisdn: &Msisdn,
    ) -> Result<Option<OffsetDateTime>, Unavailable> {
        Ok(self
            .subscriber(msisdn)
            .await?
            .and_then(|s| s.sim_changed_at))
    }
}

impl TableRegistries {
    async fn subscriber(&self, msisdn: &Msisdn) -> Result<Option<Subscriber>, Unavailable> {
        self.0
            .subscriber(msisdn)
            .await
            .map_err(|e| unavailable("operator registry", e))
    }
}

#[async_trait]
impl IdentityRegister for TableRegistries {
    async fn person(&self, iin: &Iin) -> Result<Option<IdentityRecord>, Unavailable> {
        self.0
            .identity(iin)
            .await
            .map_err(|e| unavailable("identity register", e))
    }
}

//! Embedded operator registry and identity register: tables loaded from the
//! CSV files in demo mode. Production plugs HTTP adapters in instead.

use std::sync::Arc;

use async_trait::async_trait;

use crate::domain::{Iin, Msisdn};
use crate::ports::{
    IdentityRecord, IdentityRegister, OperatorRegistry, RegistryStore, Subscriber, Unavailable,
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

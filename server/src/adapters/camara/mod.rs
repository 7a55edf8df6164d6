//! The mobile operators over GSMA Open Gateway's CAMARA APIs, one client
//! per operator (OAuth 2.0 client credentials), each number sent to the
//! operator that holds it now (ported numbers, then number ranges).

mod oauth;
mod operator;
mod routing;

use std::collections::HashMap;

use async_trait::async_trait;
use time::OffsetDateTime;

pub use oauth::ClientCredentials;
pub use operator::OperatorSettings;

use super::resilient::Resilience;
use crate::domain::{Iin, Msisdn};
use crate::ports::{Attribution, OperatorRegistry, Unavailable};
use operator::OperatorApi;
use routing::Routes;

/// Every operator's settings (read by `config`).
#[derive(Debug, Clone)]
pub struct CamaraSettings {
    pub operators: Vec<OperatorSettings>,
    /// Ported numbers and the name of the operator each moved to.
    pub ported: Vec<(Msisdn, String)>,
    pub resilience: Resilience,
}

pub struct CamaraOperators {
    operators: Vec<OperatorApi>,
    routes: Routes,
}

impl CamaraOperators {
    pub fn new(settings: CamaraSettings) -> anyhow::Result<Self> {
        let index: HashMap<String, usize> = settings
            .operators
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i))
            .collect();
        let mut ported = HashMap::new();
        for (number, name) in &settings.ported {
            let i = index.get(name).ok_or_else(|| {
                anyhow::anyhow!(
                    "ported number {}: no operator named {name:?}",
                    number.masked()
                )
            })?;
            ported.insert(number.as_str().to_owned(), *i);
        }
        let ranges = settings
            .operators
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.ranges.iter().map(move |r| (r.clone(), i)))
            .collect();
        let operators = settings
            .operators
            .into_iter()
            .map(|o| OperatorApi::new(o, &settings.resilience))
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            operators,
            routes: Routes::new(ranges, ported),
        })
    }

    fn operator_of(&self, msisdn: &Msisdn) -> Result<&OperatorApi, Unavailable> {
        self.routes
            .operator_of(msisdn)
            .map(|i| &self.operators[i])
            .ok_or_else(|| Unavailable {
                system: "operator registry",
                reason: format!(
                    "no operator is configured for {} (add its range or the ported number)",
                    msisdn.masked()
                ),
            })
    }
}

#[async_trait]
impl OperatorRegistry for CamaraOperators {
    async fn attribution(&self, msisdn: &Msisdn, iin: &Iin) -> Result<Attribution, Unavailable> {
        self.operator_of(msisdn)?.kyc_match(msisdn, iin).await
    }

    async fn latest_sim_change(
        &self,
        msisdn: &Msisdn,
    ) -> Result<Option<OffsetDateTime>, Unavailable> {
        self.operator_of(msisdn)?.latest_sim_change(msisdn).await
    }
}

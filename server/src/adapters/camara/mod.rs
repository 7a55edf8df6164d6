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
use operator::{Kyc, OperatorApi};
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
    /// Numbers found at another operator than their route says (ported
    /// since the list was made), and which.
    learned: std::sync::Mutex<HashMap<String, usize>>,
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
            learned: std::sync::Mutex::default(),
        })
    }

    fn index_of(&self, msisdn: &Msisdn) -> Option<usize> {
        let learned = self.learned.lock().ok()?.get(msisdn.as_str()).copied();
        learned.or_else(|| self.routes.operator_of(msisdn))
    }

    fn operator_of(&self, msisdn: &Msisdn) -> Result<&OperatorApi, Unavailable> {
        self.index_of(msisdn)
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
    /// The number's operator answers. One that does not know the number
    /// (ported since the list was made) is not taken for a "no": the
    /// others are asked in turn, and the one that knows it is remembered.
    async fn attribution(&self, msisdn: &Msisdn, iin: &Iin) -> Result<Attribution, Unavailable> {
        let first = self.operator_of(msisdn)?;
        let theirs = |o: &OperatorApi| Attribution::Theirs {
            operator: o.name.clone(),
        };
        match first.kyc_match(msisdn, iin).await? {
            Kyc::Matches => return Ok(theirs(first)),
            Kyc::DoesNotMatch => return Ok(Attribution::NotTheirs),
            Kyc::UnknownNumber => {}
        }
        let mut failed = None;
        for (i, other) in self.operators.iter().enumerate() {
            if std::ptr::eq(other, first) {
                continue;
            }
            match other.kyc_match(msisdn, iin).await {
                Ok(Kyc::UnknownNumber) => continue,
                Ok(found) => {
                    if let Ok(mut learned) = self.learned.lock() {
                        learned.insert(msisdn.as_str().to_owned(), i);
                    }
                    return Ok(match found {
                        Kyc::Matches => theirs(other),
                        _ => Attribution::NotTheirs,
                    });
                }
                Err(e) => failed = Some(e),
            }
        }
        // Nobody knows it, unless an operator that could not answer does.
        match failed {
            Some(e) => Err(e),
            None => Ok(Attribution::NotTheirs),
        }
    }

    async fn latest_sim_change(
        &self,
        msisdn: &Msisdn,
    ) -> Result<Option<OffsetDateTime>, Unavailable> {
        self.operator_of(msisdn)?.latest_sim_change(msisdn).await
    }
}

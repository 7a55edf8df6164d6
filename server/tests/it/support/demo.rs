//! The demo data, keys and phone as tests use them.

use std::path::PathBuf;

use nomir::demo::pki::{KeyPair, CITIZENS_SUBDIR};
use nomir::ports::Clock;
use nomir::services::Ports;

use super::{engines, TestDb};

/// Every engine, each with the demo data loaded.
pub async fn engines_with_demo_data() -> Vec<TestDb> {
    let all = engines().await;
    for t in &all {
        nomir::demo::load(&t.ports).await.expect("demo data");
    }
    all
}

/// A demo citizen's key pair, e.g. `900515410001-sign`.
pub fn citizen_key(stem: &str) -> KeyPair {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("demo-pki")
        .join(CITIZENS_SUBDIR);
    KeyPair::load(&dir, stem).expect("demo key")
}

/// The operator reports that `number`'s SIM card (at Kcell, held by
/// `iin`) was changed just now, by the test's clock.
pub async fn sim_changed_now(t: &TestDb, number: &nomir::domain::Msisdn, iin: nomir::domain::Iin) {
    t.ports
        .registries
        .upsert_subscriber(&nomir::ports::Subscriber {
            msisdn: number.clone(),
            operator: "Kcell".into(),
            iin,
            sim_changed_at: Some(t.clock.now()),
        })
        .await
        .expect("subscriber");
}

/// The code in the newest SMS to `number` (E.164).
pub async fn code_sent_to(ports: &Ports, number: &str) -> String {
    let outbox = ports.outbox.outbox().await.expect("outbox");
    let sms = outbox
        .into_iter()
        .find(|m| m.msisdn.as_str() == number)
        .unwrap_or_else(|| panic!("no SMS to {number}"));
    sms.body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a six-digit code in the SMS")
        .to_owned()
}

/// Binds `number` to `iin`'s account at once, as a finished procedure
/// would have (for tests of what a bound number is used for).
pub async fn bind_directly(t: &TestDb, iin: &str, number: &str) {
    use nomir::ports::Clock;
    let binding = nomir::ports::Binding {
        id: uuid::Uuid::new_v4().to_string(),
        iin: nomir::domain::Iin::parse(iin).unwrap(),
        msisdn: nomir::domain::Msisdn::parse(number).unwrap(),
        operator: "Kcell".into(),
        channel: nomir::domain::Channel::Portal,
        bound_at: t.clock.now(),
        ended_at: None,
        end_reason: None,
    };
    assert!(t
        .ports
        .bindings
        .insert_binding_if_missing(&binding)
        .await
        .unwrap());
}

/// A six-digit code that is not `right`.
pub fn wrong_code(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// The operator's registry, with every number it does not know given to
/// `owner`: lets one citizen ask codes for many numbers (no code ever goes
/// to a number the operator gives someone else).
struct UnknownNumbersAre {
    owner: nomir::domain::Iin,
    real: std::sync::Arc<dyn nomir::ports::OperatorRegistry>,
    table: std::sync::Arc<dyn nomir::ports::RegistryStore>,
}

#[async_trait::async_trait]
impl nomir::ports::OperatorRegistry for UnknownNumbersAre {
    async fn attribution(
        &self,
        msisdn: &nomir::domain::Msisdn,
        iin: &nomir::domain::Iin,
    ) -> Result<nomir::ports::Attribution, nomir::ports::Unavailable> {
        let known = self.table.subscriber(msisdn).await.ok().flatten().is_some();
        if !known && iin == &self.owner {
            return Ok(nomir::ports::Attribution::Theirs {
                operator: "Kcell".into(),
            });
        }
        self.real.attribution(msisdn, iin).await
    }

    async fn latest_sim_change(
        &self,
        msisdn: &nomir::domain::Msisdn,
    ) -> Result<Option<time::OffsetDateTime>, nomir::ports::Unavailable> {
        self.real.latest_sim_change(msisdn).await
    }
}

/// Gives `owner` every number the demo operators do not know, in `t`.
pub fn unknown_numbers_are(t: &mut TestDb, owner: &str) {
    t.ports.operators = std::sync::Arc::new(UnknownNumbersAre {
        owner: nomir::domain::Iin::parse(owner).unwrap(),
        real: t.ports.operators.clone(),
        table: t.ports.registries.clone(),
    });
}

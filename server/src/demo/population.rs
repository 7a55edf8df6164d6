//! A generated population for load runs (`nomir demo-population N`, read
//! by `nomir load`): person `i` has an IIN with a right check digit, a
//! mobile number of their own (+7 778 …, a range no demo person uses), an
//! account with the demo password, a valid record in the identity register
//! and the number in the operator's registry. Both commands compute the
//! same person from the same `i`, so nothing else is shared between them.

use crate::domain::{Iin, Msisdn};

/// The most people a population can have (the number range's size).
pub const MAX: u64 = 10_000_000;

/// One generated person.
#[derive(Debug, Clone)]
pub struct Person {
    pub index: u64,
    pub iin: Iin,
    pub msisdn: Msisdn,
    pub name_cyrillic: String,
    pub name_latin: String,
}

/// Days from 1 January 1960 on which a person may be born, and serials
/// from 5000 on (the demo people's serials are below), so `i` alone gives
/// a unique IIN.
const BIRTH_DAYS: u64 = 14_000;

/// Person `i` (below [`MAX`]).
pub fn person(i: u64) -> Person {
    let born = time::macros::date!(1960 - 01 - 01) + time::Duration::days((i % BIRTH_DAYS) as i64);
    let century_gender = if i.is_multiple_of(2) { 3 } else { 4 };
    let mut serial = 5_000 + i / BIRTH_DAYS;
    let iin = loop {
        let stem = format!(
            "{:02}{:02}{:02}{century_gender}{serial:04}",
            born.year() % 100,
            u8::from(born.month()),
            born.day()
        );
        // A stem whose check digit would be 10 has no IIN: take a serial
        // 800 on. People born on one day have serials 5000 + 0..715, so
        // each step lands in a band of its own, never another's serial.
        if let Some(iin) = (0..10).find_map(|d| Iin::parse(&format!("{stem}{d}")).ok()) {
            break iin;
        }
        serial += 800;
    };
    let msisdn = Msisdn::parse(&format!("+7778{i:07}")).expect("a number in the +7 778 range");
    Person {
        index: i,
        iin,
        msisdn,
        name_cyrillic: format!("Жүктеме Азамат {i}"),
        name_latin: format!("Zhukteme Azamat {i}"),
    }
}

/// The API clients a load run uses: the demo's own allow 120 calls a
/// minute, a load needs more. (id, kind, scopes, secret.)
pub const LOAD_CLIENTS: [(&str, &str, &str, &str); 2] = [
    (
        "load-mobile-app",
        "mobile_app",
        "bind change",
        "load-mobile-app-secret",
    ),
    (
        "load-bank",
        "bank",
        "bind-with-documents-permission",
        "load-bank-secret",
    ),
];

/// What [`load`] added.
#[derive(Debug, Default)]
pub struct Added {
    pub accounts: u64,
    pub clients: u64,
}

/// Adds people `0..count` and the load clients to a demo database; refuses
/// a database without the demo data (so never a real one).
pub async fn load(db: &crate::database::Db, count: u64) -> anyhow::Result<Added> {
    use crate::database::PersonRow;
    use crate::ports::{AccountStore, ApiClientStore, Clock};
    use crate::services::api_clients::{self, NewClient, Registry};
    anyhow::ensure!(count <= MAX, "at most {MAX} people");
    let demo_person = Iin::parse("900515410001")?;
    anyhow::ensure!(
        db.account(&demo_person).await?.is_some(),
        "this database has no demo data: start `nomir serve --demo` on it first"
    );
    let clock = crate::ports::clock::SystemClock;
    let hash =
        tokio::task::spawn_blocking(|| crate::services::password::hash(super::DEMO_PASSWORD))
            .await??;
    let mut added = Added::default();
    // In parts, so a large population is not all in memory at once.
    let mut first = 0;
    while first < count {
        let last = (first + 20_000).min(count);
        let people: Vec<Person> = (first..last).map(person).collect();
        let rows: Vec<PersonRow<'_>> = people
            .iter()
            .map(|p| PersonRow {
                iin: &p.iin,
                msisdn: &p.msisdn,
                name_cyrillic: &p.name_cyrillic,
                name_latin: &p.name_latin,
            })
            .collect();
        added.accounts += db.add_population(&rows, &hash, clock.now()).await?;
        first = last;
    }
    let reg = Registry {
        clients: db,
        clock: &clock,
    };
    for (id, kind, scopes, secret) in LOAD_CLIENTS {
        let new = NewClient {
            id: crate::domain::api_client::ClientId::parse(id)?,
            name: format!("Load run ({kind})"),
            kind: kind
                .parse()
                .map_err(|_| anyhow::anyhow!("client kind {kind}"))?,
            scopes: crate::domain::api_client::Scopes::parse(scopes)?,
            calls_per_minute: 100_000_000,
        };
        if db.client(&new.id).await?.is_none() && api_clients::add_demo(reg, new, secret).await? {
            added.clients += 1;
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_valid_and_distinct() {
        let mut iins = std::collections::HashSet::new();
        let mut numbers = std::collections::HashSet::new();
        for i in (0..30_000).chain([MAX - 1]) {
            let p = person(i);
            assert!(
                iins.insert(p.iin.as_str().to_owned()),
                "{i}: {}",
                p.iin.as_str()
            );
            assert!(numbers.insert(p.msisdn.as_str().to_owned()));
        }
    }
}

//! How many of one costly kind of request run at once: at most so many in
//! all, and at most so many per source, so that a flood from one source
//! does not take every slot. A request that finds no slot is answered at
//! once (it does not wait in a queue that would hold its memory).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use app::source::Source;

#[derive(Debug)]
pub struct Slots {
    all: Arc<Semaphore>,
    /// How many each source holds; a source holding none has no entry, so
    /// the map has at most as many entries as requests in progress.
    per_source: Arc<Mutex<HashMap<Source, usize>>>,
    max_per_source: usize,
}

/// Why no slot was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// The source already holds its share: 429.
    Source,
    /// Every slot is taken: 503.
    All,
}

/// A slot, given back when dropped.
#[derive(Debug)]
pub struct Slot {
    _all: OwnedSemaphorePermit,
    _source: SourceShare,
}

#[derive(Debug)]
struct SourceShare {
    per_source: Arc<Mutex<HashMap<Source, usize>>>,
    source: Source,
}

impl Drop for SourceShare {
    fn drop(&mut self) {
        let mut map = self
            .per_source
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(n) = map.get_mut(&self.source) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&self.source);
            }
        }
    }
}

impl Slots {
    pub fn new(all: usize, per_source: usize) -> Self {
        Self {
            all: Arc::new(Semaphore::new(all)),
            per_source: Arc::new(Mutex::new(HashMap::new())),
            max_per_source: per_source,
        }
    }

    /// A slot for `source`, if it has fewer than its share and one is free.
    pub fn try_take(&self, source: &Source) -> Result<Slot, Full> {
        let share = {
            let mut map = self
                .per_source
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let n = map.entry(source.clone()).or_insert(0);
            if *n >= self.max_per_source {
                return Err(Full::Source);
            }
            *n += 1;
            SourceShare {
                per_source: self.per_source.clone(),
                source: source.clone(),
            }
        };
        // Without a free slot in all, `share` drops and gives its place back.
        let all = self
            .all
            .clone()
            .try_acquire_owned()
            .map_err(|_| Full::All)?;
        Ok(Slot {
            _all: all,
            _source: share,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(s: &str) -> Source {
        Source(s.to_owned())
    }

    #[test]
    fn a_source_gets_its_share_and_everyone_the_total() {
        let slots = Slots::new(3, 2);
        let a1 = slots.try_take(&source("a")).unwrap();
        let _a2 = slots.try_take(&source("a")).unwrap();
        assert_eq!(slots.try_take(&source("a")).unwrap_err(), Full::Source);
        let _b1 = slots.try_take(&source("b")).unwrap();
        assert_eq!(slots.try_take(&source("c")).unwrap_err(), Full::All);
        // A refusal for want of a slot does not count against the source.
        assert!(!slots.per_source.lock().unwrap().contains_key(&source("c")));
        drop(a1);
        let _c1 = slots.try_take(&source("c")).unwrap();
        assert_eq!(slots.try_take(&source("a")).unwrap_err(), Full::All);
    }

    #[test]
    fn given_back_slots_leave_no_entry() {
        let slots = Slots::new(8, 2);
        for i in 0..100 {
            let s = slots.try_take(&source(&i.to_string())).unwrap();
            drop(s);
        }
        assert!(slots.per_source.lock().unwrap().is_empty());
        assert_eq!(slots.all.available_permits(), 8);
    }
}

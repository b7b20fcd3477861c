//! In-memory stand-ins for DropIt's ports, so that the use-cases' rules can be tested without a
//! database (compiled for the domain's own tests and, with the `testing` feature, for other
//! crates' tests).
//!
//! [`MemoryStore`] keeps what the SQL adapters keep and answers as they do, as the store
//! contract suite pins them down: every record is scoped by its club (another club's ids are
//! "not found"), a write carrying a version that moved on is a `Conflict`, unique names and
//! emails are `Duplicate`, a used exercise is `InUse`, a club keeps its last owner, ids are
//! handed out increasing. Every write is all or nothing: it works on a copy of the data, which
//! replaces the data only when the write succeeds, as a transaction commits.

mod accounts;
mod athletes;
mod catalogue;
mod fakes;
mod planning;
mod tables;
mod workouts;

pub use fakes::{MemoryMedia, PlainHasher, RecordedPauses};

use crate::ports::{Store, StoreResult};
use async_trait::async_trait;
use std::sync::{Mutex, MutexGuard, PoisonError};
use tables::State;

/// Every port of [`Store`], in memory. Cheap to make: one per test.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock left whole data behind: writes replace
        // the data in one assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn read<T>(&self, read: impl FnOnce(&State) -> T) -> T {
        read(&self.lock())
    }

    /// Runs a write on a copy of the data and keeps the copy only if the write succeeds.
    fn write<T>(&self, write: impl FnOnce(&mut State) -> StoreResult<T>) -> StoreResult<T> {
        let mut state = self.lock();
        let mut draft = state.clone();
        let answer = write(&mut draft)?;
        *state = draft;
        Ok(answer)
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn ping(&self) -> StoreResult<()> {
        Ok(())
    }
}

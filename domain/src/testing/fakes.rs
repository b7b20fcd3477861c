//! Stand-ins for the other ports the use-cases take: password hashing, pauses and media files.

use crate::error::StoreError;
use crate::media::{MediaError, MediaStore, Staged};
use crate::ports::{PasswordHasher, Pause};
use async_trait::async_trait;
use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard, PoisonError};

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A "hash" that is the password with a prefix: instant, and a test can read what was stored.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlainHasher;

impl PlainHasher {
    pub fn hash_of(password: &str) -> String {
        format!("plain:{password}")
    }
}

#[async_trait]
impl PasswordHasher for PlainHasher {
    async fn hash(&self, password: &str) -> Result<String, StoreError> {
        Ok(Self::hash_of(password))
    }

    async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        hash == Some(Self::hash_of(password).as_str())
    }
}

/// Pauses that return at once and are remembered, so a test can see how long the throttle
/// made an attempt wait.
#[derive(Debug, Default)]
pub struct RecordedPauses {
    taken: Mutex<Vec<chrono::Duration>>,
}

impl RecordedPauses {
    /// Every pause asked for, in order.
    pub fn taken(&self) -> Vec<chrono::Duration> {
        lock(&self.taken).clone()
    }
}

#[async_trait]
impl Pause for RecordedPauses {
    async fn pause(&self, duration: chrono::Duration) {
        lock(&self.taken).push(duration);
    }
}

/// Media files as a set of keys, and the staged uploads that were discarded.
#[derive(Debug, Default)]
pub struct MemoryMedia {
    files: Mutex<BTreeSet<String>>,
    discarded: Mutex<Vec<String>>,
}

impl MemoryMedia {
    /// The keys of the files kept, in order.
    pub fn files(&self) -> Vec<String> {
        lock(&self.files).iter().cloned().collect()
    }

    /// The staged uploads given up (by their id).
    pub fn discarded(&self) -> Vec<String> {
        lock(&self.discarded).clone()
    }
}

#[async_trait]
impl MediaStore for MemoryMedia {
    async fn keep(&self, _staged: &Staged, key: &str) -> Result<(), MediaError> {
        lock(&self.files).insert(key.to_owned());
        Ok(())
    }

    async fn discard(&self, staged: &Staged) {
        lock(&self.discarded).push(staged.id.clone());
    }

    async fn delete(&self, key: &str) -> Result<(), MediaError> {
        lock(&self.files).remove(key);
        Ok(())
    }
}

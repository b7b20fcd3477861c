//! The secrets DropIt hands out in links and cookies (invitation links, known devices): 32
//! random bytes, hex-encoded, of which the database keeps only a hash, so a database leak does
//! not hand out working secrets.

use sha2::{Digest, Sha256};
use std::fmt;

/// 64 lowercase hex digits. Its `Debug` writes `***`, so logs never show it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl Secret {
    /// Wraps 32 random bytes made by the caller's random source.
    pub(crate) fn from_random_bytes(bytes: [u8; 32]) -> Self {
        Self(hex::encode(bytes))
    }

    /// A secret as it comes back; `None` unless it is 64 hex digits (upper case is folded).
    pub(crate) fn parse(raw: &str) -> Option<Self> {
        (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(raw.to_ascii_lowercase()))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The SHA-256 of the secret, hex-encoded: what the database keeps.
    pub(crate) fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

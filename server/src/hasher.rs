//! Password hashing with argon2id (the domain's `PasswordHasher` port).

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use domain::StoreError;
use domain::ports::PasswordHasher;

/// argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
#[derive(Debug, Default, Clone)]
pub struct Argon2Hasher;

impl Argon2Hasher {
    fn argon2() -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
    }
}

impl PasswordHasher for Argon2Hasher {
    fn hash(&self, password: &str) -> Result<String, StoreError> {
        let salt = SaltString::generate(&mut OsRng);
        Self::argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Backend(format!("password hashing failed: {e}")))
    }

    fn verify(&self, password: &str, hash: &str) -> bool {
        PasswordHash::new(hash)
            .map(|parsed| {
                Self::argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_their_password() {
        let hasher = Argon2Hasher;
        let hash = hasher.hash("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("correct horse battery", &hash));
        assert!(!hasher.verify("correct horse batterY", &hash));
        assert!(!hasher.verify("anything", "not a hash"));
        // Salted: the same password never gives the same hash.
        assert_ne!(hash, hasher.hash("correct horse battery").expect("hash"));
    }
}

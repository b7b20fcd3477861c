//! Password hashing with argon2id (the domain's `PasswordHasher` port), and the timer behind the
//! login delays (the `Pause` port).

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use async_trait::async_trait;
use domain::StoreError;
use domain::ports::{Offload, PasswordHasher, Pause};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

/// argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
///
/// Each hash takes tens of milliseconds of CPU and 19 MiB of memory, so it runs on tokio's
/// blocking threads (never on the workers that serve requests), and at most as many at once as
/// there are cores: a burst of logins waits in line instead of exhausting memory.
#[derive(Debug, Clone)]
pub struct Argon2Hasher {
    permits: Arc<Semaphore>,
}

impl Default for Argon2Hasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            permits: Arc::new(Semaphore::new(cores)),
        }
    }
}

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

fn hash_now(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Backend(format!("password hashing failed: {e}")))
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// What a login with an unknown email is checked against: a hash made once, with the same
/// parameters as every account's, of a password nobody knows.
fn stand_in() -> &'static str {
    static STAND_IN: OnceLock<String> = OnceLock::new();
    STAND_IN.get_or_init(|| {
        use argon2::password_hash::rand_core::RngCore;
        let mut secret = [0u8; 32];
        OsRng.fill_bytes(&mut secret);
        hash_now(&hex::encode(secret)).unwrap_or_default()
    })
}

impl Argon2Hasher {
    /// Runs `work` on a blocking thread, once a permit is free. The permit goes with the work:
    /// a request given up while its hash runs does not free a place before the hash ends.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, StoreError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| StoreError::Backend("password hashing stopped".into()))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| StoreError::Backend(format!("password hashing failed: {e}")))
    }
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &str) -> Result<String, StoreError> {
        let password = password.to_owned();
        self.run(move || hash_now(&password)).await?
    }

    async fn verify(&self, password: &str, hash: Option<&str>) -> bool {
        let password = password.to_owned();
        let (hash, known) = match hash {
            Some(hash) => (hash.to_owned(), true),
            None => (stand_in().to_owned(), false),
        };
        self.run(move || verify_now(&password, &hash) && known)
            .await
            .unwrap_or(false)
    }
}

/// CPU-heavy steps of use-cases (checking an imported file), on tokio's blocking threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct BlockingOffload;

#[async_trait]
impl Offload for BlockingOffload {
    async fn run(&self, job: Box<dyn FnOnce() + Send>) {
        if let Err(e) = tokio::task::spawn_blocking(job).await {
            tracing::error!(error = %e, "an offloaded job failed");
        }
    }
}

/// The login delays, on tokio's timer: a waiting attempt holds no thread.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioPause;

#[async_trait]
impl Pause for TokioPause {
    async fn pause(&self, duration: chrono::Duration) {
        if let Ok(duration) = duration.to_std() {
            tokio::time::sleep(duration).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_their_password() {
        let hasher = Argon2Hasher::default();
        let hash = hasher.hash("correct horse battery").await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("correct horse battery", Some(&hash)).await);
        assert!(!hasher.verify("correct horse batterY", Some(&hash)).await);
        assert!(!hasher.verify("anything", Some("not a hash")).await);
        // Salted: the same password never gives the same hash.
        assert_ne!(hash, hasher.hash("correct horse battery").await.expect("hash"));
    }

    #[tokio::test]
    async fn an_unknown_account_costs_a_real_verification_and_never_matches() {
        let hasher = Argon2Hasher::default();
        assert!(
            stand_in().starts_with("$argon2id$"),
            "the stand-in is a real argon2id hash"
        );
        assert!(!hasher.verify("", None).await);
        assert!(!hasher.verify("correct horse battery", None).await);
    }
}

//! Login throttling: too many failed attempts for one account or from one address pause logins.

use chrono::{DateTime, Duration, Utc};

/// The limits; the defaults fit a club (few people, one gym's shared address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    /// Failures allowed per account within the window.
    pub per_account: u32,
    /// Failures allowed per network address within the window.
    pub per_address: u32,
    pub window: Duration,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_address: 20,
            window: Duration::minutes(15),
        }
    }
}

/// The keys under which failures are counted.
pub fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

pub fn address_key(address: &str) -> String {
    format!("address:{address}")
}

impl LoginThrottle {
    /// Failures older than this do not count any more.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window
    }

    /// `Err(seconds to wait)` once either counter has reached its limit.
    pub fn check(&self, account_failures: u32, address_failures: u32) -> Result<(), i64> {
        if account_failures >= self.per_account || address_failures >= self.per_address {
            Err(self.window.num_seconds())
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_on_an_account_is_refused() {
        let t = LoginThrottle::default();
        assert_eq!(t.check(4, 4), Ok(()));
        assert_eq!(t.check(5, 0), Err(900));
    }

    #[test]
    fn one_address_guessing_many_accounts_is_refused() {
        let t = LoginThrottle::default();
        assert_eq!(t.check(0, 19), Ok(()));
        assert_eq!(t.check(0, 20), Err(900));
    }

    #[test]
    fn keys_ignore_case_of_emails() {
        assert_eq!(account_key(" Ana@Club.fr"), account_key("ana@club.fr"));
        assert_ne!(account_key("ana@club.fr"), address_key("ana@club.fr"));
    }
}

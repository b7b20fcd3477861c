//! Throttling of logins and sign-ups, so that passwords cannot be guessed online and a stranger
//! cannot lock an account's owner out.
//!
//! - **Per network address**, failed logins are limited: once an address has used its budget
//!   in the window, its logins are refused until the window ends, whatever the account. This
//!   stops one machine guessing, for one account or many.
//! - **Per account**, failures make every next attempt wait longer before its password is even
//!   checked (a growing delay, capped), but the right password is never refused: a stranger
//!   hammering an account slows its owner down by the cap at most, never locks them out.
//!
//! Counting is atomic: an attempt takes its place in the counters *before* its password is
//! checked (the store's [`crate::ports::ThrottleStore::hit`] is one upsert that answers the new
//! count), so fifty attempts sent at once are fifty places, not fifty reads of "no failure
//! yet". A successful login gives its place on the address back and clears the account.
//!
//! Counter keys are fixed-length: the account key is a hash of the normalised email, so what a
//! visitor types never grows the table's keys.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// The limits. The defaults fit a club: a gym's athletes may share one address, and a person
/// mistypes a password a few times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed logins allowed from one address within `window`.
    pub failures_per_address: u32,
    /// Failed logins an account takes without any delay.
    pub free_failures_per_account: u32,
    /// The longest an attempt on an account ever waits.
    pub max_delay: Duration,
    /// How long failures count.
    pub window: Duration,
    /// New clubs one address may sign up within `signup_window`.
    pub signups_per_address: u32,
    pub signup_window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            failures_per_address: 20,
            free_failures_per_account: 3,
            max_delay: Duration::seconds(16),
            window: Duration::minutes(15),
            signups_per_address: 5,
            signup_window: Duration::hours(1),
        }
    }
}

/// A counter of the throttle store: a short, fixed-size text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    /// Failed logins on an account, by its email (trimmed and without case): a hash, so the
    /// key has the same length whatever was typed.
    pub fn account(email: &str) -> Self {
        let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
        Self(format!("account:{}", hex::encode(&digest[..16])))
    }

    /// Failed logins from a network address (an IP address, at most 45 characters).
    pub fn login_address(address: std::net::IpAddr) -> Self {
        Self(format!("login:{address}"))
    }

    /// Clubs signed up from a network address.
    pub fn signup_address(address: std::net::IpAddr) -> Self {
        Self(format!("signup:{address}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Limits {
    /// Counts that started before this are over.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.window
    }

    pub fn signup_window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.signup_window
    }

    /// `Err(seconds to wait)` when an address has reached its budget of failures; `attempts`
    /// counts this attempt too.
    pub fn check_address(&self, attempts: u32) -> Result<(), i64> {
        if attempts > self.failures_per_address {
            Err(self.window.num_seconds())
        } else {
            Ok(())
        }
    }

    /// How long the `attempt`-th attempt on an account within the window waits before its
    /// password is checked: nothing for the first few, then 1 s, 2 s, 4 s… up to the cap.
    pub fn account_delay(&self, attempt: u32) -> Duration {
        let delayed = attempt.saturating_sub(self.free_failures_per_account + 1);
        if delayed == 0 {
            return Duration::zero();
        }
        let seconds = 1_i64.checked_shl(delayed - 1).unwrap_or(i64::MAX);
        Duration::seconds(seconds.min(self.max_delay.num_seconds()))
    }

    /// `Err(seconds to wait)` once an address has signed up its budget of clubs; `signups`
    /// counts this one too.
    pub fn check_signup(&self, signups: u32) -> Result<(), i64> {
        if signups > self.signups_per_address {
            Err(self.signup_window.num_seconds())
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv6Addr};

    #[test]
    fn an_address_has_a_budget_of_failures() {
        let limits = Limits::default();
        assert_eq!(limits.check_address(20), Ok(()));
        assert_eq!(limits.check_address(21), Err(900));
    }

    #[test]
    fn an_account_waits_longer_after_each_failure_up_to_the_cap() {
        let limits = Limits::default();
        let delays: Vec<i64> = (1..=12).map(|n| limits.account_delay(n).num_seconds()).collect();
        assert_eq!(delays, [0, 0, 0, 0, 1, 2, 4, 8, 16, 16, 16, 16]);
        assert_eq!(limits.account_delay(u32::MAX), Duration::seconds(16));
    }

    #[test]
    fn signups_have_a_budget_per_address() {
        let limits = Limits::default();
        assert_eq!(limits.check_signup(5), Ok(()));
        assert_eq!(limits.check_signup(6), Err(3600));
    }

    #[test]
    fn keys_have_a_fixed_length_and_ignore_the_case_of_emails() {
        assert_eq!(Key::account(" Ana@Club.fr"), Key::account("ana@club.fr"));
        assert_ne!(Key::account("ana@club.fr"), Key::account("bob@club.fr"));
        let huge = "a".repeat(1_000_000);
        assert_eq!(
            Key::account(&huge).as_str().len(),
            Key::account("a@b.c").as_str().len()
        );
        let v6 = IpAddr::V6(Ipv6Addr::new(
            0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff,
        ));
        assert!(Key::login_address(v6).as_str().len() <= 64);
        assert_ne!(Key::login_address(v6).as_str(), Key::signup_address(v6).as_str());
    }
}

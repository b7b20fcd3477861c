//! Throttling of logins and sign-ups, so that passwords cannot be guessed online and a stranger
//! cannot lock an account's owner out.
//!
//! - **Per network address** (an IPv4 address, or an IPv6 /64: one subscriber's block), failed
//!   logins are limited: once an address has used its budget in the window, its logins are
//!   refused until the window ends, whatever the account. This stops one machine guessing.
//! - **Per account**, attempts are *scheduled one after the other*: after a few free failures,
//!   each attempt may only be checked some time after the previous one (1 s, 2 s, 4 s … up to
//!   16 s). Attempts sent in parallel queue up behind each other instead of all being checked
//!   at once, so guessing one account is bounded to one try per 16 s however many machines
//!   take part. An attempt whose turn is further away than [`Limits::max_wait`] is refused
//!   (that only happens during a flood of attempts on the account).
//! - **Known devices** skip the per-account schedule: a browser that logged in to an account
//!   before carries a device token (a cookie) and is never delayed or refused for that
//!   account's sake. A stranger flooding an account slows down only new devices, so the owner
//!   is never locked out of their own phone or computer.
//!
//! Counters are read and replaced atomically by the store
//! ([`crate::ports::ThrottleStore::update_throttle`]): an attempt takes its place before its
//! password is checked, so concurrent attempts each see the ones before them. Their keys are
//! fixed-size: the account key is a hash of the normalised email.

use crate::token::Secret;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// The limits. The defaults fit a club: a gym's athletes may share one address, and a person
/// mistypes a password a few times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed logins allowed from one address within `window`.
    pub failures_per_address: u32,
    /// Failed logins an account takes before its attempts are spaced out.
    pub free_failures_per_account: u32,
    /// The longest space between two checked attempts on one account.
    pub max_spacing: Duration,
    /// The longest an attempt waits for its turn; one whose turn is further away is refused.
    pub max_wait: Duration,
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
            max_spacing: Duration::seconds(16),
            max_wait: Duration::seconds(20),
            window: Duration::minutes(15),
            signups_per_address: 5,
            signup_window: Duration::hours(1),
        }
    }
}

/// A counter of the throttle store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// Events counted in the current window.
    pub count: u32,
    /// When the current window started.
    pub window_start: DateTime<Utc>,
    /// When the next attempt may be checked (the per-account schedule; `window_start` for
    /// counters without one).
    pub next_at: DateTime<Utc>,
}

impl Counter {
    fn fresh(now: DateTime<Utc>) -> Self {
        Self {
            count: 0,
            window_start: now,
            next_at: now,
        }
    }

    /// The counter as it stands at `now`: a window that started `window` ago or more is over.
    fn current(counter: Option<Counter>, now: DateTime<Utc>, window: Duration) -> Counter {
        counter
            .filter(|c| c.window_start > now - window)
            .unwrap_or_else(|| Counter::fresh(now))
    }
}

/// A counter of the throttle store: a short, fixed-size text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    /// Attempts on an account, by its email (trimmed and without case): a hash, so the key has
    /// the same length whatever was typed.
    pub fn account(email: &str) -> Self {
        let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
        Self(format!("account:{}", hex::encode(&digest[..16])))
    }

    /// Failed logins from a network address.
    pub fn login_address(address: IpAddr) -> Self {
        Self(format!("login:{}", network(address)))
    }

    /// Clubs signed up from a network address.
    pub fn signup_address(address: IpAddr) -> Self {
        Self(format!("signup:{}", network(address)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What one client controls: an IPv4 address, or the /64 an IPv6 address belongs to (a
/// subscriber usually has a whole /64, 2^64 addresses, to hop between).
fn network(address: IpAddr) -> String {
    match address.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let [a, b, c, d, ..] = v6.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
    }
}

/// What the per-account schedule says of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// Check the password after waiting this long.
    After(Duration),
    /// Refused: the account's queue is too long; retry in this many seconds.
    Refused { retry_after_secs: i64 },
}

impl Limits {
    /// Counts one more event (a login attempt from an address, a sign-up) in a counter
    /// windowed by `window`.
    pub fn count(counter: Option<Counter>, now: DateTime<Utc>, window: Duration) -> Counter {
        let current = Counter::current(counter, now, window);
        Counter {
            count: current.count.saturating_add(1),
            ..current
        }
    }

    /// Gives one event back (an attempt that turned out to be a right password).
    pub fn uncount(counter: Option<Counter>, now: DateTime<Utc>) -> Counter {
        let current = counter.unwrap_or_else(|| Counter::fresh(now));
        Counter {
            count: current.count.saturating_sub(1),
            ..current
        }
    }

    /// Whether an address, its counter including this attempt, is within its budget;
    /// `Err(seconds to wait)` otherwise.
    pub fn check_address(&self, counter: &Counter, now: DateTime<Utc>) -> Result<(), i64> {
        if counter.count > self.failures_per_address {
            Err(seconds_until(counter.window_start + self.window, now))
        } else {
            Ok(())
        }
    }

    /// `Some(seconds to wait)` when an address has already spent its budget: read before
    /// counting, so a refused attempt writes nothing.
    pub fn address_spent(&self, counter: Option<Counter>, now: DateTime<Utc>) -> Option<i64> {
        let current = Counter::current(counter, now, self.window);
        (current.count >= self.failures_per_address)
            .then(|| seconds_until(current.window_start + self.window, now))
    }

    /// The space after the `attempt`-th attempt on an account within the window: nothing for
    /// the first few, then 1 s, 2 s, 4 s… up to the cap.
    pub fn spacing(&self, attempt: u32) -> Duration {
        let spaced = attempt.saturating_sub(self.free_failures_per_account);
        if spaced == 0 {
            return Duration::zero();
        }
        // 2^30 seconds is far past any cap: the shift never overflows.
        let seconds = 1_i64 << (spaced - 1).min(30);
        Duration::seconds(seconds.min(self.max_spacing.num_seconds()))
    }

    /// Schedules an attempt on an account: the counter after it, and its turn. A refused
    /// attempt leaves the counter as it was.
    pub fn schedule(&self, counter: Option<Counter>, now: DateTime<Utc>) -> (Counter, Turn) {
        let current = Counter::current(counter, now, self.window);
        let slot = current.next_at.max(now);
        let wait = slot - now;
        if wait > self.max_wait {
            let retry_after_secs = seconds_until(slot - self.max_wait, now).max(1);
            return (current, Turn::Refused { retry_after_secs });
        }
        let attempt = current.count.saturating_add(1);
        let next = Counter {
            count: attempt,
            window_start: current.window_start,
            next_at: slot + self.spacing(attempt),
        };
        (next, Turn::After(wait))
    }

    /// The counter of an account whose right password was given: its failures are forgotten.
    pub fn forgive(now: DateTime<Utc>) -> Counter {
        Counter::fresh(now)
    }

    /// Whether an address, its counter including this sign-up, is within its budget;
    /// `Err(seconds to wait)` otherwise.
    pub fn check_signup(&self, counter: &Counter, now: DateTime<Utc>) -> Result<(), i64> {
        if counter.count > self.signups_per_address {
            Err(seconds_until(counter.window_start + self.signup_window, now))
        } else {
            Ok(())
        }
    }
}

fn seconds_until(at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let millis = (at - now).num_milliseconds().max(0);
    (millis + 999) / 1000
}

/// A device that logged in to an account before (a long-lived cookie): its attempts on that
/// account skip the schedule. Only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceToken(Secret);

impl DeviceToken {
    /// Wraps a token: 32 random bytes, hex-encoded, made by the caller's random source.
    pub fn from_random_bytes(bytes: [u8; 32]) -> Self {
        Self(Secret::from_random_bytes(bytes))
    }

    /// A token as a cookie carries it; `None` unless it has the shape of one.
    pub fn parse(raw: &str) -> Option<Self> {
        Secret::parse(raw).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// What the database keeps of the token.
    pub fn hash(&self) -> String {
        self.0.hash()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("valid time")
    }

    /// Counts `failures` at `t0()` in `window`, checking that `check` lets each one through;
    /// the counter after them.
    fn spend(
        failures: usize,
        window: Duration,
        check: impl Fn(&Counter, DateTime<Utc>) -> Result<(), i64>,
    ) -> Option<Counter> {
        let mut counter = None;
        for failure in 1..=failures {
            let next = Limits::count(counter, t0(), window);
            assert_eq!(check(&next, t0()), Ok(()), "failure {failure}");
            counter = Some(next);
        }
        counter
    }

    #[test]
    fn an_address_has_a_budget_of_failures_in_its_window() {
        let limits = Limits::default();
        let counter = spend(20, limits.window, |c, now| limits.check_address(c, now));
        assert_eq!(limits.address_spent(counter, t0()), Some(900));
        let over = Limits::count(counter, t0() + Duration::minutes(5), limits.window);
        assert_eq!(
            limits.check_address(&over, t0() + Duration::minutes(5)),
            Err(600),
            "retry when the window ends"
        );
        let later = t0() + Duration::minutes(15);
        assert_eq!(limits.address_spent(counter, later), None, "the window is over");
        assert_eq!(Limits::count(counter, later, limits.window).count, 1);
    }

    #[test]
    fn attempts_on_an_account_are_spaced_out_after_a_few_failures() {
        let limits = Limits::default();
        let spaces: Vec<i64> = (1..=12).map(|n| limits.spacing(n).num_seconds()).collect();
        assert_eq!(spaces, [0, 0, 0, 1, 2, 4, 8, 16, 16, 16, 16, 16]);
        for attempt in [31, 32, 33, 63, 64, 65, 68, 1_000, u32::MAX] {
            assert_eq!(
                limits.spacing(attempt),
                Duration::seconds(16),
                "attempt {attempt}"
            );
        }
    }

    #[test]
    fn attempts_sent_at_once_queue_up_and_a_flood_is_refused() {
        let limits = Limits::default();
        let mut counter = None;
        let mut turns = Vec::new();
        for _ in 0..12 {
            let (next, turn) = limits.schedule(counter, t0());
            counter = Some(next);
            turns.push(turn);
        }
        let waits: Vec<Turn> = [0, 0, 0, 0, 1, 3, 7, 15]
            .iter()
            .map(|s| Turn::After(Duration::seconds(*s)))
            .collect();
        assert_eq!(turns[..8], waits[..], "each attempt waits for the ones before it");
        assert!(
            turns[8..].iter().all(|t| matches!(t, Turn::Refused { .. })),
            "a turn more than 20 s away is refused: {turns:?}"
        );
        // A refused attempt takes no turn: the next one is not pushed further.
        let before = counter;
        let (after, _) = limits.schedule(counter, t0());
        assert_eq!(Some(after), before);
    }

    #[test]
    fn a_stranger_trying_slowly_delays_the_owner_by_one_space_at_most() {
        let limits = Limits::default();
        let mut counter = None;
        let mut now = t0();
        // A stranger trying once every 16 s, for ten minutes.
        for _ in 0..38 {
            let (next, turn) = limits.schedule(counter, now);
            assert!(matches!(turn, Turn::After(_)));
            counter = Some(next);
            now += Duration::seconds(16);
        }
        // The owner, from a new device, in between: waits, never refused.
        let (_, turn) = limits.schedule(counter, now - Duration::seconds(8));
        assert!(
            matches!(turn, Turn::After(wait) if wait <= Duration::seconds(16)),
            "{turn:?}"
        );
    }

    #[test]
    fn signups_have_a_budget_per_address() {
        let limits = Limits::default();
        let counter = spend(5, limits.signup_window, |c, now| limits.check_signup(c, now));
        let sixth = Limits::count(counter, t0(), limits.signup_window);
        assert_eq!(limits.check_signup(&sixth, t0()), Err(3600));
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
        assert_ne!(Key::login_address(v6), Key::signup_address(v6));
    }

    #[test]
    fn an_ipv6_subscriber_is_one_address_and_mapped_ipv4_is_ipv4() {
        let a = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0, 0, 0, 1));
        let b = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0xffff, 1, 2, 3));
        let other = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 3, 0, 0, 0, 1));
        assert_eq!(Key::login_address(a), Key::login_address(b));
        assert_ne!(Key::login_address(a), Key::login_address(other));
        let mapped = IpAddr::V6(Ipv4Addr::new(10, 0, 0, 2).to_ipv6_mapped());
        assert_eq!(
            Key::login_address(mapped),
            Key::login_address(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)))
        );
    }

    #[test]
    fn device_tokens_are_stored_as_hashes() {
        let token = DeviceToken::from_random_bytes([7; 32]);
        assert_eq!(DeviceToken::parse(token.as_str()), Some(token.clone()));
        assert_ne!(token.hash(), token.as_str());
        assert_eq!(DeviceToken::parse("not a token"), None);
        assert_eq!(format!("{token:?}"), "DeviceToken(***)");
    }

    proptest! {
        /// However many attempts arrive and whenever, no two are checked less than their
        /// spacing apart, and no attempt waits longer than the cap.
        #[test]
        fn checked_attempts_keep_their_spacing(offsets in proptest::collection::vec(0_i64..120_000, 1..80)) {
            let limits = Limits::default();
            let mut arrivals: Vec<i64> = offsets;
            arrivals.sort_unstable();
            let mut counter = None;
            let mut checked: Vec<(DateTime<Utc>, u32)> = Vec::new();
            for millis in arrivals {
                let now = t0() + Duration::milliseconds(millis);
                let (next, turn) = limits.schedule(counter, now);
                if let Turn::After(wait) = turn {
                    prop_assert!(wait <= limits.max_wait);
                    checked.push((now + wait, next.count));
                }
                counter = Some(next);
            }
            for pair in checked.windows(2) {
                let ((at, attempt), (next_at, _)) = (pair[0], pair[1]);
                prop_assert!(next_at - at >= limits.spacing(attempt));
            }
        }
    }
}
